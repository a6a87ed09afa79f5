/**
 * Today's date (yyyy-mm-dd) in Beijing time. Dates in profiles, challenges and tier rules are
 * Chinese calendar dates, so "today" must not flip at UTC midnight (08:00 in Ningbo).
 */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
