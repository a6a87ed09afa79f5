/**
 * Text hygiene (ADR 0037): what a name, title or message may not contain, because it would rewrite
 * how the text is shown to someone else — in a browser, a spreadsheet or an operator's terminal.
 *
 * - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): ESC starts ANSI escapes (terminal
 *   colours, cursor moves, fake log lines), CSI (U+009B) is the C1 form; tab, line feed and carriage
 *   return are allowed in long texts only.
 * - Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): "Trojan Source" reordering,
 *   e.g. a file or firm name that reads differently from what it is.
 */
export type TextProblem = 'ansi' | 'control' | 'bidi' | 'line-break';

// Control characters are what these patterns look for.
/* eslint-disable no-control-regex */
const ANSI = /\u001b[[\]()#;?0-9]|\u009b/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BREAKS = /[\t\n\r]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** The first problem of `value`, or undefined. `multiline` texts (descriptions, messages) may hold tabs and line breaks. */
export function textProblem(value: string, multiline: boolean): TextProblem | undefined {
  if (ANSI.test(value)) return 'ansi';
  if (CONTROL.test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi';
  if (!multiline && BREAKS.test(value)) return 'line-break';
  return undefined;
}

/**
 * Input fields and arguments that hold one line (names, titles, codes, addresses, tags); every other
 * text field may hold line breaks and tabs. Fields named here are one line wherever they appear.
 */
export const SINGLE_LINE_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'title',
  'displayName',
  'tags',
  'address',
  'contactName',
  'contactPhone',
  'contactEmail',
  'email',
  'website',
  'techField',
  'partnerInvestor',
  'filename',
  'uscc',
  'regionCode',
  'regionCodes',
  'industryCode',
  'industryCodes',
  'query',
  'operation',
  'column',
  'field',
]);

/** Secrets are compared, never shown: left as typed. */
export const UNCHECKED_FIELDS: ReadonlySet<string> = new Set(['password', 'current', 'next', 'token']);

/** The problem of a text sent in `field` (its input field or argument name), or undefined. */
export function fieldTextProblem(field: string, value: string): TextProblem | undefined {
  if (UNCHECKED_FIELDS.has(field)) return undefined;
  return textProblem(value, !SINGLE_LINE_FIELDS.has(field));
}

/** The Chinese-first message for a refused text, naming the field. */
export function textProblemMessage(field: string, problem: TextProblem): string {
  switch (problem) {
    case 'ansi':
      return `${field}：文本不能包含终端控制序列（ESC/ANSI 转义）(${field}: text may not contain ANSI escape sequences)`;
    case 'control':
      return `${field}：文本不能包含控制字符 (${field}: text may not contain control characters U+0000–U+001F, U+007F–U+009F)`;
    case 'bidi':
      return `${field}：文本不能包含双向文字控制符（U+202A–U+202E、U+2066–U+2069）(${field}: text may not contain bidirectional overrides or isolates)`;
    case 'line-break':
      return `${field}：该字段只能是一行文本，不能包含换行或制表符 (${field}: one line only; no line breaks or tabs)`;
  }
}

/**
 * An uploaded file's name (import sheets, case attachments) under the same rules as a one-line text:
 * a name like `发票\u202Efdp.exe` reads as `发票exe.pdf`. Returns the Chinese-first refusal, or undefined.
 */
export function filenameProblemMessage(name: string): string | undefined {
  const problem = textProblem(name, false);
  if (!problem) return undefined;
  const what = { ansi: '终端控制序列（ESC/ANSI 转义）', control: '控制字符', bidi: '双向文字控制符（U+202A–U+202E、U+2066–U+2069）', 'line-break': '换行或制表符' }[problem];
  return `文件名不能包含${what}，请重命名文件后再上传 (the file name contains ${problem === 'line-break' ? 'a line break or tab' : problem === 'bidi' ? 'bidirectional overrides or isolates' : problem === 'ansi' ? 'an ANSI escape sequence' : 'control characters'})`;
}
