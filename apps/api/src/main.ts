import { ConfigError, loadConfig } from '../../../libs/platform/src/index.js';
import { serve } from './bootstrap.js';

/** `node main.js` serves the API alone (`start:api`); the all-in-one `npm start` is `apps/all-in-one/src/main.ts`. */
async function main() {
  if (process.argv.includes('--with-worker')) {
    throw new ConfigError('--with-worker', 'is no longer an option of the API: the all-in-one process is `node dist/apps/all-in-one/src/main.js` (`npm start`)');
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'is required for `start:api` (the embedded default runs all-in-one: `npm start`)');
  }
  await serve(config);
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
