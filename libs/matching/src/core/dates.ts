/** Date arithmetic on ISO dates (yyyy-mm-dd), memoised: scoring many pairs repeats the same few thousand date pairs. */

const yearsMemo = new Map<string, Map<string, number>>();
const daysMemo = new Map<string, Map<string, number>>();
function memoDates(memo: Map<string, Map<string, number>>, from: string, to: string, compute: () => number): number {
  let byFrom = memo.get(to);
  if (!byFrom) memo.set(to, (byFrom = new Map()));
  let v = byFrom.get(from);
  if (v === undefined) {
    if (byFrom.size > 50_000) byFrom.clear();
    v = compute();
    byFrom.set(from, v);
  }
  return v;
}

/** Whole years from `from` to `to` (ISO dates); the anniversary itself counts. */
export function fullYearsBetween(from: string, to: string): number {
  return memoDates(yearsMemo, from, to, () => {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
  });
}

export function daysBetween(from: string, to: string): number {
  return memoDates(daysMemo, from, to, () => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}
