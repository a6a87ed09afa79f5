import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ATTACHMENT_MAX_BYTES, checkAttachment, cleanFilename } from '../../../libs/conversations/src/attachment-types.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b2290000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffd9', 'hex');

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('报价').addRow(['项目', '金额']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('BAD_USER_INPUT');
  return err as AppError;
};

describe('checkAttachment: allowed types by extension and content', () => {
  it.each([
    ['合同.pdf', 'application/pdf', () => PDF],
    ['照片.PNG', 'image/png', () => PNG],
    ['现场.jpg', 'image/jpeg', () => JPEG],
    ['现场.jpeg', 'image/jpeg', () => JPEG],
    ['报价.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx],
    ['方案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx],
  ] as const)('%s is accepted as %s', async (name, type, make) => {
    expect(await checkAttachment(name, await make())).toEqual({ contentType: type });
  });

  it.each([
    ['报告.pdf', () => PNG, /扩展名为 \.pdf（PDF 文档），内容实为PNG 图片/],
    ['报价.xlsx', docx, /扩展名为 \.xlsx（Excel 表格（xlsx）），内容实为Word 文档（docx）/],
    ['照片.png', () => Buffer.from('not an image at all'), /内容实为无法识别的内容/],
    ['方案.docx', () => Buffer.from('MZ\x90\x00\x03'), /扩展名为 \.docx/],
  ] as const)('a lying extension: %s is refused', async (name, make, message) => {
    const err = await refusal(checkAttachment(name, await make()));
    expect(err.message).toMatch(message);
    expect(err.details.field).toBe('file');
  });

  it.each(['setup.exe', '脚本.js', '压缩包.zip', '无扩展名', '旧版.doc'])('%s: a type outside the list is refused on the name', async (name) => {
    const err = await refusal(checkAttachment(name, PDF));
    expect(err.message).toMatch(/不支持的附件类型/);
    expect(err.details.field).toBe('filename');
  });

  it('size: empty refused; exactly 10 MB passes the size check; one byte more is refused', async () => {
    await refusal(checkAttachment('空.pdf', Buffer.alloc(0)));
    const atLimit = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES - PDF.length)]);
    expect(await checkAttachment('满.pdf', atLimit)).toEqual({ contentType: 'application/pdf' });
    const err = await refusal(checkAttachment('超.pdf', Buffer.concat([atLimit, Buffer.alloc(1)])));
    expect(err.message).toMatch(/附件超过上限 10 MB/);
  });
});

describe('cleanFilename', () => {
  it('keeps the last path part, drops control characters and quotes, bounds the length', () => {
    expect(cleanFilename('C:\\fakepath\\审计报告.pdf', 'file')).toBe('审计报告.pdf');
    expect(cleanFilename('../../etc/"pass\u0000wd".pdf', 'file')).toBe('passwd.pdf');
    expect(cleanFilename(`${'名'.repeat(196)}.pdf`, 'file')).toHaveLength(200);
    expect(() => cleanFilename(`${'名'.repeat(197)}.pdf`, 'file')).toThrow(/最多 200 字/);
    expect(() => cleanFilename('/', 'file')).toThrow(/缺少文件名/);
  });
});

describe('cleanFilename: names that would read differently are refused', () => {
  it.each([
    ['a right-to-left override', '发票\u202efdp.exe'],
    ['an isolate', '报告\u2067.pdf'],
    ['a C1 control', '报告\u0085.pdf'],
  ])('%s', (_label, raw) => {
    expect(() => cleanFilename(raw, 'file')).toThrow(/文件名不能包含/);
  });
  it('keeps an ordinary Chinese name', () => {
    expect(cleanFilename('2025年审计报告（终稿）.pdf', 'file')).toBe('2025年审计报告（终稿）.pdf');
  });
});
