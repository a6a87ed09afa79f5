import { describe, expect, it } from '@jest/globals';
import { fieldTextProblem, filenameProblemMessage, textProblem, textProblemMessage, textRefusal } from '../../../libs/platform/src/text/text-hygiene.js';

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

describe('text hygiene: one wording per problem for fields, sheet cells and file names', () => {
  it.each([
    ['ansi', 'name：文本不能包含终端控制序列（ESC/ANSI 转义）(name: text may not contain ANSI escape sequences)'],
    ['control', 'name：文本不能包含控制字符 (name: text may not contain control characters U+0000–U+001F, U+007F–U+009F)'],
    ['bidi', 'name：文本不能包含双向文字控制符（U+202A–U+202E、U+2066–U+2069）(name: text may not contain bidirectional overrides or isolates)'],
    ['line-break', 'name：该字段只能是一行文本，不能包含换行或制表符 (name: the field must be one line, without line breaks or tabs)'],
  ] as const)('a field: %s', (problem, message) => {
    expect(textProblemMessage('name', problem)).toBe(message);
  });

  it.each([
    ['发票\u202efdp.exe', '文件名不能包含双向文字控制符（U+202A–U+202E、U+2066–U+2069），请重命名文件后再上传 (the file name may not contain bidirectional overrides or isolates; rename the file and upload it again)'],
    ['报告\u0085.pdf', '文件名不能包含控制字符，请重命名文件后再上传 (the file name may not contain control characters U+0000–U+001F, U+007F–U+009F; rename the file and upload it again)'],
    ['报告\u001b[31m.pdf', '文件名不能包含终端控制序列（ESC/ANSI 转义），请重命名文件后再上传 (the file name may not contain ANSI escape sequences; rename the file and upload it again)'],
    ['报告\t.pdf', '文件名只能是一行文本，不能包含换行或制表符，请重命名文件后再上传 (the file name must be one line, without line breaks or tabs; rename the file and upload it again)'],
    ['2025年审计报告（终稿）.pdf', undefined],
  ])('a file name %j', (name, message) => {
    expect(filenameProblemMessage(name)).toBe(message);
  });

  it('names the subject and the advice, never the text', () => {
    expect(textRefusal('control', { zh: '企业名称：单元格', en: 'the cell' })).toBe(
      '企业名称：单元格不能包含控制字符 (the cell may not contain control characters U+0000–U+001F, U+007F–U+009F)',
    );
    expect(textRefusal('bidi', { zh: '企业名称：单元格', en: 'the cell' })).toBe(
      '企业名称：单元格不能包含双向文字控制符（U+202A–U+202E、U+2066–U+2069）(the cell may not contain bidirectional overrides or isolates)',
    );
  });
});
