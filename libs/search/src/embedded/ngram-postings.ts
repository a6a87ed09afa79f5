/**
 * Character n-gram postings for the embedded engine: for every UTF-16 unit (unigram) and every pair
 * of adjacent units (bigram) of a document's normalised text, the ascending list of document slots
 * that contain it.
 *
 * A document containing a string contains each of that string's bigrams, so intersecting a query's
 * bigram lists gives a superset of the true hits (full recall); the caller verifies each candidate
 * with a substring test (no false hits). Single characters use the unigram lists, which are exact.
 * Pairs that contain whitespace are not indexed: query terms never contain whitespace.
 *
 * Storage is tiered because most distinct bigrams of real text occur in a handful of documents:
 * lists of up to 4 slots live in blocks of a shared pool, lists of up to 16 in blocks of a second
 * pool, longer ones in their own growable Int32Array. One JS object per rare bigram would cost more
 * than its postings.
 */

const EMPTY = new Int32Array(0);
const TIER_CAPACITY = [4, 16] as const;
const BIG = 2;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x3000;
}

/** Fixed-size blocks in one growable Int32Array, with a free list. */
class BlockPool {
  data: Int32Array;
  private next = 0;
  private free: number[] = [];
  constructor(readonly blockSize: number) {
    this.data = new Int32Array(blockSize * 1_024);
  }
  alloc(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const at = this.next;
    this.next += this.blockSize;
    if (this.next > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    return at;
  }
  release(at: number): void {
    this.free.push(at);
  }
  get bytes(): number {
    return this.data.byteLength + this.free.length * 8;
  }
}

export class NgramPostings {
  /** Posting list id per unigram (UTF-16 unit); -1 = none. */
  private unigram = new Int32Array(65_536).fill(-1);
  /** Posting list id per bigram key: (first unit << 16) | second unit, an int32 (a small integer for V8). */
  private bigram = new Map<number, number>();
  private count = 0;
  private lengths = new Int32Array(1_024);
  private tiers = new Uint8Array(1_024);
  /** Offset in the tier's pool, or index in `big` for the last tier. */
  private where = new Int32Array(1_024);
  private pools = TIER_CAPACITY.map((n) => new BlockPool(n));
  private big: Int32Array[] = [];

  private newList(): number {
    const id = this.count++;
    if (id === this.lengths.length) {
      const n = id * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
        const b = make(n);
        b.set(a);
        return b;
      };
      this.lengths = grow(this.lengths, (k) => new Int32Array(k));
      this.tiers = grow(this.tiers, (k) => new Uint8Array(k));
      this.where = grow(this.where, (k) => new Int32Array(k));
    }
    this.lengths[id] = 0;
    this.tiers[id] = 0;
    this.where[id] = this.pools[0]!.alloc();
    return id;
  }

  /** Appends `slot` to list `id` unless it is already its last entry (same document). */
  private append(id: number, slot: number): void {
    const len = this.lengths[id]!;
    const tier = this.tiers[id]!;
    if (tier < BIG) {
      const pool = this.pools[tier]!;
      const at = this.where[id]!;
      if (len > 0 && pool.data[at + len - 1] === slot) return;
      if (len < pool.blockSize) {
        pool.data[at + len] = slot;
        this.lengths[id] = len + 1;
        return;
      }
      // Full block: move to the next tier.
      const from = pool.data.subarray(at, at + len);
      if (tier + 1 < BIG) {
        const next = this.pools[tier + 1]!;
        const to = next.alloc();
        next.data.set(from, to);
        next.data[to + len] = slot;
        this.where[id] = to;
      } else {
        const list = new Int32Array(len * 2);
        list.set(from);
        list[len] = slot;
        this.where[id] = this.big.length;
        this.big.push(list);
      }
      pool.release(at);
      this.tiers[id] = tier + 1;
      this.lengths[id] = len + 1;
      return;
    }
    let list = this.big[this.where[id]!]!;
    if (list[len - 1] === slot) return;
    if (len === list.length) {
      const grown = new Int32Array(len * 2);
      grown.set(list);
      this.big[this.where[id]!] = list = grown;
    }
    list[len] = slot;
    this.lengths[id] = len + 1;
  }

