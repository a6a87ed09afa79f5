/**
 * The full rebuild's table swap (ADR 0043, amended): the rebuild fills a fresh `matches_next` and
 * swaps it in. Checks that `matches` keeps its shape (columns, types, defaults, primary key and
 * indexes with their names and definitions) across rebuilds, one-process and partitioned, that
 * readers on other connections see the old rows while the rebuild runs and the new ones after,
 * that a rebuild that fails leaves the old table untouched, and that reasons come back as the
 * objects written (json column).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { seedMatchingData } from '../bench/matching-data.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { MatchEntity } from '../../libs/matching/src/sets/match.entity.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

async function shape(ds: DataSource) {
  const columns = await ds.query(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'matches' ORDER BY ordinal_position`,
  );
  const indexes = await ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'matches' ORDER BY indexname`);
  const constraints = await ds.query(
    `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'matches'::regclass ORDER BY conname`,
  );
  const [{ reloptions }] = await ds.query(`SELECT reloptions FROM pg_class WHERE oid = 'matches'::regclass`);
  const leftovers = await ds.query(`SELECT relname FROM pg_class WHERE relname LIKE 'matches_next%' OR relname LIKE '%\\_next' ESCAPE '\\'`);
  return { columns, indexes, constraints, reloptions, leftovers };
}

const rowsOf = (ds: DataSource) =>
  ds.query(`SELECT enterprise_organization_id AS e, listing_id AS l, score, reasons::text AS reasons FROM matches ORDER BY 1, 2`);

describe('full rebuild into a fresh table swapped in', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let maintenance: MatchMaintenanceService;
  const today = todayInShanghai();

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    maintenance = new MatchMaintenanceService(new MatchSetService(ds));
    await seedMatchingData(ds, { enterprises: 120, listings: 160, today, seed: 7 });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('keeps the table’s columns, primary key and indexes (names and definitions) and leaves no staging table', async () => {
    const before = await shape(ds);
    expect(before.indexes.map((i: { indexname: string }) => i.indexname)).toEqual(
      expect.arrayContaining(['ix_matches_enterprise_score', 'ix_matches_listing_score']),
    );
    const first = await maintenance.rebuildAll(today);
    expect(first.stored).toBeGreaterThan(500);
    expect(await shape(ds)).toEqual(before);
    const second = await maintenance.rebuildAll(today);
    expect(second).toMatchObject({ stored: first.stored, removed: first.stored });
    expect(await shape(ds)).toEqual(before);
    const split = await maintenance.rebuildAll(today, { partitions: 3 });
    expect(split).toMatchObject({ stored: first.stored, removed: first.stored });
    expect(await shape(ds)).toEqual(before);
  });

  it('keeps storage parameters set on matches', async () => {
    await ds.query(`ALTER TABLE matches SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.05)`);
    try {
      const before = await shape(ds);
      expect(before.reloptions).toEqual(['fillfactor=90', 'autovacuum_vacuum_scale_factor=0.05']);
      await maintenance.rebuildAll(today);
      expect(await shape(ds)).toEqual(before);
    } finally {
      await ds.query(`ALTER TABLE matches RESET (fillfactor, autovacuum_vacuum_scale_factor)`);
    }
  });

  it('readers on other connections see the old rows during the rebuild and the new ones after', async () => {
    await maintenance.rebuildAll(today);
    const old = await rowsOf(ds);
    // Make the next rebuild differ: one firm's set is dropped by hand (the rebuild restores it).
    const [{ e }] = old;
    await ds.query('DELETE FROM matches WHERE enterprise_organization_id = $1', [e]);
    const stale = await rowsOf(ds);
    expect(stale.length).toBeLessThan(old.length);
    const during: number[] = [];
    let done = false;
    const rebuild = maintenance.rebuildAll(today).finally(() => (done = true));
    while (!done) {
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM matches');
      if (!done) during.push(n);
      await new Promise((r) => setTimeout(r, 5));
    }
    await rebuild;
    // Old rows until the swap; a read that waited on the swap's lock may already see the new ones.
    expect(during[0]).toBe(stale.length);
    const swapped = during.indexOf(old.length);
    expect(during.slice(0, swapped === -1 ? undefined : swapped).every((n) => n === stale.length)).toBe(true);
    if (swapped !== -1) expect(during.slice(swapped).every((n) => n === old.length)).toBe(true);
    expect(await rowsOf(ds)).toEqual(old);
  });

  it('a rebuild that fails leaves the old table and its rows in place', async () => {
    await maintenance.rebuildAll(today);
    const before = await shape(ds);
    const rows = await rowsOf(ds);
    const failing = new MatchMaintenanceService(new MatchSetService(ds));
    // Starting the scoring fails after the fresh table was made: the transaction rolls back.
    const boom = new Error('boom');
    (failing as unknown as { threadsFor: () => never }).threadsFor = () => {
      throw boom;
    };
    await expect(failing.rebuildAll(today)).rejects.toBe(boom);
    expect(await shape(ds)).toEqual(before);
    expect(await rowsOf(ds)).toEqual(rows);
  });

  it('reasons come back as the objects the scorer wrote (json column)', async () => {
    await maintenance.rebuildAll(today);
    const [row] = await ds.getRepository(MatchEntity).find({ take: 1, order: { enterpriseOrganizationId: 'ASC', listingId: 'ASC' } });
    expect(row!.reasons.length).toBeGreaterThan(0);
    for (const r of row!.reasons) {
      expect(Object.keys(r)).toEqual(['code', 'label', 'contribution']);
      expect(typeof r.label).toBe('string');
      expect(typeof r.contribution).toBe('number');
    }
    const [{ type }] = await ds.query(`SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'matches' AND column_name = 'reasons'`);
    expect(type).toBe('json');
  });
});
