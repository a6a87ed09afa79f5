/**
 * The authority's dashboard queries on a city-sized world: 20k enterprises, 100k match requests
 * over three years, 5.3k listings, 3k 揭榜 applications (BENCH_INSIGHTS_FIRMS / _REQUESTS scale
 * it). Data is written with set-based SQL; each query runs warm, 30 times, timed in-process
 * through InsightsService (the resolver adds only the HTTP/GraphQL layer).
 */
import pg from 'pg';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { InsightsService } from '../../libs/insights/src/insights.service.js';
import { InsightsFigures } from '../../libs/insights/src/insights-refresh.js';
import { BENCH_ADMIN_URL, pct, scratchDatabase } from './bench-kit.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

const REGIONS = ['330203', '330205', '330206', '330211', '330212', '330213', '330225', '330226', '330281', '330282', '330102', '330105', '330106', '330108', '330109', '330110'];

export interface InsightsFigure {
  query: string;
  rows: number;
  p50: number;
  p95: number;
}

export async function populate(client: pg.Client, firms: number, requests: number): Promise<void> {
  const regions = `(ARRAY['${REGIONS.join("','")}'])`;
  await client.query(`
    INSERT INTO organizations (kind, name, uscc, region_code, verified)
    SELECT 'ENTERPRISE', '基准企业' || i, 'E' || lpad(i::text, 17, '0'), ${regions}[1 + (i % ${REGIONS.length})], true FROM generate_series(1, ${firms}) i;
    INSERT INTO organizations (kind, name, uscc, region_code, verified)
    SELECT (ARRAY['BANK','SERVICE_PROVIDER','ANCHOR_ENTERPRISE']::organization_kind[])[1 + (i % 3)], '基准机构' || i, 'S' || lpad(i::text, 17, '0'), ${regions}[1 + (i % ${REGIONS.length})], true
      FROM generate_series(1, 300) i;
    INSERT INTO enterprise_profiles (organization_id, industry_code, tier, founded_on, main_business_since, eligible_tier, review_risk, review_risk_expires_on)
    SELECT o.id, 'C3484',
           (ARRAY['NONE','NONE','NONE','INNOVATIVE_SME','INNOVATIVE_SME','SPECIALIZED_SME','LITTLE_GIANT']::enterprise_tier[])[1 + ((2147483647 & hashtext(o.id::text)) % 7)],
           '2012-01-01', '2013-01-01',
           (ARRAY['NONE','INNOVATIVE_SME','SPECIALIZED_SME','LITTLE_GIANT']::enterprise_tier[])[1 + ((2147483647 & hashtext(o.name)) % 4)],
           CASE WHEN (2147483647 & hashtext(o.uscc)) % 20 = 0 THEN '{"reason":"bench"}'::jsonb END,
           CASE WHEN (2147483647 & hashtext(o.uscc)) % 20 = 0 THEN date '2027-01-01' END
      FROM organizations o WHERE o.kind = 'ENTERPRISE';
    UPDATE enterprise_profiles SET tier_provenance = 'IMPORTED' WHERE tier <> 'NONE';
    INSERT INTO listings (kind, owner_organization_id, status, title, description, published_at)
    SELECT CASE o.kind WHEN 'BANK' THEN 'CREDIT_PRODUCT'::listing_kind WHEN 'SERVICE_PROVIDER' THEN 'SERVICE_OFFERING' ELSE 'CHALLENGE' END,
           o.id, 'PUBLISHED', '基准信息 ' || o.name || '-' || k, '基准', timestamptz '2024-01-01' + (k * interval '50 days')
      FROM organizations o, generate_series(1, 18) k WHERE o.kind <> 'ENTERPRISE' AND o.kind <> 'AUTHORITY';
    INSERT INTO credit_products (listing_id, product_type, amount_min, amount_max, annual_rate_min, annual_rate_max, term_months_max)
    SELECT id, (ARRAY['IP_PLEDGE','LOAN_INVESTMENT_LINKAGE','CREDIT_LOAN','TALENT_LOAN','ORDER_FINANCING','SUPPLY_CHAIN'])[1 + ((2147483647 & hashtext(id::text)) % 6)], 1000000, 20000000, 3.2, 4.8, 36
      FROM listings WHERE kind = 'CREDIT_PRODUCT';
  `);
  await client.query(`
    WITH e AS (SELECT id, region_code, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE kind = 'ENTERPRISE'),
         l AS (SELECT id, kind, owner_organization_id, row_number() OVER (ORDER BY id) AS n FROM listings),
         counts AS (SELECT (SELECT count(*) FROM e) AS ne, (SELECT count(*) FROM l) AS nl),
         g AS (SELECT i::bigint AS i, (random() * 1000)::int AS r, random() AS u FROM generate_series(1, ${requests}) i)
    INSERT INTO match_requests (listing_id, listing_kind, owner_organization_id, enterprise_organization_id, enterprise_region_code, share_profile, status, outcome, rating,
                                requested_amount, responded_at, completed_at, created_at, updated_at)
    SELECT l.id, l.kind, l.owner_organization_id, e.id, e.region_code, g.u < 0.5,
           s.status::match_request_status,
           CASE WHEN s.status = 'COMPLETED' THEN (CASE WHEN g.r % 3 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END)::match_outcome END,
           CASE WHEN s.status = 'COMPLETED' THEN 1 + g.r % 5 END,
           CASE WHEN l.kind = 'CREDIT_PRODUCT' THEN 1000000 + (g.r * 10000) END,
           CASE WHEN s.status IN ('ACCEPTED','DECLINED','COMPLETED') THEN t.at + (g.r % 96) * interval '1 hour' END,
           CASE WHEN s.status = 'COMPLETED' THEN t.at + interval '20 days' END,
           t.at, t.at
      FROM g CROSS JOIN counts
      JOIN e ON e.n = 1 + (g.i * 7919) % counts.ne
      JOIN l ON l.n = 1 + (g.i * 104729) % counts.nl
      CROSS JOIN LATERAL (SELECT (ARRAY['PENDING','ACCEPTED','DECLINED','COMPLETED','COMPLETED','COMPLETED','CANCELLED'])[1 + g.r % 7] AS status) s
      CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01' + g.u * (now() - timestamptz '2024-01-01') AS at) t
     ON CONFLICT DO NOTHING;
    INSERT INTO challenge_applications (challenge_id, applicant_organization_id, proposal, status, decided_at, created_at)
    SELECT DISTINCT ON (l.id, e.id) l.id, e.id, '基准方案', (ARRAY['SUBMITTED','SHORTLISTED','ACCEPTED','REJECTED'])[1 + i % 4]::application_status,
           CASE WHEN i % 4 >= 2 THEN l.published_at + interval '30 days' END, l.published_at + interval '3 days'
      FROM generate_series(1, 3000) i
      JOIN LATERAL (SELECT id, published_at FROM listings WHERE kind = 'CHALLENGE' ORDER BY id OFFSET (i % 1800) LIMIT 1) l ON true
      JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'ENTERPRISE' ORDER BY id OFFSET ((i * 31) % ${firms}) LIMIT 1) e ON true;
    ANALYZE;
  `);
}

