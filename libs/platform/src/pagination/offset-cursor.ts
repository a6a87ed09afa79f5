import { badInput } from '../errors/app-error.js';

/**
 * Relay cursors for ranked lists (best first: leads, recommendations, rankings, search hits),
 * whose order is a score rather than a creation time: the opaque position of a row in the
 * ranking. A ranking recomputed between two pages may shift rows by a place; that is the price of
 * ranking by score (ADR 0032).
 */
export const MAX_RANKED_OFFSET = 10_000;

export function offsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The offset after `after` (0 without one); anything not written by offsetCursor is BAD_USER_INPUT on `field`. */
export function offsetAfter(after: string | null | undefined, field = 'after'): number {
  if (after === null || after === undefined || after === '') return 0;
  const m = after.length <= 40 ? /^o:(\d{1,5})$/.exec(Buffer.from(after, 'base64url').toString()) : null;
  const n = m ? Number(m[1]) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n >= MAX_RANKED_OFFSET) {
    throw badInput(`after 游标无效，请使用上一页返回的 endCursor；排名列表最多翻到第 ${MAX_RANKED_OFFSET} 条 (invalid cursor; ranked lists page through the first ${MAX_RANKED_OFFSET} rows)`, field);
  }
  return n + 1;
}

export interface OffsetConnection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** A connection of `nodes` starting at `offset` out of `totalCount` rows in all. */
export function offsetConnection<T>(nodes: T[], offset: number, totalCount: number): OffsetConnection<T> {
  const edges = nodes.map((node, i) => ({ cursor: offsetCursor(offset + i), node }));
  return {
    edges,
    pageInfo: { hasNextPage: offset + nodes.length < totalCount && offset + nodes.length < MAX_RANKED_OFFSET, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount,
  };
}
