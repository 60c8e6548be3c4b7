import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { de } from './messages/de';

const SRC = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every English message the SPA passes to t()/translate() (string literals only). */
function usedMessages(): Set<string> {
  const found = new Set<string>();
  const call = /\b(?:t|translate)(?:\.rich)?\(\s*'((?:[^'\\]|\\.)*)'/g;
  for (const file of sources(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) found.add(match[1]!.replace(/\\'/g, "'"));
  }
  return found;
}

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('German catalog', () => {
  const used = usedMessages();

  it('finds the messages (the scan itself works)', () => {
    expect(used.size).toBeGreaterThan(400);
    expect(used.has('Start Work')).toBe(true);
  });

  it('translates every message the SPA uses', () => {
    const missing = [...used].filter((m) => !(m in de));
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder of the English message', () => {
    const broken = Object.entries(de).filter(([en, translated]) => {
      const want = new Set(placeholders(en));
      const got = new Set(placeholders(translated));
      return [...want].some((p) => !got.has(p));
    });
    expect(broken).toEqual([]);
  });
});
