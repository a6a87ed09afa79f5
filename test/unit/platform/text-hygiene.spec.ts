import { describe, expect, it } from '@jest/globals';
import { fieldTextProblem, textProblem } from '../../../libs/platform/src/text/text-hygiene.js';

describe('text hygiene: one shared validator for names, titles and messages', () => {
  it.each([
    ['plain Chinese', '余姚市精密制造有限公司', false, undefined],
    ['emoji and full-width punctuation', '园区（一期）🏭，欢迎！', false, undefined],
    ['Arabic and Hebrew text without overrides', 'שלום مرحبا', false, undefined],
    ['U+0001', 'a\u0001b', true, 'control'],
    ['U+001F (last C0)', 'a\u001fb', true, 'control'],
    ['U+007F DEL', 'a\u007fb', true, 'control'],
    ['U+0085 (C1 NEL)', 'a\u0085b', true, 'control'],
    ['U+009F (last C1)', 'a\u009fb', true, 'control'],
    ['U+00A0 no-break space (first after C1) passes', 'a\u00a0b', false, undefined],
    ['ESC [ (ANSI colour)', '\u001b[31mred', true, 'ansi'],
    ['ESC ] (OSC, terminal title)', '\u001b]0;owned\u0007', true, 'ansi'],
    ['CSI U+009B', '\u009b31m', true, 'ansi'],
    ['U+202E right-to-left override', 'invoice\u202Efdp.exe', true, 'bidi'],
    ['U+202A (first embedding)', 'a\u202Ab', true, 'bidi'],
    ['U+2066 (first isolate)', 'a\u2066b', true, 'bidi'],
    ['U+2069 (last isolate)', 'a\u2069b', true, 'bidi'],
    ['U+200F right-to-left mark passes (not an override)', 'a\u200fb', false, undefined],
    ['U+2065 passes (below the isolates)', 'a\u2065b', false, undefined],
    ['tab in a long text', 'a\tb', true, undefined],
    ['CRLF in a long text', 'a\r\nb', true, undefined],
  ])('%s (multiline=%s)', (_label, value, multiline, expected) => {
    expect(textProblem(value as string, multiline as boolean)).toBe(expected);
  });

  it.each([
    ['line feed in a one-line text', 'a\nb', 'line-break'],
    ['tab in a one-line text', 'a\tb', 'line-break'],
    ['carriage return in a one-line text', 'a\rb', 'line-break'],
  ])('%s', (_label, value, expected) => {
    expect(textProblem(value, false)).toBe(expected);
    expect(textProblem(value, true)).toBeUndefined();
  });

  it('knows one-line fields by name; secrets are not checked', () => {
    expect(fieldTextProblem('title', '标题\n')).toBe('line-break');
    expect(fieldTextProblem('description', '说明\n第二段')).toBeUndefined();
    expect(fieldTextProblem('password', 'p\u0001ss')).toBeUndefined();
    expect(fieldTextProblem('description', '\u001b[2J')).toBe('ansi');
  });
});
