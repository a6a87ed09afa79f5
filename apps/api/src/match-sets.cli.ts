/**
 * npm run matches:rebuild | npm run matches:reconcile [-- --via-queue] [-- --partitions N]
 * - With DATABASE_URL: recomputes every match set from the database in this process (rebuild), or
 *   repairs drift and writes only the differences (reconcile), then prints the report. The match-sets
 *   lock keeps running workers out meanwhile.
 * - Embedded default (no DATABASE_URL), or `--via-queue`: asks the running server to do it — queues a
 *   `matching.reconcile` job on its queue and prints the report the worker returns.
 * - `rebuild --partitions N` (2–64, through the queue): the rebuild split into N id ranges of firms
 *   that every running worker process may take (ADR 0043).
 */
import { loadConfig, openDatabase, JOB_CATALOG, jobOptions, QueueRegistry } from '../../../libs/platform/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import {
  MatchSetService,
  MatchMaintenanceService,
  type MatchReconcileReport,
  type RebuildReport,
} from '../../../libs/matching/src/index.js';
import { awaitJobResult, runningServerDatabaseUrl } from './cli/running-server.js';

const config = loadConfig();
const mode = process.argv[2];
const rebuild = mode === 'rebuild';
const partitionsArg = process.argv.indexOf('--partitions');
/** Bounded before anything is queued (the handler clamps too). */
const partitions = partitionsArg > 0 ? Math.min(Math.max(Math.trunc(Number(process.argv[partitionsArg + 1])) || 1, 1), 64) : undefined;

function print(report: RebuildReport | MatchReconcileReport): void {
  const secs = (report.ms / 1000).toFixed(1);
  if ('stored' in report) {
    console.log(
      `Rebuilt the match sets in ${secs} s: ${report.enterprises} enterprises × ${report.listings} published listings; ` +
        `${report.scored} pairs scored, ${report.eligible} eligible, ${report.stored} rows stored (${report.removed} old rows replaced).`,
    );
    for (const p of report.partitions ?? []) console.log(`  range ${p.partition}: ${p.enterprises} enterprises, ${p.stored} rows, taken by ${p.takenBy}`);
    return;
  }
  console.log(
    `Reconciled the match sets in ${secs} s: ${report.enterprisesChecked} enterprises × ${report.listingsChecked} published listings checked; ` +
      `rows ${report.rowsBefore} → ${report.rowsAfter}.\n` +
      `  removed: ${report.removedNoProfile} of enterprises without a profile, ${report.removedUnpublished} of listings no longer published, ` +
      `${report.removedOutOfSet} no longer eligible or outside the bound\n` +
      `  recomputed: ${report.staleScorerVersion} of an old scorer version, ${report.staleListingVersion} with an old listing version, ` +
      `${report.staleProfileVersion} with an old profile version, ${report.rescored} whose score changed\n` +
      `  added: ${report.added} missing`,
  );
}

async function viaQueue(): Promise<void> {
  const url = await runningServerDatabaseUrl(config);
  if (!url) {
    console.error('No running srdi-match found for DATA_DIR: start it (`npm start`) or set DATABASE_URL.');
    process.exitCode = 1;
    return;
  }
  const queues = new QueueRegistry({ redisUrl: config.redisUrl, databaseUrl: url });
  try {
    const queue = queues.queue(JOB_CATALOG['matching.reconcile'].queue);
    const job = await queue.add('matching.reconcile', { requestedBy: 'cli', rebuild, ...(rebuild && partitions ? { partitions } : {}) }, jobOptions('matching.reconcile', 'command', { jobId: `match-${mode}-cli-${Date.now()}` }));
    print(await awaitJobResult<RebuildReport | MatchReconcileReport>(queue, job, mode!, 600_000));
  } finally {
    await queues.close();
  }
}

async function direct(): Promise<void> {
  const db = await openDatabase(config, DATABASE_SCHEMA, (m) => console.error(m), `srdi-matches-${mode}`);
  try {
    const maintenance = new MatchMaintenanceService(new MatchSetService(db.dataSource, undefined, config), config);
    print(rebuild ? await maintenance.rebuildAll() : await maintenance.reconcile());
  } finally {
    await db.close();
  }
}

if (mode !== 'rebuild' && mode !== 'reconcile') {
  console.error('usage: match-sets.cli.js rebuild|reconcile [--via-queue]');
  process.exitCode = 2;
} else {
  try {
    // Ranges are taken by the worker processes of a running server: a partitioned rebuild always goes through the queue.
    await (config.databaseUrl && !process.argv.includes('--via-queue') && !(partitions && partitions > 1) ? direct() : viaQueue());
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
