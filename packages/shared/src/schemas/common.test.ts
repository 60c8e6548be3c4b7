import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTERS_MESSAGE, IdSchema, isWellFormedText, LONE_SURROGATE_MESSAGE, text } from './common.ts';
import { EmailSchema } from './users.ts';

/** What `text()` refuses with which message ('' when it accepts the value). */
const refusal = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: string) => {
  const r = schema.safeParse(value);
  return r.success ? '' : r.error?.issues.map((i) => i.message).join('; ');
};

describe('text(): the one rule for every string the API accepts', () => {
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone high surrogate at the end', 'done \udbff'],
    ['a lone low surrogate', '\udc00'],
    ['a low surrogate before a high one', 'x\udc00\ud800y'],
    ['a high surrogate followed by another high one', '\ud83d\ud83d\ude00'],
    ['JSON’s escape, as JSON.parse hands it over', (JSON.parse('{"note":"\\ud800"}') as { note: string }).note],
  ])('refuses %s', (_name, value) => {
    expect(refusal(text(), value)).toBe(LONE_SURROGATE_MESSAGE);
    expect(isWellFormedText(value)).toBe(false);
  });

  it.each([
    ['plain text', 'Fixed the printer'],
    ['a surrogate pair (emoji)', 'done \ud83d\ude00'],
    ['letters beyond Latin-1, tabs and line breaks', 'Grüße — 日本語\n\tline two'],
    ['the empty string', ''],
    ['U+FFFD itself', '\ufffd'],
  ])('accepts %s', (_name, value) => {
    expect(refusal(text(), value)).toBe('');
    expect(isWellFormedText(value)).toBe(true);
  });

  it('agrees with String.prototype.isWellFormed where the runtime has it', () => {
    const samples = ['\ud800', '\udc00', 'a\ud83d\ude00b', '\ud83d', '\ude00\ud83d', 'ok'];
    for (const s of samples) {
      const native = (s as string & { isWellFormed?: () => boolean }).isWellFormed?.();
      if (native !== undefined) expect(isWellFormedText(s)).toBe(native);
    }
  });

  it('still refuses control characters, and the schemas built on it refuse both', () => {
    expect(refusal(text(), 'a\u0000b')).toBe(CONTROL_CHARACTERS_MESSAGE);
    expect(refusal(IdSchema, 'id\ud800')).toBe(LONE_SURROGATE_MESSAGE);
    expect(refusal(EmailSchema, 'a\udc00@example.com')).toContain(LONE_SURROGATE_MESSAGE);
    expect(refusal(text().trim().min(1).max(5), ' ab ')).toBe('');
  });
});
