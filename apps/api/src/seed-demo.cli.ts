/** npm run seed:demo: demo organizations and users into DATABASE_URL (or embedded PostgreSQL). */
import { loadConfig, openDatabase, createLogger } from '../../../libs/platform/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import { ensureAuthority, seedDemoData } from './demo/seed-demo.js';

const config = loadConfig();
const logger = createLogger(config);
const db = await openDatabase(config, DATABASE_SCHEMA, (m) => logger.info(m), 'srdi-seed');
try {
  await ensureAuthority(db.dataSource, config, logger);
  const n = await seedDemoData(db.dataSource, logger);
  console.log(n > 0 ? `Seeded ${n} demo organizations.` : 'Demo data already present.');
} finally {
  await db.close();
}
