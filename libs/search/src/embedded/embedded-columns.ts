/**
 * Slot-indexed column storage of the embedded engine (see embedded-search-index.ts): interned
 * facet/filter values and multi-valued columns, so filtering and facet counting work on small
 * integers in typed arrays.
 */

/** Interned facet/filter values of one field, so counting and filtering work on small integers. */
export class Dictionary {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * A multi-valued field per slot (regions, industries, divisions): the first value id in a typed
 * column (-1 = none), further values (rare) in a side map.
 */
export class MultiColumn {
  first = new Int32Array(0);
  more = new Map<number, number[]>();
  grow(capacity: number): void {
    const next = new Int32Array(capacity).fill(-1);
    next.set(this.first);
    this.first = next;
  }
  set(slot: number, ids: number[]): void {
    this.first[slot] = ids.length ? ids[0]! : -1;
    if (ids.length > 1) this.more.set(slot, ids.slice(1));
    else this.more.delete(slot);
  }
  /** True when the slot has no value, or one of its values passes `table`. */
  anyOrNone(slot: number, table: Uint8Array): boolean {
    const f = this.first[slot]!;
    if (f < 0 || table[f] === 1) return true;
    const more = this.more.get(slot);
    if (more) for (const id of more) if (table[id] === 1) return true;
    return false;
  }
  /** True when one of the slot's values passes `table` (a slot without values does not). */
  any(slot: number, table: Uint8Array): boolean {
    const f = this.first[slot]!;
    if (f < 0) return false;
    if (table[f] === 1) return true;
    const more = this.more.get(slot);
    if (more) for (const id of more) if (table[id] === 1) return true;
    return false;
  }
  count(slot: number, counts: Int32Array): void {
    const f = this.first[slot]!;
    if (f < 0) return;
    counts[f]!++;
    const more = this.more.get(slot);
    if (more) for (const id of more) counts[id]!++;
  }
  remap(mapping: Int32Array, capacity: number): void {
    const next = new Int32Array(capacity).fill(-1);
    const more = new Map<number, number[]>();
    for (let s = 0; s < mapping.length; s++) {
      const to = mapping[s]!;
      if (to < 0) continue;
      next[to] = this.first[s]!;
      const m = this.more.get(s);
      if (m) more.set(to, m);
    }
    this.first = next;
    this.more = more;
  }
}
