import type { Response } from 'express';
import type ExcelJS from 'exceljs';

/** Characters that make a spreadsheet read a cell as a formula (or, tab and CR, shift it into one): OWASP CSV injection. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)), made
 * inert with a leading apostrophe, as the OWASP CSV-injection guidance says; other values unchanged.
 */
export function neutralizeCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every text cell of every sheet of `book` through {@link neutralizeCell}: the exports hold names and reasons users typed. */
export function neutralizeWorkbook(book: ExcelJS.Workbook): void {
  book.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const safe = neutralizeCell(cell.value);
        if (safe !== cell.value) cell.value = safe as string;
      });
    });
  });
}

/** Sends `book` as an .xlsx attachment named `filename` (never cached: the sheets hold AUTHORITY data); formula-like texts neutralised first. */
export async function sendXlsx(res: Response, book: ExcelJS.Workbook, filename: string): Promise<void> {
  neutralizeWorkbook(book);
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
