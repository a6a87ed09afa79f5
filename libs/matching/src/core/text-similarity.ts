/** Character-bigram similarity for mixed Chinese/Latin text (pure, deterministic). */

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Plain text of what may carry markup: HTML tags removed, common entities decoded. Free text can
 * arrive with markup (a search highlight such as "<em>可靠性</em>" pasted into a listing or a
 * profile); its tag names must not become "shared words" ("重合词：em、靠性"), so similarity is
 * always computed on plain text.
 */
export function plainText(text: string): string {
  return text
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|apos|nbsp|#39);/g, (_m, name: string) => ENTITIES[name] ?? ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ');
}

/** Bigrams in first-seen order of the plain text (no markup), lower-cased, split on anything but letters and digits. */
export function bigrams(text: string): string[] {
  const seen = new Set<string>();
  for (const segment of plainText(text).toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
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

export function memoBigrams(text: string): { list: string[]; set: Set<string> } {
  let hit = memo.get(text);
  if (!hit) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const list = bigrams(text);
    hit = { list, set: new Set(list) };
    memo.set(text, hit);
  }
  return hit;
}

/**
 * {@link diceOverlap}'s coefficient without the shared list: `a`'s bigram list against `b`'s set
 * (both from {@link memoBigrams}), counted with no allocation.
 */
export function diceOf(a: readonly string[], b: ReadonlySet<string>): number {
  if (a.length === 0 || b.size === 0) return 0;
  let shared = 0;
  for (let i = 0; i < a.length; i++) if (b.has(a[i]!)) shared++;
  return (2 * shared) / (a.length + b.size);
}

export function diceOverlap(a: string, b: string): Overlap {
  const ga = memoBigrams(a).list;
  const gb = memoBigrams(b).set;
  if (ga.length === 0 || gb.size === 0) return { dice: 0, shared: [] };
  const shared = ga.filter((g) => gb.has(g));
  return { dice: (2 * shared.length) / (ga.length + gb.size), shared };
}
