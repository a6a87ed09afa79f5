/**
 * npm run reindex [-- --rebuild]: compares the database with the Meilisearch index and repairs every
 * difference (or, with --rebuild, empties the index and loads every published listing), then prints
 * what it did. The embedded engine lives inside the running all-in-one process: it is rebuilt at
 * every start and reconciled nightly there, so this command only applies to Meilisearch.
 */
import { loadConfig } from '../../../libs/platform/src/config/config.js';
import { openDatabase } from '../../../libs/platform/src/database/database-runtime.js';
import { createSearchIndex } from '../../../libs/search/src/search.module.js';
import { SearchSyncService } from '../../../libs/search/src/search-sync.service.js';

const config = loadConfig();
if (!config.meiliUrl) {
  console.log('MEILI_URL is not set: the embedded search engine is rebuilt from the database at every `npm start` and reconciled nightly inside that process; nothing to do here.');
  process.exit(0);
}
const rebuild = process.argv.includes('--rebuild');
const db = await openDatabase(config, (m) => console.error(m), 'srdi-reindex');
const index = createSearchIndex(config);
try {
  await index.init();
  const sync = new SearchSyncService(db.dataSource, index);
  if (rebuild) {
    await index.clear();
    console.log(`Rebuilt the index: ${await sync.rebuild()} published listings.`);
  } else {
    const r = await sync.reconcile();
    console.log(`Reconciled: ${r.checked} published listings checked; ${r.added} added, ${r.updated} updated, ${r.removed} removed from the index.`);
  }
} finally {
  await index.close();
  await db.close();
}
