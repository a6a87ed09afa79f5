/**
 * npm run bench: figures for docs/benchmarks.md. Boots the real app on a scratch database
 * (TEST_DATABASE_URL / local PostgreSQL) and measures, on each queue backend that is reachable:
 *  - outbox → BullMQ → handler throughput (events committed until every job completed);
 *  - HTTP GraphQL latency of an authenticated `me` query at concurrency 10, and of `login`;
 *  - `listings(first: 20)` with owners and parks against `{ __typename }` on the same server, and
 *    the SQL statements per request of each (listings.bench.ts);
 *  - a recommendations page of 20 with listings and owners: statements and node CPU per request
 *    (recommendations-page.bench.ts; BENCH_RECS=off skips it);
 *  - matching (matching.bench.ts, last; BENCH_MATCHING=off skips it): full rebuild, incremental
 *    listing scoring, one firm against 100k listings, publish → recommended, recommendations load;
 *  - the input validators refusing huge inputs (listings.bench.ts, hugeInputRejection);
 *  - pushed recommendations (issue 18; BENCH_PUSHES=off skips them): the funnel query at 100k match
 *    requests (funnel.bench.ts) and publish → push delivered over the websocket at 20k firms
 *    (push-latency.bench.ts);
 *  - policy rewards (rewards.bench.ts; BENCH_REWARDS=off skips it): every shipped policy for 20,000
 *    firms, the pure evaluator and the stored nightly run;
 *  - enterprise imports (imports.bench.ts; BENCH_IMPORTS=off skips it): a 5,000-row bureau sheet
 *    upload → preview → confirm → DONE against the old synchronous mutation, other requests'
 *    latency meanwhile against idle, the server's peak RSS.
 *  - side by side with a peer (peer.bench.ts; BENCH_PEER=off skips it): the listings page against
 *    PostGraphile 5 on the same database and data, and the framework floor `{ __typename }` against
 *    a minimal Nest + Apollo app and bare graphql-http; interleaved rounds, medians, CPU per request
 *    of node and PostgreSQL, statements per request (BENCH_PEER_ROUNDS, BENCH_PEER_DURATION, …).
 * Prints a Markdown table; nothing is asserted.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { redisReachable } from '../helpers/probes.js';
import { recordEvent } from '../../libs/platform/src/outbox/outbox.service.js';
import { startApp, type StartedApp } from '../../apps/all-in-one/src/start.js';
import { evaluatorThroughput, reassessThroughQueue } from './tiers.bench.js';
import { hugeInputRejection, listingsBench } from './listings.bench.js';
import { benchEnterprise, recommendationsPageBench, renderRecommendationsBench, seedRecommendations } from './recommendations-page.bench.js';
import { publishToSearchable } from './publish-latency.bench.js';
import { benchSearchEngine, renderSearchBench } from './search.bench.js';
import { benchInsights, renderInsightsBench } from './insights.bench.js';
import { runMatchingBench } from './matching.bench.js';
import { benchFunnel, renderFunnelBench } from './funnel.bench.js';
import { publishToPushed, renderPushLatency } from './push-latency.bench.js';
import { renderImportsBench, runImportsBench } from './imports.bench.js';
import { runRewardsBench } from './rewards.bench.js';
import { runPeerBench } from './peer.bench.js';
import { benchAppConfig, pct, post, scratchDatabase } from './bench-kit.js';

const REASSESS_FIRMS = Number(process.env.BENCH_REASSESS_FIRMS ?? 20_000);

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTH = { email: 'bench@authority.example', password: 'bench-password-1' };

async function latency(label: string, n: number, concurrency: number, run: () => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { label, n, rps: n / secs, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
}

async function outboxThroughput(app: StartedApp, events: number) {
  const ds = app.runtime.database.dataSource;
  const t0 = performance.now();
  for (let i = 0; i < events; i += 100) {
    await ds.transaction(async (m) => {
      for (let j = i; j < Math.min(events, i + 100); j++) {
        const id = `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`;
        await recordEvent(m, { type: 'organization.verified', aggregateType: 'organization', aggregateId: id, data: { organizationId: id, verifiedByUserId: id } });
      }
    });
  }
  const committed = performance.now();
  for (;;) {
    const c = await app.runtime.queues.counts();
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL');
    if (n === 0 && (c.completed ?? 0) >= events && (c.waiting ?? 0) + (c.active ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const done = performance.now();
  return { events, writeMs: committed - t0, totalMs: done - t0, perSecond: events / ((done - t0) / 1000) };
}

async function benchBackend(queue: 'postgres' | 'redis') {
  const db = await scratchDatabase('srdi_bench');
  const config = benchAppConfig(db.url, {
    AUTHORITY_EMAIL: AUTH.email,
    AUTHORITY_PASSWORD: AUTH.password,
    WORKER_CONCURRENCY: '10',
    RATE_LIMIT_MULTIPLIER: '1000', // the bench registers many organizations from one address
    ...(queue === 'redis' ? { REDIS_URL: REDIS } : {}),
  });
  const app = await startApp({ config, withWorkers: true, queueNamespace: `bench${randomBytes(3).toString('hex')}` });
  try {
    const outbox = await outboxThroughput(app, 2_000);
    const login = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
    const { login: l } = await post(app.graphqlUrl, login, { i: AUTH });
    const me = await latency('me (authenticated)', 2_000, 10, () => post(app.graphqlUrl, '{ me { email organization { name } } }', {}, l.accessToken));
    const logins = await latency('login (argon2id)', 100, 4, () => post(app.graphqlUrl, login, { i: AUTH }));
    const listings = await listingsBench(app, l.accessToken, { latency, post });
    // A recommendations page of 20 with listings and owners: statements and node CPU per request (BENCH_RECS=off skips it).
    let recommendations: string | undefined;
    if (process.env.BENCH_RECS !== 'off') {
      const firm = await benchEnterprise(app, queue === 'redis' ? 'R' : 'P');
      const ids = (await app.runtime.database.dataSource.query(`SELECT id FROM listings WHERE status = 'PUBLISHED' ORDER BY created_at LIMIT 60`)).map((r: { id: string }) => r.id);
      await seedRecommendations(app, firm.organizationId, ids);
      recommendations = renderRecommendationsBench(await recommendationsPageBench(app, firm.token));
    }
    const reassess = await reassessThroughQueue(app, REASSESS_FIRMS);
    const latencyToSearch = await publishToSearchable(app);
    return { queue, outbox, http: [me, logins, ...listings.http], listings, recommendations, reassess, latencyToSearch };
  } finally {
    await app.close();
    await db.drop();
  }
}

const backends: Array<'postgres' | 'redis'> = ['postgres', ...((await redisReachable(REDIS)) ? (['redis'] as const) : [])];
console.log(`# srdi-match bench — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — node ${process.version}`);
const evaluator = evaluatorThroughput();
console.log(`\ntier evaluator (pure, one thread): ${evaluator.evaluationsPerSecond.toFixed(0)} firm×rule-set evaluations/s (3 tiers each, ${evaluator.iterations} runs)`);
console.log(`\ninput validators refusing huge inputs (slowest of 5): ${hugeInputRejection().map((r) => `${r.label} ${r.ms.toFixed(1)} ms`).join('; ')}`);
if (process.env.BENCH_SEARCH !== 'off') console.log(`\n${renderSearchBench(await benchSearchEngine())}`);
if (process.env.BENCH_INSIGHTS !== 'off') console.log(`\n${renderInsightsBench(await benchInsights())}`);
// Issue 18: the funnel query at 100k requests, and publish → push delivered at 20k firms (BENCH_PUSHES=off skips both).
if (process.env.BENCH_PUSHES !== 'off') {
  console.log(`\n${renderFunnelBench(await benchFunnel())}`);
  console.log(`\n${renderPushLatency(await publishToPushed())}`);
}
for (const b of backends) {
  const r = await benchBackend(b);
  console.log(`\n## queue backend: ${r.queue}`);
  console.log(`outbox → queue → handler: ${r.outbox.events} events, committed in ${r.outbox.writeMs.toFixed(0)} ms, all jobs done after ${r.outbox.totalMs.toFixed(0)} ms (${r.outbox.perSecond.toFixed(0)} events/s)`);
  console.log(`publish → searchable (real queue, ${r.latencyToSearch.count} listings): p50 ${r.latencyToSearch.p50.toFixed(0)} ms, p95 ${r.latencyToSearch.p95.toFixed(0)} ms, max ${r.latencyToSearch.max.toFixed(0)} ms`);
  console.log(`nightly reassessment through the queue: ${r.reassess.firms} firms in ${r.reassess.seconds.toFixed(1)} s (${r.reassess.firmsPerSecond.toFixed(0)} firms/s; ${r.reassess.atRisk} at 复核 risk)`);
  console.log('\n| operation | requests | req/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|');
  for (const h of r.http) console.log(`| ${h.label} | ${h.n} | ${h.rps.toFixed(0)} | ${h.p50.toFixed(1)} | ${h.p95.toFixed(1)} | ${h.p99.toFixed(1)} |`);
  const [trivial, page] = r.listings.http;
  console.log(
    `\nlistings (${r.listings.listings} published, 9 owners, 2 parks): \`listings(first: 20)\` at ${page!.rps.toFixed(0)} req/s = ` +
      `${((100 * page!.rps) / trivial!.rps).toFixed(0)} % of \`{ __typename }\` (${trivial!.rps.toFixed(0)} req/s); ` +
      `SQL statements per request: listings ${r.listings.sql.listings}, trivial ${r.listings.sql.trivial}`,
  );
  if (r.recommendations) console.log(`\n${r.recommendations}`);
}
if (process.env.BENCH_REWARDS !== 'off') {
  console.log('\n## policy rewards');
  console.log(await runRewardsBench());
}
if (process.env.BENCH_IMPORTS !== 'off') {
  console.log('\n## enterprise imports');
  console.log(renderImportsBench(await runImportsBench()));
}
if (process.env.BENCH_PEER !== 'off') {
  console.log('\n## side by side: PostGraphile 5 and the framework floor');
  console.log(await runPeerBench((line) => console.error(line)));
}
if (process.env.BENCH_MATCHING !== 'off') {
  console.log('\n## matching (PostgreSQL queue backend)');
  await runMatchingBench();
}
process.exit(0);
