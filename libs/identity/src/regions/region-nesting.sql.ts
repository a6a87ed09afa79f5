/**
 * SQL: a listing's regions (`listingRegions`, a text[] expression) reach a firm's region
 * (`orgRegion`, a text expression): regions nest either way (330200 ⊃ 330281), or the listing lists
 * no region and serves anywhere. Used by the listings' and the enterprises' read models for the
 * matching pre-filters, so both sides of a match apply the same lenient rule.
 */
export const regionNestsSql = (listingRegions: string, orgRegion: string): string => `(${listingRegions} = '{}' OR EXISTS (
  SELECT 1 FROM unnest(${listingRegions}) AS r(code)
   WHERE ${orgRegion} LIKE regexp_replace(r.code, '(00)+$', '') || '%' OR r.code LIKE regexp_replace(${orgRegion}, '(00)+$', '') || '%'))`;
