/**
 * Issue 20 item 1 (ADR 0040): a recommendations page of 20 with its listings and their owners.
 * Statements per request (counted at the pg driver's Client, median of 21 sequential requests)
 * and node CPU per request (process.cpuUsage over sequential requests; the bench's client runs in
 * the same process, so `{ __typename }` with the same token is measured the same way as the floor
 * to subtract). Run alone: `npm run build && node dist/test/bench/recommendations-page.bench.js`
 * (BENCH_RECS_REQUESTS, default 600). Nothing is asserted; the figures go to the ADR / report.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { startApp, type StartedApp } from '../../apps/all-in-one/src/start.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { countQueries, seedListingLoad } from './listing-load.js';
import { benchAppConfig, post, scratchDatabase } from './bench-kit.js';

/** The page the bench and the N+1 test ask for: 20 recommendations with their listings and owners, and the total. */
export const RECOMMENDATIONS_WITH_LISTINGS = `query($first: Int!) {
  recommendationsConnection(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { score computedAt reasons { code label contribution } listing { id kind title owner { id name } } } }
  }
}`;

/** Stored matches for `enterpriseId` against every listing (scores descending with the index), as the match worker would leave them. */
export async function seedRecommendations(app: StartedApp, enterpriseId: string, listingIds: readonly string[]): Promise<void> {
  const ds = app.runtime.database.dataSource;
  await ds.query(
    `INSERT INTO matches (enterprise_organization_id, listing_id, kind, score, reasons, scorer_version, listing_version, profile_version)
     SELECT $1, l.id, l.kind::text, 90 - (row_number() OVER (ORDER BY l.id))::float / 10,
            jsonb_build_array(jsonb_build_object('code', 'REGION', 'label', '服务区域覆盖企业所在地', 'contribution', 20)), 'bench', l.version, 1
       FROM listings l WHERE l.id = ANY($2::uuid[])`,
    [enterpriseId, listingIds],
  );
}

/** An enterprise (verified) with a token, registered over GraphQL; `tag`: one or two of the USCC body's letters and digits (no I, O, S, V, Z), unique per database. */
export async function benchEnterprise(app: StartedApp, tag: string): Promise<{ token: string; organizationId: string }> {
  const reg = await post(app.graphqlUrl, `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { organization { id } } } }`, {
    i: {
      email: `recs-${tag.toLowerCase()}@bench.srdi.example`,
      password: 'recs-password-0001',
      displayName: '推荐测试',
      organization: { kind: 'ENTERPRISE', name: `余姚市推荐测试${tag}科技有限公司`, uscc: makeUscc('91', '330281', `RC${tag.padEnd(2, '0').slice(0, 2)}WEB1`), regionCode: '330281' },
    },
  });
  const organizationId = reg.register.user.organization.id as string;
  await app.runtime.database.dataSource.query(`UPDATE organizations SET verified = true, verified_at = now() WHERE id = $1`, [organizationId]);
  return { token: reg.register.accessToken as string, organizationId };
}

export interface RecommendationsBench {
  requests: number;
  statements: { trivial: number; recommendations: number };
  /** node CPU ms per request (server and in-process client). */
  cpuMs: { trivial: number; recommendations: number };
  loadAvg: number[];
}

export async function recommendationsPageBench(app: StartedApp, token: string, requests = 600): Promise<RecommendationsBench> {
  const url = app.graphqlUrl;
  const page = () => post(url, RECOMMENDATIONS_WITH_LISTINGS, { first: 20 }, token);
  const trivial = () => post(url, '{ __typename }', {}, token);
  const check = await page();
  if (check.recommendationsConnection.edges.length !== 20 || !check.recommendationsConnection.edges[0].node.listing.owner.name) throw new Error('recommendations bench: unexpected page');
  for (let i = 0; i < 100; i++) await Promise.all([page(), trivial()]); // warm-up (JIT, prepared statements, actor cache)
  // Interleaved halves so drift on a loaded machine hits both alike.
  const half = Math.floor(requests / 2);
  const runHalf = async (run: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < half; i++) await run();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let trivialMs = 0;
  let recsMs = 0;
  for (let round = 0; round < 2; round++) {
    trivialMs += await runHalf(trivial);
    recsMs += await runHalf(page);
  }
  const counter = await countQueries(app.runtime.database.dataSource);
  const perRequest = async (run: () => Promise<unknown>) => {
    const counts: number[] = [];
    for (let i = 0; i < 21; i++) counts.push((await counter.during(run)).sql.length);
    return counts.sort((a, b) => a - b)[10]!;
  };
  try {
    return {
      requests: half * 2,
      statements: { trivial: await perRequest(trivial), recommendations: await perRequest(page) },
      cpuMs: { trivial: trivialMs / (half * 2), recommendations: recsMs / (half * 2) },
      loadAvg: os.loadavg(),
    };
  } finally {
    counter.restore();
  }
}

export function renderRecommendationsBench(r: RecommendationsBench): string {
  return [
    `recommendationsConnection(first: 20) + listing + owner, ${r.requests} sequential requests each, load avg ${r.loadAvg.map((l) => l.toFixed(1)).join(' / ')}:`,
    '| query | statements/req (median of 21) | node CPU ms/req (server + in-process client) |',
    '|---|---|---|',
    `| \`{ __typename }\` (same token) | ${r.statements.trivial} | ${r.cpuMs.trivial.toFixed(2)} |`,
    `| recommendations page of 20 | ${r.statements.recommendations} | ${r.cpuMs.recommendations.toFixed(2)} |`,
    `| difference (the page's own work) | ${r.statements.recommendations - r.statements.trivial} | ${(r.cpuMs.recommendations - r.cpuMs.trivial).toFixed(2)} |`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('recommendations-page.bench.js')) {
  const db = await scratchDatabase('srdi_bench_recs');
  const config = benchAppConfig(db.url, {
    AUTHORITY_EMAIL: 'bench@authority.example',
    AUTHORITY_PASSWORD: 'bench-password-1',
    RATE_LIMIT_MULTIPLIER: '1000',
  });
  const app = await startApp({ config, withWorkers: false, queueNamespace: `bench${randomBytes(3).toString('hex')}` });
  try {
    const load = await seedListingLoad(app.runtime.database.dataSource, 60, 'RB');
    const firm = await benchEnterprise(app, 'B1');
    await seedRecommendations(app, firm.organizationId, load.listingIds);
    console.log(renderRecommendationsBench(await recommendationsPageBench(app, firm.token, Number(process.env.BENCH_RECS_REQUESTS ?? 600))));
  } finally {
    await app.close();
    await db.drop();
  }
  process.exit(0);
}
