import { fileTypeFromBuffer } from 'file-type';
import { badInput, filenameProblemMessage } from '../../platform/src/index.js';

/** 10 MB: a scanned certificate, an audit report or a proposal; bigger files go by other means. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_FILENAME_MAX_CHARS = 200;

/** Allowed types: extension → the type the content must sniff as (file-type's ext) and its label. */
const ALLOWED: Record<string, { sniffed: string; mime: string; label: string }> = {
  pdf: { sniffed: 'pdf', mime: 'application/pdf', label: 'PDF 文档' },
  png: { sniffed: 'png', mime: 'image/png', label: 'PNG 图片' },
  jpg: { sniffed: 'jpg', mime: 'image/jpeg', label: 'JPEG 图片' },
  jpeg: { sniffed: 'jpg', mime: 'image/jpeg', label: 'JPEG 图片' },
  docx: { sniffed: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档（docx）' },
  xlsx: { sniffed: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格（xlsx）' },
};
const LABEL_BY_SNIFFED: Record<string, string> = Object.fromEntries(Object.values(ALLOWED).map((a) => [a.sniffed, a.label]));
export const ATTACHMENT_EXTENSIONS = Object.keys(ALLOWED);

/** A name fit to show and to send in Content-Disposition: no path, no control characters, bounded. */
export function cleanFilename(raw: string, field: string): string {
  const base = String(raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!name) throw badInput('附件缺少文件名 (the attachment has no file name)', field);
  // C0 controls (what browsers and busboy leave behind) are dropped above; C1 controls and bidi
  // overrides would change how the name reads to the other side, so they are refused.
  const problem = filenameProblemMessage(name);
  if (problem) throw badInput(problem, field);
  if (Array.from(name).length > ATTACHMENT_FILENAME_MAX_CHARS) {
    throw badInput(`附件文件名最多 ${ATTACHMENT_FILENAME_MAX_CHARS} 字 (file name longer than ${ATTACHMENT_FILENAME_MAX_CHARS} characters)`, field);
  }
  return name;
}

/**
 * Checks an upload: size within {@link ATTACHMENT_MAX_BYTES}, an allowed extension, and content
 * that really is of that type (sniffed from its bytes by `file-type`; a PNG named .pdf, or an
 * executable named .docx, is refused). Returns the content type to store and serve.
 */
export async function checkAttachment(filename: string, content: Buffer, fields = { filename: 'filename', content: 'file' }): Promise<{ contentType: string }> {
  if (content.length === 0) throw badInput('附件为空文件 (the attachment is empty)', fields.content);
  if (content.length > ATTACHMENT_MAX_BYTES) {
    throw badInput(`附件超过上限 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB (the attachment exceeds ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB)`, fields.content);
  }
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(filename)?.[1]?.toLowerCase();
  const allowed = ext ? ALLOWED[ext] : undefined;
  if (!allowed) {
    throw badInput(
      `不支持的附件类型${ext ? ` .${ext}` : '（无扩展名）'}：仅接受 PDF、PNG、JPEG、Word（docx）和 Excel（xlsx）文件 ` +
        `(unsupported attachment type; allowed: ${ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(', ')})`,
      fields.filename,
    );
  }
  const sniffed = await fileTypeFromBuffer(content);
  if (!sniffed || sniffed.ext !== allowed.sniffed) {
    const actual = sniffed ? (LABEL_BY_SNIFFED[sniffed.ext] ?? `${sniffed.ext} 文件`) : '无法识别的内容';
    throw badInput(
      `文件内容与扩展名不符：扩展名为 .${ext}（${allowed.label}），内容实为${actual}，请上传真实的${allowed.label} ` +
        `(the content does not match the .${ext} extension: it is ${sniffed ? sniffed.mime : 'unrecognised'})`,
      fields.content,
    );
  }
  return { contentType: allowed.mime };
}
