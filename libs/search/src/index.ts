/**
 * libs/search: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { SEARCH_INDEX, type SearchIndex, type SearchListingKind, type SearchResponse } from './search-index.port.js';
export { SearchReadiness } from './search-readiness.js';
export { SearchReplica, type SearchReplicaState } from './search-replica.js';
export { NightlyReconcileScheduler } from './search-sync.handlers.js';
export { type ReconcileReport, SearchSyncService } from './search-sync.service.js';
export { createSearchIndex, SearchModule } from './search.module.js';
