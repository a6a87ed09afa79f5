import { describe, expect, it } from '@jest/globals';
import { ListingSideCache } from '../../../libs/matching/src/sets/listing-side-cache.js';
import type { PreparedListing } from '../../../libs/matching/src/core/match-engine.js';

const listing = (id: string): PreparedListing => ({ side: { listingId: id } as PreparedListing['side'], version: 1 });

describe('ListingSideCache: an entry is used only under the same stamp and rating (ADR 0043, rescoring one firm)', () => {
  it.each<[string, string, number | null, boolean]>([
    ['same stamp, no rating', '3:100:101:', null, true],
    ['another version', '4:100:101:', null, false],
    ['another listing row version', '3:102:101:', null, false],
    ['another details row version', '3:100:103:', null, false],
    ['a park row version where there was none', '3:100:101:7', null, false],
    ['a rating where there was none', '3:100:101:', 4.5, false],
  ])('%s → hit %p', (_, stamp, rating, hit) => {
    const cache = new ListingSideCache(10);
    const kept = listing('a');
    cache.put('a', '3:100:101:', null, kept);
    expect(cache.get('a', stamp, rating)).toBe(hit ? kept : undefined);
    expect(cache.counts).toEqual(hit ? { hits: 1, misses: 0 } : { hits: 0, misses: 1 });
  });

  it('a rating must equal the kept one (a changed average is a miss)', () => {
    const cache = new ListingSideCache(10);
    cache.put('s', '1:5:6:', 4.5, listing('s'));
    expect(cache.get('s', '1:5:6:', 4.5)).toBeDefined();
    expect(cache.get('s', '1:5:6:', 4.6)).toBeUndefined();
    expect(cache.get('s', '1:5:6:', null)).toBeUndefined();
  });

  it('keeps at most `capacity` entries, the least recently used leaving first', () => {
    const cache = new ListingSideCache(2);
    cache.put('a', 's', null, listing('a'));
    cache.put('b', 's', null, listing('b'));
    expect(cache.get('a', 's', null)).toBeDefined(); // a is now the most recent
    cache.put('c', 's', null, listing('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 's', null)).toBeUndefined();
    expect(cache.get('a', 's', null)).toBeDefined();
    expect(cache.get('c', 's', null)).toBeDefined();
  });

  it('a replaced entry is the new one, at capacity exactly', () => {
    const cache = new ListingSideCache(1);
    cache.put('a', 'old', null, listing('a'));
    const fresh = listing('a');
    cache.put('a', 'new', null, fresh);
    expect(cache.size).toBe(1);
    expect(cache.get('a', 'old', null)).toBeUndefined();
    expect(cache.get('a', 'new', null)).toBe(fresh);
  });

  it('capacity 0 keeps nothing; lowering the capacity trims the oldest', () => {
    const off = new ListingSideCache(0);
    off.put('a', 's', null, listing('a'));
    expect([off.enabled, off.size]).toEqual([false, 0]);
    const cache = new ListingSideCache(3);
    for (const id of ['a', 'b', 'c']) cache.put(id, 's', null, listing(id));
    cache.capacity = 1;
    expect(cache.size).toBe(1);
    expect(cache.get('c', 's', null)).toBeDefined();
    cache.capacity = 0;
    expect([cache.enabled, cache.size]).toEqual([false, 0]);
  });
});
