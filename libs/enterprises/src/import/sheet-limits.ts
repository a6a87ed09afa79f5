/**
 * Bounds on an uploaded sheet, checked while it is read — before anything proportional to the
 * file's claimed size is allocated. A hostile file ends in BAD_USER_INPUT naming the bound.
 */
export interface SheetLimits {
  /** Bytes of the file as uploaded. */
  maxFileBytes: number;
  /** Non-empty rows, header included. */
  maxRows: number;
  /** Highest column (1-based) that may hold a value; A = 1, XFD = 16,384. */
  maxColumn: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** .xlsx: entries in the zip container. */
  maxZipEntries: number;
  /** .xlsx: total uncompressed bytes the container declares. */
  maxUncompressedBytes: number;
  /** .xlsx: uncompressed / compressed, per entry (zip bombs compress far beyond real sheets). */
  maxCompressionRatio: number;
  /**
   * .xlsx: bytes of the shared-strings part (xl/sharedStrings.xml) unpacked, as its directory entry
   * declares. The reader holds that table in memory while it reads the sheet; its characters are
   * at most its bytes, so this bounds them.
   */
  maxSharedStringsBytes: number;
  /** The isolated reader's heap (MB) and wall time (ms): a last line of defence, not the first. */
  readerHeapMb: number;
  readerTimeoutMs: number;
}

export const SHEET_LIMITS: SheetLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxRows: 20_001,
  maxColumn: 100,
  maxCellChars: 5_000,
  maxZipEntries: 1_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxSharedStringsBytes: 50_000_000,
  readerHeapMb: 384,
  readerTimeoutMs: 120_000,
};

/** A bound the file crossed: `limit` names it (rows, columns, cell, …) for `extensions.limit`. */
export class SheetLimitError extends Error {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'SheetLimitError';
  }
}

/** Column number → letters: 1 → A, 28 → AB, 16384 → XFD. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
