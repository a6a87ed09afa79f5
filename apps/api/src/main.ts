import { ConfigError, loadConfig } from '../../../libs/platform/src/config/config.js';
import { createLogger } from '../../../libs/platform/src/runtime/runtime.js';
import { installShutdown } from '../../../libs/platform/src/runtime/shutdown.js';
import { describeStart, startApp } from './bootstrap.js';

/** `node main.js` serves the API; `--with-worker` (npm start) also runs the workers in this process. */
async function main() {
  const config = loadConfig();
  const withWorkers = process.argv.includes('--with-worker');
  if (!withWorkers && !config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'is required for `start:api` (the embedded default runs all-in-one: `npm start`)');
  }
  if (!withWorkers && !config.meiliUrl) {
    throw new ConfigError('MEILI_URL', 'is required for `start:api`: the embedded search engine lives only in the all-in-one process (`npm start`)');
  }
  const logger = createLogger(config);
  const started = await startApp({ config, withWorkers, logger });
  installShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, steps: [() => started.close()] });
  logger.info(describeStart(started));
  if (process.stdout.isTTY || !config.production) console.log(`\n  GraphQL sandbox: ${started.graphqlUrl}\n`);
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