  /** Indexes `text` under `slot`; slots must be added in ascending order. */
  add(slot: number, text: string): void {
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        prev = -1;
        continue;
      }
      let uni = this.unigram[c]!;
      if (uni < 0) this.unigram[c] = uni = this.newList();
      this.append(uni, slot);
      if (prev >= 0) {
        const key = (prev << 16) | c;
        let bi = this.bigram.get(key);
        if (bi === undefined) {
          bi = this.newList();
          this.bigram.set(key, bi);
        }
        this.append(bi, slot);
      }
      prev = c;
    }
  }

  /** The slots of list `id` (a view: read it, do not keep or change it). */
  private view(id: number | undefined): Int32Array {
    if (id === undefined || id < 0) return EMPTY;
    const len = this.lengths[id]!;
    const tier = this.tiers[id]!;
    if (tier < BIG) {
      const at = this.where[id]!;
      return this.pools[tier]!.data.subarray(at, at + len);
    }
    return this.big[this.where[id]!]!.subarray(0, len);
  }

  private bigramId(term: string, i: number): number | undefined {
    return this.bigram.get((term.charCodeAt(i - 1) << 16) | term.charCodeAt(i));
  }

  /** How many documents (dead ones included) may contain `term`: the length of its shortest list. */
  estimate(term: string): number {
    if (term.length === 0) return 0;
    if (term.length === 1) {
      const id = this.unigram[term.charCodeAt(0)]!;
      return id < 0 ? 0 : this.lengths[id]!;
    }
    let best = Infinity;
    for (let i = 1; i < term.length; i++) {
      const id = this.bigramId(term, i);
      if (id === undefined) return 0;
      best = Math.min(best, this.lengths[id]!);
    }
    return best;
  }

  /**
   * Ascending slots that may contain `term` (a superset of those that do; exact for one or two
   * characters). The returned array may be a view of internal storage: read it, do not keep it.
   */
  candidates(term: string): Int32Array {
    if (term.length === 0) return EMPTY;
    if (term.length === 1) return this.view(this.unigram[term.charCodeAt(0)]);
    const ids: number[] = [];
    for (let i = 1; i < term.length; i++) {
      const id = this.bigramId(term, i);
      if (id === undefined) return EMPTY;
      if (!ids.includes(id)) ids.push(id);
    }
    ids.sort((a, b) => this.lengths[a]! - this.lengths[b]!);
    let result = this.view(ids[0]);
    // Intersect from the rarest list on; past a handful of candidates the substring check is cheaper.
    for (let k = 1; k < ids.length && result.length > 8; k++) result = intersect(result, this.view(ids[k]));
    return result;
  }

  /**
   * For a one- or two-character term: whether `slot` contains it (binary search of its exact list).
   * Undefined for longer terms, whose lists are only a superset.
   */
  has(term: string, slot: number): boolean | undefined {
    if (term.length === 0 || term.length > 2) return undefined;
    const list = term.length === 1 ? this.view(this.unigram[term.charCodeAt(0)]) : this.view(this.bigramId(term, 1));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] === slot;
  }

  /** Renumbers slots after documents were removed: `mapping[old]` is the new slot or -1. */
  compact(mapping: Int32Array): void {
    for (let id = 0; id < this.count; id++) {
      const list = this.view(id);
      let w = 0;
      for (let r = 0; r < list.length; r++) {
        const to = mapping[list[r]!]!;
        if (to >= 0) list[w++] = to;
      }
      this.lengths[id] = w;
      if (this.tiers[id] === BIG) {
        const own = this.big[this.where[id]!]!;
        if (w < own.length / 4) this.big[this.where[id]!] = own.slice(0, Math.max(TIER_CAPACITY[BIG - 1] * 2, w * 2));
      }
    }
  }

  clear(): void {
    this.unigram.fill(-1);
    this.bigram.clear();
    this.count = 0;
    this.lengths = new Int32Array(1_024);
    this.tiers = new Uint8Array(1_024);
    this.where = new Int32Array(1_024);
    this.pools = TIER_CAPACITY.map((n) => new BlockPool(n));
    this.big = [];
  }

  /** Approximate bytes held: pools, own lists (with their object overhead), per-list columns, the bigram map. */
  memoryBytes(): number {
    let bytes = this.unigram.byteLength + this.lengths.byteLength + this.tiers.byteLength + this.where.byteLength;
    for (const pool of this.pools) bytes += pool.bytes;
    for (const list of this.big) bytes += list.byteLength + 160;
    return bytes + this.bigram.size * 40;
  }

  get gramCount(): number {
    return this.count;
  }
}

/** Ascending intersection; binary search from the smaller side when the sizes differ a lot. */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Int32Array(a.length);
  let n = 0;
  if (a.length * 8 < b.length) {
    let lo = 0;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      if (lo < b.length && b[lo] === v) out[n++] = v;
    }
  } else {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        out[n++] = x;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
  }
  return out.subarray(0, n);
}
