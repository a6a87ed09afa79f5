/**
 * The gram encoding of the Meilisearch adapter: character and member tokens, the literal gram fields
 * and the synonym snippets of a normalised text. Pure (no I/O); unit tested in
 * test/unit/search/meilisearch-documents.spec.ts without a server.
 *
 * ── Why the query does not go through Meilisearch's Chinese tokenizer ───────────────────────────────
 * Meilisearch segments Chinese with jieba (charabia) and matches a query word only as a whole word or
 * as a word prefix (meilisearch#2499, #4874: 处理 misses 待处理). jieba splits domain terms differently
 * by context (知识产权质押融资 → 知识/产权/质/押/融资), so neither infixes nor compounds are found
 * reliably, and Meilisearch has no OR inside `q` to add synonym alternatives per query term. The
 * port, and the contract suite shared with the embedded engine, ask for exact substring semantics:
 * a term matches when the document contains it, or one of its synonym variants, as a substring.
 *
 * So the adapter indexes, next to the natural fields, "gram" fields that spell the normalised text
 * (NFKC, lower case, the same rule as the embedded engine) one character per token, and turns each
 * query term into a quoted phrase of the same tokens:
 * - a character is the token `9` + its code point in 7 digits (中 → 90020013). Digit-only tokens fall
 *   in charabia's "Other" script: no jieba, no language detection, no stemming, identical on both
 *   sides; and quoted phrases get neither typos nor prefix matching.
 * - Meilisearch resolves a phrase from word-pair proximity 1, i.e. consecutive positions, so a phrase
 *   matches exactly where the term occurs contiguously: full infix recall (押融, 榜, 5g, iso9001,
 *   1000平), no scattered-character false hits. Runs of text are separated by ` ; ` (a hard separator,
 *   +8 positions), so a phrase never spans punctuation, as a query term never does.
 * - synonyms: a synonym group member in the query becomes one member token (`8` + 15-digit hash of
 *   the member) instead of its characters. For every occurrence of a member x in a document the
 *   adapter stores short snippets "≤8 chars of context + member token + ≤8 chars of context", one per
 *   y in {x} ∪ synonyms(x) (and, round two, for two members ≤4 chars apart, both replaced):
 *   y = x in the `…Marked` fields, y ≠ x in the `…Syn` fields. A query term 知产质押快贷 (→ 知产质押 as a
 *   member token, then 快, 贷) thus matches 知识产权质押快贷 but a query 贷 cannot match a 知产贷 that
 *   only exists as a synonym: the substituted span is one opaque token.
 * - ranking by attribute order reproduces the embedded scores: title literal > title member >
 *   title synonym > body literal > body member > body synonym; then publishedAt desc, then id.
 *
 * Not covered (documented limits): a term holding three or more synonym members, or two that are
 * more than 4 characters apart; more than 8 characters of a term on either side of a member (4 with
 * two members); synonym chains across two groups (the embedded engine expands twice); more than 10
 * terms per query (Meilisearch reads the first 10); gram fields are cut at 20,000 characters and 200
 * snippets per field (a field dense in synonym members loses its last ones); totals are capped at
 * `pagination.maxTotalHits`.
 * The natural fields (title, tags, extraText, description, ownerName) stay searchable with
 * localizedAttributes cmn, the dictionary and the synonyms, for the Meilisearch dashboard and any
 * client that queries them directly; this adapter searches only the gram fields (attributesToSearchOn).
 */
import { SYNONYM_GROUPS } from '../synonyms.js';
import { normalizeText } from '../text/normalize.js';

/** Characters of context kept on each side of a synonym member in a snippet. */
export const SNIPPET_CONTEXT = 8;
/** Round two pairs two members at most this many characters apart, with this much outer context. */
const PAIR_GAP = 4;
const PAIR_CONTEXT = 4;
export const MAX_SNIPPETS_PER_FIELD = 200;
export const MAX_GRAM_CHARS = 20_000;

export const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];

// ── gram encoding ─────────────────────────────────────────────────────────────────────────────────

/** A character that can be part of a query term (the complement of normalize.ts's TERM_SEPARATOR). */
const TERM_CHAR = /^[\p{L}\p{N}\p{M}.%#+&/_@]$/u;
const HARD = ';';

/** The token of one character: `9` and the code point in seven digits (中 → 90020013). */
export function charToken(char: string): string {
  return '9' + String(char.codePointAt(0)!).padStart(7, '0');
}

const memberTokens = new Map<string, string>();

/** The token of a synonym group member (normalised): `8` and 15 digits of its 64-bit FNV-1a hash. */
export function memberToken(member: string): string {
  let token = memberTokens.get(member);
  if (token === undefined) {
    token = hashToken(member);
    if (memberTokens.size < 10_000) memberTokens.set(member, token);
  }
  return token;
}

function hashToken(member: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(member, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return '8' + (h % 10n ** 15n).toString().padStart(15, '0');
}

/**
 * Character tokens of a text, with one `;` for every stretch of separators, at the edges too: a
 * snippet's context that ends in punctuation must stay cut off from the member token after it.
 */
function textItems(text: string): string[] {
  const items: string[] = [];
  for (const ch of text) {
    if (TERM_CHAR.test(ch)) items.push(charToken(ch));
    else if (items[items.length - 1] !== HARD) items.push(HARD);
  }
  return items;
}

/** Serialises items: tokens joined by spaces, ` ; ` (a hard separator) between runs, none at the edges. */
function serialise(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item === HARD) {
      if (out.length > 0 && i < items.length - 1 && items[i + 1] !== HARD) out += ' ;';
      continue;
    }
    out += out.length > 0 ? ` ${item}` : item;
  }
  return out;
}

