/**
 * What the Meilisearch adapter makes of a search response: the hit fields it retrieves, the facet
 * counts in the port's order, and the highlight of a hit. Pure.
 */
import type { FacetCountRef, FacetField, MatchLevel } from '../search-index.port.js';
import { buildHighlight } from '../text/highlight.js';

/** What a search hit carries back: enough for the highlight, nothing of the gram fields. */
export const HIT_FIELDS = ['id', 'title', 'description', 'extraText', 'tags', 'ownerName'];
/** Meilisearch facet attribute → the port's facet field, in the order the embedded engine emits them. */
export const FACETS: ReadonlyArray<readonly [string, FacetField]> = [
  ['kind', 'kind'],
  ['regionCodes', 'regionCode'],
  ['serviceCategory', 'serviceCategory'],
  ['creditProductType', 'creditProductType'],
  ['industryDivisions', 'industryCode'],
];

/** The port's facet counts from Meilisearch's facetDistribution: fields in a fixed order, counts descending, then values. */
export function mapFacets(distribution: Record<string, Record<string, number>> | undefined): FacetCountRef[] {
  const out: FacetCountRef[] = [];
  for (const [attribute, field] of FACETS) {
    const counts = distribution?.[attribute];
    if (!counts) continue;
    const part = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ field, value, count }));
    part.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out.push(...part);
  }
  return out;
}

/** A hit as returned by Meilisearch (HIT_FIELDS retrieved): title, description, extraText, tags, ownerName. */
export type HitFields = Readonly<Record<string, unknown>>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The highlight of a hit: the matched terms and their synonym variants marked <em>…</em> in the title,
 * else in a ~60-character snippet of the description, extra text, then tags and owner name; HTML
 * escaped outside the marks (the same code as the embedded engine). Null when browsing or when no
 * field contains a mark. Computed here rather than with Meilisearch's highlighter, which marks query
 * words and therefore never the gram tokens this adapter queries with.
 */
export function hitHighlight(hit: HitFields, marks: readonly string[]): string | null {
  if (marks.length === 0) return null;
  return buildHighlight(
    {
      title: str(hit.title),
      description: str(hit.description),
      extraText: str(hit.extraText),
      tags: Array.isArray(hit.tags) ? hit.tags.map(str) : [],
      ownerName: str(hit.ownerName),
    },
    marks,
  );
}

type Distribution = Record<string, Record<string, number>> | undefined;

/** Facet counts of the union of two searches: a + b − shared (the facets of their intersection). */
export function combineFacets(a: Distribution, b: Distribution, shared: Distribution): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const add = (d: Distribution, sign: number) => {
    for (const [attribute, counts] of Object.entries(d ?? {})) {
      const into = (out[attribute] ??= {});
      for (const [value, count] of Object.entries(counts)) into[value] = (into[value] ?? 0) + sign * count;
    }
  };
  add(a, 1);
  add(b, 1);
  add(shared, -1);
  return out;
}

/**
 * One page of a graded search: the PHRASE hits (the first `window` = offset + limit of them), then the
 * ALL_TERMS hits that are not PHRASE hits, in each search's order. The terms hits are used only when
 * every PHRASE hit was fetched (phraseTotal ≤ window): otherwise the page lies within the PHRASE hits.
 */
export function mergeGradedPage<H extends { id: unknown }>(
  phraseHits: readonly H[],
  termHits: readonly H[],
  at: { phraseTotal: number; window: number; offset: number; limit: number },
): Array<{ hit: H; match: MatchLevel }> {
  const merged: Array<{ hit: H; match: MatchLevel }> = phraseHits.slice(0, at.window).map((hit) => ({ hit, match: 'PHRASE' }));
  if (at.phraseTotal <= at.window) {
    const seen = new Set(phraseHits.map((h) => String(h.id)));
    for (const hit of termHits) if (!seen.has(String(hit.id))) merged.push({ hit, match: 'ALL_TERMS' });
  }
  return merged.slice(at.offset, at.offset + at.limit);
}
