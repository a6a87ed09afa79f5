/**
 * npm run reindex [-- --rebuild]
 * - Meilisearch (MEILI_URL): compares the database with the index and repairs every difference
 *   (or, with --rebuild, empties the index and loads every published listing), then prints the report.
 * - Embedded engine (default): the index lives inside the running all-in-one process, so this asks
 *   that process to reconcile — it queues a `search.reconcile` job on the running server's queue and
 *   prints the report the worker returns. (The embedded index is also rebuilt at every start.)
 */
import { loadConfig, openDatabase, JOB_CATALOG, jobOptions, QueueRegistry } from '../../../libs/platform/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import { createSearchIndex, SearchSyncService, type ReconcileReport } from '../../../libs/search/src/index.js';
import { awaitJobResult, runningServerDatabaseUrl } from './cli/running-server.js';

const config = loadConfig();
const print = (r: ReconcileReport) =>
  console.log(`Reconciled: ${r.checked} published listings checked; ${r.added} added, ${r.updated} updated, ${r.removed} removed from the index.`);

async function viaRunningServer(): Promise<void> {
  const url = await runningServerDatabaseUrl(config);
  if (!url) {
    console.error('No running srdi-match found for DATA_DIR; the embedded index is rebuilt from the database when you `npm start`.');
    process.exitCode = 1;
    return;
  }
  const queues = new QueueRegistry({ redisUrl: config.redisUrl, databaseUrl: url });
  try {
    const queue = queues.queue(JOB_CATALOG['search.reconcile'].queue);
    const job = await queue.add('search.reconcile', { requestedBy: 'cli' }, jobOptions('search.reconcile', 'command', { jobId: `reconcile-cli-${Date.now()}` }));
    print(await awaitJobResult<ReconcileReport>(queue, job, 'reconcile', 120_000));
  } finally {
    await queues.close();
  }
}

async function meilisearch(): Promise<void> {
  const db = await openDatabase(config, DATABASE_SCHEMA, (m) => console.error(m), 'srdi-reindex');
  const index = createSearchIndex(config);
  try {
    await index.init();
    const sync = new SearchSyncService(db.dataSource, index);
    if (process.argv.includes('--rebuild')) {
      await index.clear();
      console.log(`Rebuilt the index: ${await sync.rebuild()} published listings.`);
    } else {
      print(await sync.reconcile());
    }
  } finally {
    await index.close();
    await db.close();
  }
}

try {
  await (config.meiliUrl ? meilisearch() : viaRunningServer());
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
