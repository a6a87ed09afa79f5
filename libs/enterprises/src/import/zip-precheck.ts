import { SheetLimitError, type SheetLimits } from './sheet-limits.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Checks an .xlsx container from its central directory before anything is inflated: an encrypted
 * (password-protected) or legacy file, too many entries, declared sizes beyond the bounds, zip-bomb
 * ratios, macros. The streaming reader counts actual bytes too, so a directory that lies gains nothing.
 */
export function precheckXlsx(buf: Buffer, limits: SheetLimits): void {
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // Excel saves password-protected workbooks (and .xls) as OLE compound files, not zip.
    throw new SheetLimitError('format', '文件已加密（设置了打开密码）或为旧版 .xls 格式：请取消密码并另存为 .xlsx 后再导入 (the file is password-protected or a legacy .xls; remove the password and save as .xlsx)');
  }
  const notXlsx = () => new SheetLimitError('format', '文件不是有效的 .xlsx 工作簿（无法读取其 zip 目录）(the file is not a readable .xlsx workbook)');
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw new SheetLimitError('size', '文件过大（ZIP64）(the workbook is too large: ZIP64 container)');
  if (entries > limits.maxZipEntries) {
    throw new SheetLimitError('entries', `工作簿内部文件过多（${entries} 个，上限 ${limits.maxZipEntries}）(the workbook holds ${entries} parts; at most ${limits.maxZipEntries})`);
  }
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notXlsx();
    const flags = buf.readUInt16LE(p + 8);
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength));
    if (flags & 0x1) throw new SheetLimitError('format', '工作簿内容已加密，请取消密码后再导入 (the workbook is encrypted; remove the password)');
    if (/vbaProject\.bin$/i.test(name)) {
      throw new SheetLimitError('format', '工作簿含宏（VBA），不予读取：请另存为不含宏的 .xlsx (the workbook contains macros; save it as a plain .xlsx)');
    }
    if (uncompressed === 0xffffffff || compressed === 0xffffffff) throw new SheetLimitError('size', '文件过大（ZIP64）(the workbook is too large: ZIP64 container)');
    if (/^xl\/sharedStrings\.xml$/i.test(name) && uncompressed > limits.maxSharedStringsBytes) {
      const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
      throw new SheetLimitError(
        'sharedStrings',
        `工作簿的共享文本表解压后 ${mb(uncompressed)} MB，超过上限 ${mb(limits.maxSharedStringsBytes)} MB，请拆分文件或删除无关的工作表 (the shared-strings table unpacks to ${mb(uncompressed)} MB; at most ${mb(limits.maxSharedStringsBytes)} MB)`,
      );
    }
    total += uncompressed;
    const ratio = uncompressed / Math.max(compressed, 1);
    if (uncompressed > 1_000_000 && ratio > limits.maxCompressionRatio) {
      throw new SheetLimitError(
        'compression',
        `工作簿压缩比异常（${Math.round(ratio)}:1，上限 ${limits.maxCompressionRatio}:1），疑似压缩炸弹，已拒绝 (compression ratio ${Math.round(ratio)}:1 exceeds ${limits.maxCompressionRatio}:1; refused as a possible zip bomb)`,
      );
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (total > limits.maxUncompressedBytes) {
    const mb = (x: number) => Math.round(x / 1024 / 1024);
    throw new SheetLimitError('size', `工作簿解压后约 ${mb(total)} MB，超过上限 ${mb(limits.maxUncompressedBytes)} MB，请拆分文件 (the workbook unpacks to ${mb(total)} MB; at most ${mb(limits.maxUncompressedBytes)} MB)`);
  }
}
