/**
 * ADR 0039: every process that serves queries holds an embedded search replica kept current by the
 * outbox's change feed. Two processes of one deployment here: an all-in-one (API + workers) and an
 * API-only process sharing its database and queues (no Meilisearch). Real PostgreSQL, real NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { SearchSyncService, SEARCH_INDEX, type SearchIndex } from '../../libs/search/src/index.js';
import { startTestApp, TEST_OPERATOR_TOKEN, type TestApp } from '../helpers/test-app.js';
import { closeListing, createListing, loginAuthority, publishListing, registerOrg, serviceOfferingInput, type Org } from '../helpers/listing-fixtures.js';

const SEARCH = `query($i: SearchInput!) { search(input: $i) { total hits { listing { id title } } } }`;

/** Polls until `check` holds (the replica follows asynchronously); fails with the last value after `ms`. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('embedded search replicas in every API process', () => {
  let main: TestApp;
  let apiOnly: TestApp;
  let provider: Org;

  const versions = (app: TestApp) => app.started.app.get<SearchIndex>(SEARCH_INDEX).listVersions();
  const replicaOf = (app: TestApp) => app.started.app.get(SearchSyncService).replica!;
  const titles = async (app: TestApp, query: string): Promise<string[]> => {
    const res = await app.gql(SEARCH, { i: { query } }, provider.token);
    expect(res.errors).toBeUndefined();
    return res.data!.search.hits.map((h: { listing: { title: string } }) => h.listing.title).sort();
  };

  beforeAll(async () => {
    // A short hole wait and version check so the test sees both work; the defaults are 10 s and 300 s.
    const env = { SEARCH_REPLICA_GAP_WAIT_MS: '1500', SEARCH_REPLICA_RECONCILE_SECONDS: '3600' };
    main = await startTestApp({ env });
    const authority = await loginAuthority(main);
    provider = await registerOrg(main, 'SERVICE_PROVIDER', { verifyWith: authority });
    // Published before the second process starts: its replica is built from the database.
    const early = await createListing(main, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试早期服务' }) });
    await publishListing(main, provider.token, early.id);
    await main.drain();
    apiOnly = await startTestApp({ sharing: main, withWorkers: false, env });
  });

  afterAll(async () => {
    await apiOnly?.close();
    await main?.close();
  });

  it('an API-only process holds a replica built at start, then follows publishes and closes made through either process', async () => {
    expect(await titles(apiOnly, '副本测试')).toEqual(['副本测试早期服务']);
    // Created and published through the API-only process; its worker is the other process's.
    const later = await createListing(apiOnly, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试后来服务' }) });
    await publishListing(apiOnly, provider.token, later.id);
    expect(await eventually(() => titles(apiOnly, '副本测试'), (t) => t.length === 2)).toEqual(['副本测试后来服务', '副本测试早期服务']);
    expect(await eventually(() => titles(main, '副本测试'), (t) => t.length === 2)).toEqual(['副本测试后来服务', '副本测试早期服务']);
    await closeListing(main, provider.token, later.id, '名额已满');
    expect(await eventually(() => titles(apiOnly, '副本测试'), (t) => t.length === 1)).toEqual(['副本测试早期服务']);
    // Both replicas hold exactly the same documents and versions once the queues drained.
    await main.drain();
    await replicaOf(apiOnly).catchUp();
    expect(await versions(apiOnly)).toEqual(await versions(main));
  });

  it('an event committed after a later one (a hole in the ids) is applied when it commits, not skipped', async () => {
    const a = await createListing(main, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试甲' }) });
    await publishListing(main, provider.token, a.id);
    await main.drain();
    // Transaction A takes an outbox id and holds it uncommitted…
    const client = new pg.Client({ connectionString: main.db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE listings SET title = '副本测试甲改', version = version + 1 WHERE id = $1`, [a.id]);
      await client.query(`INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload) VALUES ('listing.updated', 'listing', $1, '{}')`, [a.id]);
      // …while B (a higher id) commits and is applied.
      const b = await createListing(main, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试乙' }) });
      await publishListing(main, provider.token, b.id);
      expect(await eventually(() => titles(apiOnly, '副本测试乙'), (t) => t.length === 1)).toEqual(['副本测试乙']);
      expect(replicaOf(apiOnly).state().holes).toBeGreaterThan(0);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await eventually(() => titles(apiOnly, '副本测试甲'), (t) => t.includes('副本测试甲改'))).toEqual(['副本测试甲改']);
  });

  it('a hole that never fills (a rolled-back transaction) holds the position only for the wait', async () => {
    const client = new pg.Client({ connectionString: main.db.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload) VALUES ('listing.updated', 'listing', gen_random_uuid()::text, '{}')`);
    const c = await createListing(main, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试丙' }) });
    await publishListing(main, provider.token, c.id);
    await client.query('ROLLBACK');
    await client.end();
    const replica = replicaOf(apiOnly);
    expect(await eventually(() => titles(apiOnly, '副本测试丙'), (t) => t.length === 1)).toEqual(['副本测试丙']);
    const [{ max }] = await apiOnly.started.runtime.database.dataSource.query('SELECT max(id)::int AS max FROM outbox_events');
    const state = await eventually(
      async () => (await replica.catchUp(), replica.state()),
      (s) => s.position >= max,
      5_000,
    );
    expect(state).toMatchObject({ position: max, holes: 0, aheadOfPosition: 0 });
  });

  it('a change the feed never carried (written without an event) is repaired by the version check', async () => {
    const d = await createListing(main, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ title: '副本测试丁' }) });
    await publishListing(main, provider.token, d.id);
    await eventually(() => titles(apiOnly, '副本测试丁'), (t) => t.length === 1);
    await main.started.runtime.database.dataSource.query(`UPDATE listings SET title = '副本测试戊', version = version + 1 WHERE id = $1`, [d.id]);
    const [{ version }] = await main.started.runtime.database.dataSource.query('SELECT version FROM listings WHERE id = $1', [d.id]);
    await replicaOf(apiOnly).catchUp();
    // A hit's listing is read from the database, so the index is asked directly: it still holds the old version.
    expect((await versions(apiOnly)).get(d.id)).toBe(version - 1);
    expect(await replicaOf(apiOnly).reconcile()).toBe(1);
    expect((await versions(apiOnly)).get(d.id)).toBe(version);
    expect(await replicaOf(apiOnly).reconcile()).toBe(0);
    // The operator sees the replica's figures in /metrics.
    const metrics = await (await fetch(`${apiOnly.started.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } })).text();
    expect(metrics).toMatch(/^srdi_search_replica_repaired_total 1$/m);
    expect(metrics).toMatch(/^srdi_search_replica_read_age_seconds \d/m);
  });
});
