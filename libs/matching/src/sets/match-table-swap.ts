/**
 * A full rebuild writes into a fresh table and swaps it in (ADR 0043, amended): `matches_next` is
 * created empty inside the rebuild's transaction with the columns, defaults and storage of
 * `matches` but no index, filled, then given the primary key and indexes of `matches` in one go
 * (a sort per index instead of three B-tree insertions per row at random uuid positions), analyzed,
 * and renamed to `matches` after the old table is dropped, indexes and constraint taking their
 * old names. Nothing else references `matches` (no foreign key, view or trigger), and the index
 * list is read from the catalog, so a migration that adds an index to `matches` is carried over.
 *
 * Readers keep reading the old table until the swap; the swap's DROP takes an ACCESS EXCLUSIVE
 * lock, so it waits for the reads running at that moment and reads arriving after it wait until
 * the rebuild commits (milliseconds: renames only). Statements are planned by table name, so a
 * waiting read resolves `matches` again once the lock is granted and reads the new table. Every
 * writer of match rows takes the match-sets advisory lock first, which the rebuild holds
 * throughout, so no write is lost in the old table. Plain SQL (no Nest, no TypeORM import).
 */
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

export const NEXT_MATCHES_TABLE = 'matches_next';
const SUFFIX = '_next';

/** Memory for the index sorts of the swap (transaction-local; the default 64 MB spills at 20k × 20k). */
const INDEX_SORT_MEMORY = '256MB';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * An empty `matches_next` shaped like `matches` (columns, NOT NULL, defaults, storage, compression,
 * statistics targets, storage parameters; no index). Privileges granted on `matches` by hand are
 * not carried over (the migrations grant none).
 */
export async function createNextMatchesTable(m: Queryable): Promise<void> {
  await m.query(`DROP TABLE IF EXISTS ${NEXT_MATCHES_TABLE}`);
  await m.query(`CREATE TABLE ${NEXT_MATCHES_TABLE} (LIKE matches INCLUDING ALL EXCLUDING INDEXES EXCLUDING CONSTRAINTS)`);
  // Storage parameters (fillfactor, autovacuum_*) are not copied by LIKE.
  const [{ options }] = await m.query(`SELECT array_to_string(reloptions, ', ') AS options FROM pg_class WHERE oid = 'matches'::regclass`);
  if (options) await m.query(`ALTER TABLE ${NEXT_MATCHES_TABLE} SET (${options})`);
}

interface IndexRow {
  name: string;
  unique: boolean;
  /** The index definition from its ` USING …` on (method, columns, predicate). */
  body: string;
  /** The constraint it backs (primary key, unique), with that constraint's definition. */
  constraintName: string | null;
  constraintDef: string | null;
}

/**
 * Builds `matches`'s indexes and constraints on `matches_next`, analyzes it, drops `matches` and
 * renames `matches_next` (and its indexes and constraints) to the old names. Call it last in the
 * rebuild's transaction.
 */
export async function swapInNextMatchesTable(m: Queryable): Promise<void> {
  const indexes: IndexRow[] = await m.query(
    `SELECT c.relname AS name, i.indisunique AS "unique", substr(pg_get_indexdef(i.indexrelid), strpos(pg_get_indexdef(i.indexrelid), ' USING ')) AS body,
            con.conname AS "constraintName", pg_get_constraintdef(con.oid) AS "constraintDef"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
      WHERE i.indrelid = 'matches'::regclass
      ORDER BY con.conname IS NULL, c.relname`,
  );
  await m.query(`SET LOCAL maintenance_work_mem = '${INDEX_SORT_MEMORY}'`);
  for (const ix of indexes) {
    if (ix.constraintName) {
      await m.query(`ALTER TABLE ${NEXT_MATCHES_TABLE} ADD CONSTRAINT ${quote(ix.constraintName + SUFFIX)} ${ix.constraintDef}`);
    } else {
      await m.query(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quote(ix.name + SUFFIX)} ON ${NEXT_MATCHES_TABLE}${ix.body}`);
    }
  }
  await m.query(`ANALYZE ${NEXT_MATCHES_TABLE}`);
  await m.query('DROP TABLE matches');
  await m.query(`ALTER TABLE ${NEXT_MATCHES_TABLE} RENAME TO matches`);
  for (const ix of indexes) {
    if (ix.constraintName) {
      await m.query(`ALTER TABLE matches RENAME CONSTRAINT ${quote(ix.constraintName + SUFFIX)} TO ${quote(ix.constraintName)}`);
      if (ix.constraintName !== ix.name) await m.query(`ALTER INDEX ${quote(ix.constraintName)} RENAME TO ${quote(ix.name)}`);
    } else {
      await m.query(`ALTER INDEX ${quote(ix.name + SUFFIX)} RENAME TO ${quote(ix.name)}`);
    }
  }
}

/** Rows in `matches` now (the old sets, before the swap). */
export async function countMatches(m: Queryable): Promise<number> {
  const [{ n }] = await m.query('SELECT count(*)::int AS n FROM matches');
  return n;
}
