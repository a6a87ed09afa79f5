import type { Response } from 'express';
import type ExcelJS from 'exceljs';

/** Sends `book` as an .xlsx attachment named `filename` (never cached: the sheets hold AUTHORITY data). */
export async function sendXlsx(res: Response, book: ExcelJS.Workbook, filename: string): Promise<void> {
  const buffer = await book.xlsx.writeBuffer();
  res
    .status(200)
    .set({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    })
    .send(Buffer.from(buffer as ArrayBuffer));
}
