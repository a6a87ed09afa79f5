/**
 * SQL: a listing's industry prefixes (`listingIndustries`, a text[] expression) reach a firm's
 * industry code (`orgIndustry`, a text expression): the codes nest either way, or the listing
 * targets any industry. Used by the listings' and the enterprises' read models for the matching
 * pre-filters.
 */
export const industryNestsSql = (listingIndustries: string, orgIndustry: string): string => `(${listingIndustries} = '{}' OR EXISTS (
  SELECT 1 FROM unnest(${listingIndustries}) AS i(code) WHERE ${orgIndustry} LIKE i.code || '%' OR i.code LIKE ${orgIndustry} || '%'))`;
