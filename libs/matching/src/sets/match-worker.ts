/**
 * Worker thread of a rebuild or reconcile: holds its own ListingPool, scores the firms it is sent
 * and answers with the rows' insert payload already serialised (a string crosses threads cheaply),
 * or with the rows themselves when the caller compares them with stored ones (reconcile).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchListingKind } from '../core/match-types.js';
import { ListingPool } from '../core/match-engine.js';
import { scoreFirms, type ScoringThreadReply, type ScoringThreadRequest } from './match-threads.js';
import type { LoadedListing } from './match-side-loader.js';

export interface MatchWorkerInit {
  listings: LoadedListing[];
  asOf: string;
  perKind: number;
  kinds: readonly MatchListingKind[];
}

const init = workerData as MatchWorkerInit;
const pool = new ListingPool(init.listings);

parentPort!.on('message', (request: ScoringThreadRequest) => {
  const reply: ScoringThreadReply = scoreFirms(pool, init, request);
  parentPort!.postMessage(reply);
});
