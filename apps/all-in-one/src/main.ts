import { ConfigError, loadConfig } from '../../../libs/platform/src/index.js';
import { serve } from '../../api/src/bootstrap.js';
import { WorkerModule } from '../../worker/src/worker.module.js';

/**
 * `npm start`: the API, the queue workers and the outbox relay in one process, on embedded
 * PostgreSQL unless DATABASE_URL is set. The composition of the API and the worker lives here, so
 * neither app imports the other.
 */
async function main() {
  const config = loadConfig();
  await serve(config, WorkerModule);
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
