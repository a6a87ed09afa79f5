/**
 * The Meilisearch index settings the adapter applies (searchable, filterable, sortable attributes,
 * ranking rules, synonyms, typo tolerance) and the diff against the server's current settings. Pure.
 */
import type { Settings } from 'meilisearch';
import { DICTIONARY, synonymMap } from '../synonyms.js';
import { normalizeText } from '../text/normalize.js';
import { distinct } from './meilisearch-encoding.js';
import { GRAM_FIELDS, NATURAL_FIELDS } from './meilisearch-document.js';

export const FILTERABLE_ATTRIBUTES = [
  'id',
  'kind',
  'regionCodes',
  'regionPrefixes',
  'regionStems',
  'hasRegions',
  'industryPrefixes',
  'industryDivisions',
  'hasIndustries',
  'serviceCategory',
  'creditProductType',
];
export const SORTABLE_ATTRIBUTES = ['publishedAt', 'id'];
const DISPLAYED_ATTRIBUTES = [
  'id',
  'kind',
  'title',
  'description',
  'extraText',
  'tags',
  'ownerName',
  'regionCodes',
  'industryCodes',
  'serviceCategory',
  'creditProductType',
  'publishedAt',
  'version',
  'indexFormat',
];
const TIE_BREAK_RULES = ['publishedAt:desc', 'id:asc'];

/** Custom `attr:asc|desc` rules are ours; everything else is a built-in rule of the server's version. */
const CUSTOM_RULE = /^[^:]+:(asc|desc)$/;

/**
 * The ranking rules: the server's built-in rules in their current order (the names changed across
 * versions: `attribute` → `attributeRank` + `wordPosition`), then newer first, then id.
 */
export function rankingRules(current: readonly string[] | null | undefined): string[] {
  const builtIn = (current ?? []).filter((r) => !CUSTOM_RULE.test(r));
  const base = builtIn.length ? builtIn : ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
  return [...base, ...TIE_BREAK_RULES];
}

/** The index settings. `currentRankingRules` comes from the server (see rankingRules). */
export function buildSettings(currentRankingRules: readonly string[] | null | undefined, maxTotalHits: number): Settings {
  return {
    searchableAttributes: [...GRAM_FIELDS, ...NATURAL_FIELDS],
    displayedAttributes: DISPLAYED_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    rankingRules: rankingRules(currentRankingRules),
    synonyms: synonymMap(),
    dictionary: [...DICTIONARY],
    localizedAttributes: [{ locales: ['cmn'], attributePatterns: ['*'] }],
    typoTolerance: {
      enabled: true,
      // Chinese words are short; a typo on a 2–4 character word is another word. Latin words of 5+
      // letters keep one typo, 9+ two (natural fields only: gram fields and phrases never allow typos).
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: [...GRAM_FIELDS],
      disableOnWords: distinct(DICTIONARY.map(normalizeText)),
    },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits },
    // Phrases are resolved from word-pair proximity: keep it per word.
    proximityPrecision: 'byWord',
    // This adapter never searches by prefix nor searches facet values: skip building those structures.
    prefixSearch: 'disabled',
    facetSearch: false,
  };
}

const UNORDERED_KEYS = new Set(['filterableAttributes', 'sortableAttributes', 'dictionary', 'displayedAttributes', 'disableOnAttributes', 'disableOnWords']);

function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return UNORDERED_KEYS.has(key) || key === '__synonym' ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, canonical(obj[k], key === 'synonyms' ? '__synonym' : k)]),
    );
  }
  return value;
}

/** Keys of `desired` whose value differs from `current` (only what `desired` sets; nested objects compared on their own keys). */
export function settingsDiff(desired: Settings, current: Settings): string[] {
  const differs = (want: unknown, have: unknown, key: string): boolean => {
    if (want && typeof want === 'object' && !Array.isArray(want) && key !== 'synonyms') {
      if (!have || typeof have !== 'object') return true;
      return Object.keys(want).some((k) => differs((want as Record<string, unknown>)[k], (have as Record<string, unknown>)[k], k));
    }
    return JSON.stringify(canonical(want, key)) !== JSON.stringify(canonical(have, key));
  };
  return Object.keys(desired).filter((k) => differs((desired as Record<string, unknown>)[k], (current as Record<string, unknown>)[k], k));
}