/** Cuts to at most `max` code points. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cps = Array.from(text);
  return cps.length <= max ? text : cps.slice(0, max).join('');
}

/** The literal gram field of some (already normalised) texts: each text's runs, hard-separated. */
export function literalGrams(texts: readonly string[]): string {
  const items: string[] = [];
  let budget = MAX_GRAM_CHARS;
  for (const text of texts) {
    if (budget <= 0) break;
    const part = textItems(clip(text, budget));
    budget -= text.length;
    if (part.length === 0) continue;
    if (items.length > 0) items.push(HARD);
    items.push(...part);
  }
  return serialise(items);
}

// ── synonyms ──────────────────────────────────────────────────────────────────────────────────────

export interface SynonymTable {
  /** Members by their first UTF-16 unit, longest first. */
  byFirst: Map<string, string[]>;
  /** Member → the other members of every group it belongs to. */
  equivalents: Map<string, string[]>;
}

/** Normalises the groups (NFKC, lower case) and indexes their members. */
export function buildSynonymTable(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): SynonymTable {
  const equivalents = new Map<string, Set<string>>();
  for (const group of groups) {
    const members = distinct(group.map(normalizeText).filter(Boolean));
    for (const m of members) {
      const set = equivalents.get(m) ?? new Set<string>();
      for (const o of members) if (o !== m) set.add(o);
      equivalents.set(m, set);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const m of equivalents.keys()) {
    const list = byFirst.get(m[0]!) ?? [];
    list.push(m);
    byFirst.set(m[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return { byFirst, equivalents: new Map([...equivalents].map(([k, v]) => [k, [...v].sort()])) };
}

let defaultTable: SynonymTable | undefined;
/** The table of SYNONYM_GROUPS (built once). */
export function synonymTable(): SynonymTable {
  return (defaultTable ??= buildSynonymTable(SYNONYM_GROUPS));
}

interface MemberHit {
  start: number;
  end: number;
  member: string;
}

/** Every occurrence of every member in `text`, overlapping ones included, by start then length. */
export function findMembers(text: string, table: SynonymTable): MemberHit[] {
  const hits: MemberHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const candidates = table.byFirst.get(text[i]!);
    if (!candidates) continue;
    for (const m of candidates) if (text.startsWith(m, i)) hits.push({ start: i, end: i + m.length, member: m });
  }
  return hits;
}

/** Start of the window `n` code points before `at`. */
function backCodePoints(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i > 0; k++) {
    i--;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) i--;
  }
  return i;
}

/** End of the window `n` code points after `at`. */
function forwardCodePoints(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i < text.length; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return Math.min(i, text.length);
}

export interface SynonymSnippets {
  /** Snippets where every marked member is the document's own text (y = x). */
  marked: string[];
  /** Snippets where at least one member is replaced by a synonym. */
  syn: string[];
}

/**
 * Snippets of a normalised text for member-token matching (see the file comment): for each member
 * occurrence x, the context window with x replaced by a member token for each y in {x} ∪ synonyms(x);
 * round two replaces two members at most PAIR_GAP characters apart (with PAIR_CONTEXT around them).
 */
export function synonymSnippets(
  text: string,
  table: SynonymTable = synonymTable(),
  context = SNIPPET_CONTEXT,
  cap = MAX_SNIPPETS_PER_FIELD,
  pairContext = PAIR_CONTEXT,
): SynonymSnippets {
  const marked = new Set<string>();
  const syn = new Set<string>();
  const hits = findMembers(text, table);
  if (hits.length === 0) return { marked: [], syn: [] };
  const full = () => marked.size + syn.size >= cap;
  const windows = hits.map((h) => ({ hit: h, from: backCodePoints(text, h.start, context), to: forwardCodePoints(text, h.end, context) }));
  const choices = (m: string) => [m, ...(table.equivalents.get(m) ?? [])];
  // Round one: one member replaced.
  for (const { hit, from, to } of windows) {
    for (const y of choices(hit.member)) {
      if (full()) break;
      const items = [...textItems(text.slice(from, hit.start)), memberToken(y), ...textItems(text.slice(hit.end, to))];
      (y === hit.member ? marked : syn).add(serialise(items));
    }
  }
  // Round two: two members close to each other (a query term holding both), both replaced.
  for (const a of hits) {
    if (full()) break;
    for (const b of hits) {
      if (full()) break;
      if (b.start < a.end || b.start - a.end > PAIR_GAP) continue;
      const from = backCodePoints(text, a.start, pairContext);
      const to = forwardCodePoints(text, b.end, pairContext);
      for (const ya of choices(a.member)) {
        for (const yb of choices(b.member)) {
          if (full()) break;
          const items = [
            ...textItems(text.slice(from, a.start)),
            memberToken(ya),
            ...textItems(text.slice(a.end, b.start)),
            memberToken(yb),
            ...textItems(text.slice(b.end, to)),
          ];
          (ya === a.member && yb === b.member ? marked : syn).add(serialise(items));
        }
      }
    }
  }
  return { marked: [...marked], syn: [...syn] };
}
