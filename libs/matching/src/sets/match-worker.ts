/**
 * Worker thread of a full rebuild: holds its own ListingPool, scores the firms it is sent and
 * answers with the rows' insert payload already serialised (a string crosses threads cheaply).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchListingKind } from '../core/match-types.js';
import { ListingPool } from '../core/match-engine.js';
import { toInsertPayload } from './match-insert.js';
import type { LoadedEnterprise, LoadedListing } from './match-side-loader.js';

export interface MatchWorkerInit {
  listings: LoadedListing[];
  asOf: string;
  perKind: number;
  kinds: readonly MatchListingKind[];
}

export interface MatchWorkerReply {
  payloads: string[];
  rows: number;
  scored: number;
  eligible: number;
}

const init = workerData as MatchWorkerInit;
const pool = new ListingPool(init.listings);

parentPort!.on('message', (firms: LoadedEnterprise[]) => {
  const counted = { scored: 0, eligible: 0 };
  const rows = firms.flatMap((e) => pool.topFor(e.side, e.version, init.asOf, init.kinds, init.perKind, counted));
  const reply: MatchWorkerReply = { payloads: toInsertPayload(rows), rows: rows.length, ...counted };
  parentPort!.postMessage(reply);
});