export interface InsightsBench {
  firms: number;
  requests: number;
  figures: InsightsFigure[];
  /** Median of 5 refreshes of the monthly views. */
  refreshMs: number;
}

export async function benchInsights(adminUrl = BENCH_ADMIN_URL): Promise<InsightsBench> {
  const firms = Number(process.env.BENCH_INSIGHTS_FIRMS ?? 20_000);
  const requests = Number(process.env.BENCH_INSIGHTS_REQUESTS ?? 100_000);
  const db = await scratchDatabase('srdi_bench_insights', adminUrl);
  const ds = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-bench-insights');
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const t0 = performance.now();
    let n: number;
    try {
      await populate(client, firms, requests);
      n = (await client.query('SELECT count(*)::int AS n FROM match_requests')).rows[0].n;
    } finally {
      await client.end();
    }
    console.log(`insights world: ${firms} firms, ${n} match requests in ${Math.round(performance.now() - t0)} ms`);

    // The worker's refresh of the monthly views (what one burst of match-request changes costs).
    const figuresView = new InsightsFigures(ds);
    await figuresView.refresh();
    const refreshTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await figuresView.refresh();
      refreshTimes.push(performance.now() - s);
    }
    refreshTimes.sort((a, b) => a - b);
    const insights = new InsightsService(ds);
    const today = todayInShanghai();
    const lastYear = { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today };
    const threeYears = { from: '2024-01-01', to: today };
    const cases: Array<[string, () => Promise<unknown[]>]> = [
      ['tierPipeline (whole city)', () => insights.tierPipeline(null)],
      ['tierPipeline (宁波 330200)', () => insights.tierPipeline('330200')],
      ['matchmakingInsights (last 12 months)', () => insights.matchmaking(lastYear)],
      ['matchmakingInsights (3 years, all requests)', () => insights.matchmaking(threeYears)],
      ['matchmakingInsights (12 months, 余姚 330281)', () => insights.matchmaking(lastYear, '330281')],
      ['financingInsights (last 12 months)', () => insights.financing(lastYear)],
      ['challengeInsights (last 12 months)', () => insights.challenges(lastYear)],
      ['serviceInstitutionRanking (last 12 months)', () => insights.serviceRanking(lastYear, 50)],
    ];
    const figures: InsightsFigure[] = [];
    for (const [query, run] of cases) {
      let rows = (await run()).length;
      await run();
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const s = performance.now();
        rows = (await run()).length;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      figures.push({ query, rows, p50: pct(times, 50), p95: pct(times, 95) });
    }
    return { firms, requests: Number(n), figures, refreshMs: refreshTimes[2]! };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

export function renderInsightsBench(r: InsightsBench): string {
  return [
    `Authority insights on ${r.firms.toLocaleString('en')} enterprises and ${r.requests.toLocaleString('en')} match requests (30 warm runs each, in-process):`,
    '',
    '| query | rows | p50 ms | p95 ms |',
    '|---|---:|---:|---:|',
    ...r.figures.map((f) => `| ${f.query} | ${f.rows} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} |`),
    '',
    `Refreshing the monthly views (one per burst of match-request changes, in the worker): median ${r.refreshMs.toFixed(0)} ms.`,
  ].join('\n');
}

// Run alone: node dist/test/bench/insights.bench.js
if (import.meta.url === `file://${process.argv[1]}`) {
  benchInsights()
    .then((r) => console.log(renderInsightsBench(r)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
