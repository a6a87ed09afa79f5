/**
 * The importer alone (issue 14): the 5,000-row bureau sheet (import-sheet.ts) parsed once, then
 * imported by {@link EnterpriseImporter} in the run's batches of IMPORT_BATCH_SIZE enterprises, on a
 * fresh scratch database without server or workers — the cost of writing, apart from the fan-out
 * and the side load that `imports.bench.ts` measures. Then the same rows again (all UNCHANGED) and
 * once more with every money figure changed (all UPDATED). Prints wall time, enterprises/s and this
 * process's CPU per enterprise (PostgreSQL's own time is not in it). Nothing is asserted.
 *
 * Knobs: BENCH_IMPORTER_ROWS (5000). Run: `npm run build && node dist/test/bench/importer.bench.js`.
 */
import os from 'node:os';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter, groupRows, parseEnterpriseSheet, type RawRow } from '../../libs/enterprises/src/import/enterprise-import.js';
import { IMPORT_BATCH_SIZE } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import { scratchDatabase } from './bench-kit.js';
import { bureauSheet } from './import-sheet.js';

const ROWS = Number(process.env.BENCH_IMPORTER_ROWS ?? '5000');

async function pass(importer: EnterpriseImporter, groups: RawRow[][]) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const totals = { created: 0, updated: 0, unchanged: 0, rejectedRows: 0 };
  for (let i = 0; i < groups.length; i += IMPORT_BATCH_SIZE) {
    const report = await importer.import(groups.slice(i, i + IMPORT_BATCH_SIZE).flat(), { actorUserId: null });
    totals.created += report.created;
    totals.updated += report.updated;
    totals.unchanged += report.unchanged;
    totals.rejectedRows += report.rejectedRows;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...totals };
}

function print(label: string, firms: number, r: Awaited<ReturnType<typeof pass>>) {
  console.log(
    `${label.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${((firms * 1000) / r.ms).toFixed(0).padStart(5)} firms/s  ` +
      `${(r.cpuMs / firms).toFixed(2)} ms CPU/firm  (created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, rejected rows ${r.rejectedRows})`,
  );
}

async function main() {
  const today = todayInShanghai();
  const sheet = await bureauSheet({ rows: ROWS, seed: 20261204, today });
  const parsed = await parseEnterpriseSheet(sheet.xlsx, 'bureau.xlsx');
  const groups = groupRows(parsed.rows);
  const db = await scratchDatabase('srdi_bench_importer');
  const dataSource = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-bench-importer');
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const importer = new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource));
    console.log(`importer alone: ${parsed.rows.length} rows, ${groups.length} enterprises, batches of ${IMPORT_BATCH_SIZE}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    print('first import (creates)', groups.length, await pass(importer, groups));
    print('same rows again (unchanged)', groups.length, await pass(importer, groups));
    const changed = groups.map((g) =>
      g.map((r) => ({ ...r, values: { ...r.values, ...(r.values.revenue ? { revenue: String(Number(r.values.revenue) + 1) } : {}) } })),
    );
    print('every revenue changed (updates)', groups.length, await pass(importer, changed));
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
}

await main();
