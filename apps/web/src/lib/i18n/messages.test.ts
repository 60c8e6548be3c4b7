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

/**
 * The argument names of an ICU message, sorted. Branch bodies of plural/select arguments are
 * text again (translated, so `{Open}` in `{status, select, OPEN {Open} …}` is no placeholder).
 */
function placeholders(message: string): string[] {
  const names: string[] = [];
  let i = 0;
  const text = (): void => {
    while (i < message.length && message[i] !== '}') {
      if (message[i] === '{') argument();
      else i += 1;
    }
  };
  const argument = (): void => {
    const head = /^\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) { i += 1; return; }
    names.push(head[1]!);
    i += head[0].length;
    if (head[2] && /^(plural|select|selectordinal)$/.test(head[2])) {
      i += 1; // the comma after the type
      while (i < message.length && message[i] !== '}') {
        if (message[i] === '{') { i += 1; text(); }
        i += 1;
      }
    } else {
      while (i < message.length && message[i] !== '}') i += 1;
    }
    i += 1;
  };
  text();
  return names.sort();
}

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

  it('reads placeholders, not select/plural branch text', () => {
    expect(placeholders('{month} for {count, plural, one {# person} other {# people of {team}}}.')).toEqual(['count', 'month', 'team']);
    expect(placeholders('{status, select, OPEN {Open} other {Reopened}}')).toEqual(['status']);
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
