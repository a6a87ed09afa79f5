/** Character-bigram similarity for mixed Chinese/Latin text (pure, deterministic). */

/** Bigrams in first-seen order; text is lower-cased and split on anything but letters and digits. */
export function bigrams(text: string): string[] {
  const seen = new Set<string>();
  for (const segment of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = Array.from(segment);
    for (let i = 0; i + 1 < chars.length; i++) seen.add(chars[i] + chars[i + 1]);
  }
  return [...seen];
}

export interface Overlap {
  /** 2|A∩B| / (|A|+|B|); 0 when either side is empty. */
  dice: number;
  /** Shared bigrams in the order they occur in `a`. */
  shared: string[];
}

/**
 * Scoring one challenge against thousands of firms (and one firm against thousands of challenges)
 * repeats the same texts: their bigrams are memoised (read-only; bounded, cleared when full).
 */
const memo = new Map<string, { list: string[]; set: Set<string> }>();
const MEMO_LIMIT = 20_000;

function memoBigrams(text: string): { list: string[]; set: Set<string> } {
  let hit = memo.get(text);
  if (!hit) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const list = bigrams(text);
    hit = { list, set: new Set(list) };
    memo.set(text, hit);
  }
  return hit;
}

export function diceOverlap(a: string, b: string): Overlap {
  const ga = memoBigrams(a).list;
  const gb = memoBigrams(b).set;
  if (ga.length === 0 || gb.size === 0) return { dice: 0, shared: [] };
  const shared = ga.filter((g) => gb.has(g));
  return { dice: (2 * shared.length) / (ga.length + gb.size), shared };
}
