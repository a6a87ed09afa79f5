/**
 * Hot reads as named prepared statements over the pool TypeORM already holds (ADR 0040): no second
 * pool, no query builder, no entity hydration. PostgreSQL parses and plans a named statement once
 * per connection; pg sends Bind/Execute only afterwards.
 *
 * A statement's name is derived from its text (a hash), so one name always means one text: pg
 * refuses a known name with a different text, and a shape evicted from a cache and built again
 * gets the same name back.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** The prepared statement's name for `text`: `prefix` and 16 hex digits of its SHA-1. */
export function statementName(prefix: string, text: string): string {
  return `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

/** The pg pool of a PostgreSQL DataSource (TypeORM's master pool; replication is not configured). */
function poolOf(ds: DataSource): PgPool {
  const pool = (ds.driver as unknown as { master?: PgPool }).master;
  if (!pool) throw new Error('preparedRead: the DataSource has no pg pool (not PostgreSQL, or not initialized)');
  return pool;
}

/** Runs a named prepared statement on the DataSource's pool and returns its rows as pg parses them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as pg parses them, read by column name (as EntityManager.query returns them)
export async function preparedRead(ds: DataSource, statement: { name: string; text: string }, values: unknown[]): Promise<Array<Record<string, any>>> {
  const result = await poolOf(ds).query({ name: statement.name, text: statement.text, values });
  return result.rows;
}

/**
 * Statements built from a shape key (a selection, a set of filters), at most `cap` of them: the
 * shapes are finite (built from a fixed set of fields) but a bound keeps a hostile mix of
 * selections from growing memory. The oldest shape goes first; building it again is cheap.
 */
export class StatementCache {
  private readonly shapes = new Map<string, { name: string; text: string }>();

  constructor(
    private readonly prefix: string,
    private readonly cap = 256,
  ) {}

  get(key: string, build: () => string): { name: string; text: string } {
    let found = this.shapes.get(key);
    if (!found) {
      const text = build();
      found = { name: statementName(this.prefix, text), text };
      if (this.shapes.size >= this.cap) this.shapes.delete(this.shapes.keys().next().value!);
      this.shapes.set(key, found);
    }
    return found;
  }

  get size(): number {
    return this.shapes.size;
  }
}

/**
 * A page statement with its total in the same round trip (ADR 0040): the count, and the page
 * joined to it laterally — one row with a null page when nothing is on it. `order` repeats the
 * page's order on the page's output columns (`pg_.<column>`).
 */
export function withTotalCount(countSql: string, pageSql: string, order: string): string {
  return `SELECT t.total_count, pg_.* FROM (${countSql}) t
    LEFT JOIN LATERAL (${pageSql}) pg_ ON true
    ORDER BY ${order}`;
}

/**
 * The rows of a page read with one row more than `first` (and maybe with {@link withTotalCount}):
 * the page's rows (those whose `key` column is not null), the total when it was counted, and
 * whether more rows follow.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as pg parses them
export function countedPage(found: Array<Record<string, any>>, key: string, first: number, counted: boolean) {
  const rows = found.filter((r) => r[key] !== null);
  return { rows: rows.slice(0, first), totalCount: counted ? ((found[0]?.total_count as number | undefined) ?? 0) : null, hasMore: rows.length > first };
}
