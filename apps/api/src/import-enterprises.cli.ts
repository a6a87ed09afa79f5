/**
 * npm run import:enterprises -- path/to/list.xlsx|list.csv [--json]
 *
 * Upserts enterprises by USCC into DATABASE_URL (or embedded PostgreSQL), the same engine as the
 * `importEnterprises` mutation. Prints a report; exits 0 even when rows were rejected, 1 when the
 * file cannot be read or parsed, 2 on wrong usage.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { loadConfig } from '../../../libs/platform/src/config/config.js';
import { openDatabase } from '../../../libs/platform/src/database/database-runtime.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';
import { EnterpriseProfileService } from '../../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter, parseEnterpriseSheet, type ImportReport } from '../../../libs/enterprises/src/import/enterprise-import.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');
if (files.length !== 1) {
  console.error('usage: npm run import:enterprises -- <file.xlsx|file.csv> [--json]');
  process.exit(2);
}
// npm runs scripts from the package root; resolve the path against where the user typed it.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);

let rows;
try {
  const sheet = await parseEnterpriseSheet(await readFile(path), basename(path));
  rows = sheet.rows;
  if (sheet.headerRow > 1) console.error(`表头在第 ${sheet.headerRow} 行 (header found in row ${sheet.headerRow})`);
  for (const u of sheet.unknownColumns) console.error(`未识别的列 ${u.column}「${u.header}」已忽略 (unknown column ignored)`);
} catch (err) {
  const message = err instanceof AppError ? err.message : `无法读取文件 (cannot read the file): ${(err as Error).message}`;
  console.error(`${path}: ${message}`);
  process.exit(1);
}

const config = loadConfig();
// Progress goes to stderr, so `--json` output on stdout stays parseable.
const db = await openDatabase(config, (m) => console.error(m), 'srdi-import');
let report: ImportReport;
try {
  const importer = new EnterpriseImporter(db.dataSource, new EnterpriseProfileService(db.dataSource));
  report = await importer.import(rows, { actorUserId: null });
} finally {
  await db.close();
}

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(printReport(path, report));
}

function printReport(file: string, r: ImportReport): string {
  const lines = [
    `${file}: ${r.total} rows — ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged enterprises; ${r.rejectedRows} row(s) rejected`,
  ];
  if (r.firms.length > 0) {
    lines.push('', 'outcome    uscc                rows       name');
    for (const f of r.firms) {
      lines.push(`${f.outcome.padEnd(10)} ${f.uscc.padEnd(19)} ${f.rows.join(',').padEnd(10)} ${f.name}${f.organizationCreated ? '  (new organization)' : ''}`);
    }
  }
  if (r.rejected.length > 0) {
    lines.push('', 'rejected:', 'row   uscc                field                 reason');
    for (const x of r.rejected) {
      lines.push(`${String(x.row).padEnd(5)} ${(x.uscc ?? '—').padEnd(19)} ${x.field.padEnd(21)} ${x.reason}`);
    }
  }
  return lines.join('\n');
}
