import type { StartedApp } from '../../apps/api/src/bootstrap.js';
import { validateProfile, type ProfileCommand } from '../../libs/enterprises/src/profile-input.js';
import { validateServiceOffering, type ServiceOfferingInputCommand } from '../../libs/listings/src/listing-input.js';
import { financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { LISTINGS_WITH_OWNERS, countQueries, seedListingLoad } from './listing-load.js';

export interface HttpFigure {
  label: string;
  n: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

type Latency = (label: string, n: number, concurrency: number, run: () => Promise<unknown>) => Promise<HttpFigure>;
type Post = (url: string, query: string, variables: object, token?: string) => Promise<unknown>;

const TRIVIAL = '{ __typename }';

/**
 * `listings(first: 20)` with each listing's owner and each vacancy's park (and its operator), on
 * `listings` published listings of every kind from 9 owners and 2 parks, against the same server
 * answering `{ __typename }` with the same token (JWT check and actor load, no resolver work).
 * Both at concurrency 10. Then the SQL statements per request of each, counted on the pool's
 * clients (see countQueries) over sequential requests; the median hides the outbox relay's
 * poll every 2 s, the only other statement source in the process while the queues are idle.
 */
export async function listingsBench(
  app: StartedApp,
  token: string,
  { latency, post, requests = 2_000, listings = 200 }: { latency: Latency; post: Post; requests?: number; listings?: number },
) {
  const ds = app.runtime.database.dataSource;
  await seedListingLoad(ds, listings, 'BN');
  const url = app.graphqlUrl;
  const page = () => post(url, LISTINGS_WITH_OWNERS, { first: 20 }, token);
  const trivial = () => post(url, TRIVIAL, {}, token);
  const check = (await page()) as { listings: { edges: Array<{ node: { park?: unknown } }> } };
  if (check.listings.edges.length !== 20 || !check.listings.edges.some((e) => e.node.park)) throw new Error('listings bench: unexpected page');
  for (let i = 0; i < 100; i++) await Promise.all([page(), trivial()]); // warm-up
  const http = [
    await latency('`{ __typename }` (same token: JWT + actor load)', requests, 10, trivial),
    await latency('`listings(first: 20)` + owner, park, park operator', requests, 10, page),
  ];
  const counter = await countQueries(ds);
  const perRequest = async (run: () => Promise<unknown>) => {
    const counts: number[] = [];
    for (let i = 0; i < 21; i++) counts.push((await counter.during(run)).sql.length);
    return counts.sort((a, b) => a - b)[10]!;
  };
  try {
    const sql = { trivial: await perRequest(trivial), listings: await perRequest(page) };
    return { listings, http, sql };
  } finally {
    counter.restore();
  }
}

/**
 * How long the input validators take to refuse huge inputs (the fuzz specs' cases: a million
 * characters, 100,000 items), each refused by its bound: the slowest of 5 runs per case, in ms.
 */
export function hugeInputRejection(): Array<{ label: string; ms: number }> {
  const profile = () => profileInput({ financials: financialsEnding(2025) }) as unknown as ProfileCommand;
  const service = (o: object) =>
    ({ title: '申报辅导', description: '辅导。', regionCodes: ['330281'], industryCodes: ['C34'], tags: [], category: 'POLICY_APPLICATION', acceptsServiceVoucher: false, ...o }) as ServiceOfferingInputCommand;
  const profileCase = (o: object) => () => validateProfile({ ...profile(), ...o } as ProfileCommand, '2026-11-21');
  const serviceCase = (o: object) => () => validateServiceOffering(service(o));
  // Inputs are built before the clock starts: only the validator is timed.
  const cases: Array<[string, () => () => unknown]> = [
    ['profile: 1,000,000-character capabilities', () => profileCase({ capabilities: '能'.repeat(1_000_000) })],
    ['profile: 100,000 main products', () => profileCase({ mainProducts: Array.from({ length: 100_000 }, (_, i) => `p${i}`) })],
    ['profile: 1,000,000-character industry code', () => profileCase({ industryCode: 'C'.repeat(1_000_000) })],
    ['listing: 1,000,000-character title', () => serviceCase({ title: '题'.repeat(1_000_000) })],
    ['listing: 100,000 region codes', () => serviceCase({ regionCodes: Array.from({ length: 100_000 }, (_, i) => String(100000 + i)) })],
  ];
  return cases.map(([label, build]) => {
    let ms = 0;
    for (let i = 0; i < 5; i++) {
      const run = build();
      const t0 = performance.now();
      try {
        run();
      } catch {
        // refused, as expected
      }
      ms = Math.max(ms, performance.now() - t0);
    }
    return { label, ms };
  });
}
