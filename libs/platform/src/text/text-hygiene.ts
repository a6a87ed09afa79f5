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

/** Chinese first, then English: how every refusal of a text names its problem. */
export interface Wording {
  zh: string;
  en: string;
}

/**
 * The one wording of each problem (what the text may not be), shared by every refusal: GraphQL
 * fields, sheet cells and file names differ only in what they name as the subject.
 */
export const TEXT_PROBLEM_WORDING: Readonly<Record<TextProblem, Wording>> = {
  ansi: { zh: '不能包含终端控制序列（ESC/ANSI 转义）', en: 'may not contain ANSI escape sequences' },
  control: { zh: '不能包含控制字符', en: 'may not contain control characters U+0000–U+001F, U+007F–U+009F' },
  bidi: { zh: '不能包含双向文字控制符（U+202A–U+202E、U+2066–U+2069）', en: 'may not contain bidirectional overrides or isolates' },
  'line-break': { zh: '只能是一行文本，不能包含换行或制表符', en: 'must be one line, without line breaks or tabs' },
};

/**
 * A Chinese-first refusal of a text: `subject` (e.g. 单元格 / the cell) followed by the problem's
 * wording, then `advice` (what to do) if any. Never quotes the text itself.
 */
export function textRefusal(problem: TextProblem, subject: Wording, advice?: Wording): string {
  const wording = TEXT_PROBLEM_WORDING[problem];
  const zh = `${subject.zh}${wording.zh}${advice ? `，${advice.zh}` : ''}`;
  const en = `${subject.en} ${wording.en}${advice ? `; ${advice.en}` : ''}`;
  // A full-width closing bracket already separates the Chinese from the English.
  return `${zh}${zh.endsWith('）') ? '' : ' '}(${en})`;
}

/** The Chinese-first message for a refused text, naming the field. */
export function textProblemMessage(field: string, problem: TextProblem): string {
  // A line break is a property of the field (one line), the others of the text.
  const subject = problem === 'line-break' ? { zh: '该字段', en: 'the field' } : { zh: '文本', en: 'text' };
  return textRefusal(problem, { zh: `${field}：${subject.zh}`, en: `${field}: ${subject.en}` });
}

const FILENAME: Wording = { zh: '文件名', en: 'the file name' };
const RENAME: Wording = { zh: '请重命名文件后再上传', en: 'rename the file and upload it again' };

/**
 * An uploaded file's name (import sheets, case attachments) under the same rules as a one-line text:
 * a name like `发票\u202Efdp.exe` reads as `发票exe.pdf`. Returns the Chinese-first refusal, or undefined.
 */
export function filenameProblemMessage(name: string): string | undefined {
  const problem = textProblem(name, false);
  return problem && textRefusal(problem, FILENAME, RENAME);
}
