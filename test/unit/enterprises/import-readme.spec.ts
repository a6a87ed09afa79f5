/**
 * The README's import tables are written from the code: the column dictionary from IMPORT_COLUMNS
 * (key, Chinese header, synonyms, required) and the limits table from SHEET_LIMITS. A synonym or a
 * bound changed in one place and not the other fails here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { IMPORT_COLUMNS } from '../../../libs/enterprises/src/import/import-columns.js';
import { SHEET_LIMITS, columnLetters } from '../../../libs/enterprises/src/import/sheet-limits.js';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Bulk import of enterprises'), readme.indexOf('\n## ', readme.indexOf('## Bulk import of enterprises') + 1));
const cells = (line: string) => line.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim());
const n = (x: number) => x.toLocaleString('en');

describe('README column dictionary = IMPORT_COLUMNS', () => {
  const rows = section.split('\n').filter((l) => /^\| `\w+` \| /.test(l));

  it('has one row per column, in the dictionary order', () => {
    expect(rows.map((l) => cells(l)[0])).toEqual(IMPORT_COLUMNS.map((c) => `\`${c.key}\``));
  });

  it.each(IMPORT_COLUMNS.map((c) => [c.key, c] as const))('%s: Chinese header, synonyms, required', (key, c) => {
    const [, header, , required] = cells(rows.find((l) => l.startsWith(`| \`${key}\` |`))!);
    expect(header).toBe(`${c.zh}${c.aliases?.length ? ` (${c.aliases.join(', ')})` : ''}`);
    expect(required === 'yes').toBe(c.required);
  });
});

describe('README limits table = SHEET_LIMITS', () => {
  const table = new Map(
    section
      .split('\n')
      .filter((l) => /^\| [^|]+ \| [^|]+ \| `\w+` \|/.test(l))
      .map((l) => [cells(l)[2]!.replace(/`/g, ''), cells(l)[1]!] as const),
  );
  const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;

  it.each([
    ['fileSize', [mb(SHEET_LIMITS.maxFileBytes), `${n(SHEET_LIMITS.maxFileBytes)} bytes`]],
    ['rows', [`${n(SHEET_LIMITS.maxRows)} non-empty rows`, `${n(SHEET_LIMITS.maxRows - 1)} data rows`]],
    ['columns', [`column ${SHEET_LIMITS.maxColumn} (${columnLetters(SHEET_LIMITS.maxColumn)})`]],
    ['cell', [`${n(SHEET_LIMITS.maxCellChars)} characters`]],
    ['entries', [n(SHEET_LIMITS.maxZipEntries)]],
    ['size', [mb(SHEET_LIMITS.maxUncompressedBytes)]],
    ['compression', [`${SHEET_LIMITS.maxCompressionRatio} : 1`]],
    ['sharedStrings', [`${n(SHEET_LIMITS.maxSharedStringsBytes)} bytes`]],
    ['memory', [`${SHEET_LIMITS.readerHeapMb} MB`]],
    ['time', [`${SHEET_LIMITS.readerTimeoutMs / 1000} s`]],
  ])('%s', (limit, expected) => {
    for (const text of expected) expect(table.get(limit)).toContain(text);
  });
});
