/**
 * The matchmaking funnel (issue 18 item 5) on a city-sized world: the insights bench's 20k firms and
 * 100k match requests over three years (BENCH_FUNNEL_FIRMS / BENCH_FUNNEL_REQUESTS scale it), each
 * request preceded by its match-set entry (a day before), plus three times as many entries that
 * led to no request, pushes for 40 % of entries and views for 20 %. Each query runs warm, 30 times,
 * in-process through MatchmakingFunnelService (what the GraphQL query and the XLSX export share).
 * Standalone: `npm run build && node dist/test/bench/funnel.bench.js`.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { MatchmakingFunnelService } from '../../libs/insights/src/matchmaking-funnel.service.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { BENCH_ADMIN_URL, pct, scratchDatabase } from './bench-kit.js';
import { populate } from './insights.bench.js';

export interface FunnelBench {
  firms: number;
  requests: number;
  entries: number;
  figures: Array<{ query: string; rows: number; p50: number; p95: number }>;
}

export async function benchFunnel(adminUrl = BENCH_ADMIN_URL): Promise<FunnelBench> {
  const firms = Number(process.env.BENCH_FUNNEL_FIRMS ?? 20_000);
  const requests = Number(process.env.BENCH_FUNNEL_REQUESTS ?? 100_000);
  const samples = Number(process.env.BENCH_FUNNEL_SAMPLES ?? 30);
  const db = await scratchDatabase('srdi_bench_funnel', adminUrl);
  const ds = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-bench-funnel');
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let entries: number;
    try {
      await populate(client, firms, requests);
      await client.query(`
        INSERT INTO recommendation_entries (enterprise_organization_id, listing_id, kind, owner_organization_id, score, entered_at, pushed_at, push_day, push_batch, skip_reason)
        SELECT r.enterprise_organization_id, r.listing_id, r.listing_kind::text, r.owner_organization_id, 50 + (hashtext(r.id::text) & 49), r.created_at - interval '1 day',
               CASE WHEN hashtext(r.id::text) & 1 = 0 THEN r.created_at - interval '1 day' END,
               CASE WHEN hashtext(r.id::text) & 1 = 0 THEN (r.created_at - interval '1 day')::date END,
               CASE WHEN hashtext(r.id::text) & 1 = 0 THEN gen_random_uuid() END,
               CASE WHEN hashtext(r.id::text) & 1 = 0 THEN NULL ELSE 'BELOW_THRESHOLD' END
          FROM match_requests r ON CONFLICT DO NOTHING;
        WITH e AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE kind = 'ENTERPRISE'),
             l AS (SELECT id, kind, owner_organization_id, row_number() OVER (ORDER BY id) AS n FROM listings),
             counts AS (SELECT (SELECT count(*) FROM e) AS ne, (SELECT count(*) FROM l) AS nl)
        INSERT INTO recommendation_entries (enterprise_organization_id, listing_id, kind, owner_organization_id, score, entered_at, pushed_at, push_day, push_batch, skip_reason)
        SELECT e.id, l.id, l.kind::text, l.owner_organization_id, 40 + g.i % 60, t.at,
               CASE WHEN g.i % 3 = 0 THEN t.at END, CASE WHEN g.i % 3 = 0 THEN t.at::date END, CASE WHEN g.i % 3 = 0 THEN gen_random_uuid() END,
               CASE WHEN g.i % 3 = 0 THEN NULL ELSE 'DAILY_CAP' END
          FROM generate_series(1::bigint, ${requests * 3}) g(i) CROSS JOIN counts
          JOIN e ON e.n = 1 + (g.i * 7907) % counts.ne
          JOIN l ON l.n = 1 + (g.i * 104723) % counts.nl
          CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01' + ((g.i * 2654435761) % 1000000) / 1000000.0 * (now() - timestamptz '2024-01-01') AS at) t
        ON CONFLICT DO NOTHING;
        INSERT INTO recommendation_views (enterprise_organization_id, listing_id, first_seen_at)
        SELECT enterprise_organization_id, listing_id, entered_at + interval '2 hours' FROM recommendation_entries WHERE hashtext(listing_id::text || enterprise_organization_id::text) % 5 = 0
        ON CONFLICT DO NOTHING;
        ANALYZE;`);
      entries = (await client.query('SELECT count(*)::int AS n FROM recommendation_entries')).rows[0].n;
    } finally {
      await client.end();
    }
    const funnel = new MatchmakingFunnelService(ds);
    const today = todayInShanghai();
    const lastYear = { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today };
    const threeYears = { from: '2024-01-01', to: today };
    const lastMonth = { from: new Date(Date.now() - 30 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10), to: today };
    const cases: Array<[string, () => Promise<unknown[]>]> = [
      ['matchmakingFunnel (last 30 days)', () => funnel.funnel(lastMonth)],
      ['matchmakingFunnel (last 12 months)', () => funnel.funnel(lastYear)],
      ['matchmakingFunnel (3 years, every entry)', () => funnel.funnel(threeYears)],
      ['matchmakingFunnel (12 months, 余姚 330281, credit)', () => funnel.funnel(lastYear, '330281', ['CREDIT_PRODUCT'])],
    ];
    const figures: FunnelBench['figures'] = [];
    for (const [query, run] of cases) {
      let rows = (await run()).length;
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const s = performance.now();
        rows = (await run()).length;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      figures.push({ query, rows, p50: pct(times, 50), p95: pct(times, 95) });
    }
    return { firms, requests, entries, figures };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

export function renderFunnelBench(r: FunnelBench): string {
  return [
    `## matchmaking funnel (${r.firms} firms, ${r.requests} match requests, ${r.entries} match-set entries)`,
    '',
    '| query | rows | p50 ms | p95 ms |',
    '|---|---|---|---|',
    ...r.figures.map((f) => `| ${f.query} | ${f.rows} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderFunnelBench(await benchFunnel()));
  process.exit(0);
}
