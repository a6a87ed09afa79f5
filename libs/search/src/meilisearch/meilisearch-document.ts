/**
 * The document the Meilisearch adapter stores for a listing: natural fields, region and industry
 * filter fields, and the gram fields of meilisearch-encoding.ts (whose header explains them). Pure.
 */
import type { SearchDocument } from '../search-index.port.js';
import { SYNONYMS_VERSION } from '../synonyms.js';
import { normalizeText } from '../text/normalize.js';
import { regionStem } from '../../../identity/src/index.js';
import {
  MAX_GRAM_CHARS,
  MAX_SNIPPETS_PER_FIELD,
  SNIPPET_CONTEXT,
  clip,
  distinct,
  literalGrams,
  synonymSnippets,
  synonymTable,
  type SynonymTable,
} from './meilisearch-encoding.js';

export { regionStem };

/** Bump when the stored document shape or the gram encoding changes: older documents are then reported stale. */
const GRAM_FORMAT = 'g1';
export const INDEX_FORMAT = `${GRAM_FORMAT}+${SYNONYMS_VERSION}`;

export const GRAM_FIELDS = ['gTitle', 'gTitleMarked', 'gTitleSyn', 'gBody', 'gBodyMarked', 'gBodySyn'] as const;
export const NATURAL_FIELDS = ['title', 'tags', 'extraText', 'description', 'ownerName'] as const;

/** The document as stored in Meilisearch. */
export interface MeiliListingDocument {
  id: string;
  kind: SearchDocument['kind'];
  title: string;
  description: string;
  extraText: string;
  tags: string[];
  ownerName: string;
  /** Trimmed, distinct, non-empty (the regionCode facet). */
  regionCodes: string[];
  /** Trimmed, upper case, distinct, non-empty. */
  industryCodes: string[];
  serviceCategory: string | null;
  creditProductType: string | null;
  publishedAt: number;
  version: number;
  /** Region stems (330200 → 3302) of the document. */
  regionStems: string[];
  /** Every prefix of every stem (3302 → 3, 33, 330, 3302). */
  regionPrefixes: string[];
  hasRegions: boolean;
  /** Every prefix of every industry code (C3484 → C, C3, C34, C348, C3484). */
  industryPrefixes: string[];
  /** First three characters of each code (GB/T 4754 division, C3484 → C34): the industryCode facet. */
  industryDivisions: string[];
  hasIndustries: boolean;
  gTitle: string;
  gTitleMarked: string;
  gTitleSyn: string;
  gBody: string;
  gBodyMarked: string;
  gBodySyn: string;
  indexFormat: string;
}


/** Every non-empty prefix of `value`, the value itself included: C34 → [C, C3, C34]. */
export function prefixesOf(value: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= value.length; i++) out.push(value.slice(0, i));
  return out;
}

/**
 * Region fields of a document. A filter region f matches a document region r when their stems nest
 * either way: stem(r) starts with stem(f) (r lies inside f: f's stem is one of r's `regionPrefixes`)
 * or stem(f) starts with stem(r) (f lies inside r: r's stem is one of the prefixes of f's stem).
 */
export function regionFields(codes: readonly string[]): Pick<MeiliListingDocument, 'regionCodes' | 'regionStems' | 'regionPrefixes' | 'hasRegions'> {
  const regionCodes = distinct(codes.map((c) => c.trim()).filter(Boolean));
  const regionStems = distinct(regionCodes.map(regionStem));
  return { regionCodes, regionStems, regionPrefixes: distinct(regionStems.flatMap(prefixesOf)), hasRegions: regionCodes.length > 0 };
}

/** Industry fields of a document: a filter code matches when a document code starts with it. */
export function industryFields(codes: readonly string[]): Pick<MeiliListingDocument, 'industryCodes' | 'industryPrefixes' | 'industryDivisions' | 'hasIndustries'> {
  const industryCodes = distinct(codes.map((c) => c.trim().toUpperCase()).filter(Boolean));
  return {
    industryCodes,
    industryPrefixes: distinct(industryCodes.flatMap(prefixesOf)),
    industryDivisions: distinct(industryCodes.map((c) => c.slice(0, 3))),
    hasIndustries: industryCodes.length > 0,
  };
}
const joinSnippets = (snippets: readonly string[]) => snippets.join(' ; ');

/** The document stored in Meilisearch for a listing. */
export function toMeiliDocument(doc: SearchDocument, table: SynonymTable = synonymTable()): MeiliListingDocument {
  const title = clip(normalizeText(doc.title), MAX_GRAM_CHARS);
  const bodyTexts = [doc.description, doc.extraText, doc.tags.join(' '), doc.ownerName].map((t) => normalizeText(t));
  const titleSnippets = synonymSnippets(title, table);
  const bodySnippets = { marked: [] as string[], syn: [] as string[] };
  let budget = MAX_SNIPPETS_PER_FIELD;
  for (const text of bodyTexts) {
    if (budget <= 0) break;
    const s = synonymSnippets(clip(text, MAX_GRAM_CHARS), table, SNIPPET_CONTEXT, budget);
    bodySnippets.marked.push(...s.marked);
    bodySnippets.syn.push(...s.syn);
    budget -= s.marked.length + s.syn.length;
  }
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    description: doc.description,
    extraText: doc.extraText,
    tags: [...doc.tags],
    ownerName: doc.ownerName,
    ...regionFields(doc.regionCodes),
    ...industryFields(doc.industryCodes),
    serviceCategory: doc.serviceCategory,
    creditProductType: doc.creditProductType,
    publishedAt: doc.publishedAt,
    version: doc.version,
    gTitle: literalGrams([title]),
    gTitleMarked: joinSnippets(titleSnippets.marked),
    gTitleSyn: joinSnippets(titleSnippets.syn),
    gBody: literalGrams(bodyTexts),
    gBodyMarked: joinSnippets(bodySnippets.marked),
    gBodySyn: joinSnippets(bodySnippets.syn),
    indexFormat: INDEX_FORMAT,
  };
}
