/**
 * A worker process for the partitioned-rebuild test (test/integration/match-rebuild-partitions.spec.ts):
 * its own database pool and a BullMQ worker on the `matching` queue of the test's namespace that
 * runs `matching.rebuild-partition` jobs through the real handler. Prints `ready <taker name>`
 * once its worker fetches jobs; exits on SIGTERM. Run compiled: node dist/test/helpers/match-partition-worker.js.
 * Env: DATABASE_URL, QUEUE_NAMESPACE, REDIS_URL (optional: PostgreSQL backend without it).
 */
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { RebuildPartitionHandler } from '../../libs/matching/src/sets/matching.handlers.js';

const dataSource = buildDataSource(process.env.DATABASE_URL!, DATABASE_SCHEMA, 'srdi-test-partition-worker');
await dataSource.initialize();
// The validated settings (MATCH_REBUILD_THREADS: the test and the bench choose the scoring threads).
const maintenance = new MatchMaintenanceService(new MatchSetService(dataSource), loadConfig(process.env));
const handler = new RebuildPartitionHandler(maintenance);
const queues = new QueueRegistry({ redisUrl: process.env.REDIS_URL || undefined, databaseUrl: process.env.DATABASE_URL!, namespace: process.env.QUEUE_NAMESPACE });
// Queues create the namespace's PostgreSQL queue schema (advisory-locked; both processes may run it); workers only
// check it, so without Redis a worker started first stopped with SchemaMigrationRequiredError.
await queues.ready();
const worker = queues.createWorker(
  'matching',
  async (job) => {
    if (job.name !== 'matching.rebuild-partition') throw new Error(`unexpected job ${job.name}`);
    return handler.handle(job.data);
  },
  1,
);
worker.on('error', (err) => console.error(err));
await queues.runWorkers();
console.log(`ready ${maintenance.takerName}`);
process.on('SIGTERM', () => {
  void queues
    .close(10_000)
    .then(() => dataSource.destroy())
    .finally(() => process.exit(0));
});
