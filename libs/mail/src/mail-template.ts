/** What a caller says in a mail; the platform's frame (greeting, link, footer) is added by {@link renderMail}. */
export interface MailContent {
  /** Recipient address. */
  to: string;
  /** What the mail is for, e.g. `member.invited`; stored, never shown. */
  kind: string;
  /** Subject without the platform's name (it is prefixed). */
  subject: string;
  /** Paragraphs of the body, in Chinese. */
  lines: string[];
  /** One call to action: a label and a path under the configured link base (may carry a one-time token). */
  action?: { label: string; path: string };
}

export interface MailFrame {
  /** e.g. 专精特新企业服务平台. */
  platformName: string;
  /** Absolute base of links in mails, e.g. https://srdi.example.gov.cn (no trailing slash needed). */
  linkBase: string;
}

export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

/** Joins a path to the link base: exactly one slash between them. */
export function mailLink(linkBase: string, path: string): string {
  return `${linkBase.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The subject and plain-text body of a mail, in the platform's frame. Pure. */
export function renderMail(content: MailContent, frame: MailFrame): { subject: string; body: string } {
  const subject = `【${frame.platformName}】${content.subject}`.replace(/[\r\n]+/g, ' ');
  const parts = ['您好：', '', ...content.lines];
  if (content.action) parts.push('', `${content.action.label}：`, mailLink(frame.linkBase, content.action.path));
  parts.push('', '—', `${frame.platformName}`, '本邮件由系统自动发送，请勿直接回复。如非本人操作，请忽略本邮件。');
  const body = parts.join('\n');
  if (subject.length > MAX_SUBJECT) throw new Error(`mail subject longer than ${MAX_SUBJECT} characters (${content.kind})`);
  if (body.length > MAX_BODY) throw new Error(`mail body longer than ${MAX_BODY} characters (${content.kind})`);
  return { subject, body };
}

/** One-time tokens in links are replaced once the mail has left, so the table holds no usable token. */
export function redactTokens(body: string): string {
  return body.replace(/([?&]token=)[^\s&#]+/g, '$1(已发送，已隐去)');
}
