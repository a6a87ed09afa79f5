/**
 * The rescoring's per-process cache of prepared listings (docs/adr/0043-matching-at-full-speed.md (rescoring one firm)):
 * a listing's side, mapped from its full row and prepared for a pool, kept under the row's stamp
 * (version and row versions of the listing, its details and its park; libs/listings'
 * `loadListingStamps`) and, for a service offering, the provider's rating it was built with. An
 * entry is used only when the stamp read in the rescoring's own statement and the rating read in it
 * equal the kept ones; anything else is a miss, loaded again and replacing the entry. At most
 * `capacity` entries, the least recently used leaving first; capacity 0 keeps nothing (every
 * rescoring loads every candidate, as before the cache).
 */
import type { PreparedListing } from '../core/match-engine.js';

interface Kept {
  stamp: string;
  rating: number | null;
  listing: PreparedListing;
}

export class ListingSideCache {
  /** Insertion order is recency: a hit moves its entry to the end, the first entry leaves first. */
  private readonly entries = new Map<string, Kept>();
  /** Hits and misses since start (the bench and the tests read them). */
  readonly counts = { hits: 0, misses: 0 };

  constructor(private capacityValue: number) {}

  get capacity(): number {
    return this.capacityValue;
  }

  /** Changes the bound (0 turns the cache off and empties it); the bench compares both ways. */
  set capacity(n: number) {
    this.capacityValue = n;
    this.trim();
  }

  get enabled(): boolean {
    return this.capacityValue > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The kept listing when its stamp and rating are these, else undefined (a miss). */
  get(id: string, stamp: string, rating: number | null): PreparedListing | undefined {
    const kept = this.entries.get(id);
    if (kept === undefined || kept.stamp !== stamp || kept.rating !== rating) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    this.entries.delete(id);
    this.entries.set(id, kept);
    return kept.listing;
  }

  /** Keeps (or replaces) the listing read under this stamp and rating. */
  put(id: string, stamp: string, rating: number | null, listing: PreparedListing): void {
    if (this.capacityValue <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, { stamp, rating, listing });
    this.trim();
  }

  clear(): void {
    this.entries.clear();
  }

  private trim(): void {
    if (this.entries.size <= this.capacityValue) return;
    for (const id of this.entries.keys()) {
      this.entries.delete(id);
      if (this.entries.size <= this.capacityValue) return;
    }
  }
}
