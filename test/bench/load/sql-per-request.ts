/**
 * SQL statements per request of each operation of the load mix, for the hot-spot analysis: the app
 * in-process (all-in-one, PostgreSQL queue backend) on a scratch database with a small load world,
 * statements counted on the pool's clients (countQueries), median of 15 requests per op
 * (the median hides the relay's and workers' polls, which run in the same process).
 * `npm run build && node dist/test/bench/load/sql-per-request.js`
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../libs/platform/src/config/config.js';
import { startApp } from '../../../apps/all-in-one/src/start.js';
import { post, scratchDatabase } from '../bench-kit.js';
import { countQueries } from '../listing-load.js';
import { LISTINGS, Mix, RECOMMENDATIONS, type LoadActor } from './load-mix.js';
import { LOAD_PASSWORD, seedLoadWorld } from './load-world.js';

const db = await scratchDatabase('srdi_bench_sql');
try {
  const world = await seedLoadWorld(db.url, { enterprises: 500, listings: 400, signedIn: 20 });
  const app = await startApp({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
    withWorkers: true,
    queueNamespace: `sql${randomBytes(3).toString('hex')}`,
  });
  try {
    const url = app.graphqlUrl;
    const actors: LoadActor[] = [];
    for (const firm of world.firms) {
      const { login } = await post(url, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: firm.email, password: LOAD_PASSWORD } });
      const recs = await post(url, RECOMMENDATIONS, { first: 20 }, login.accessToken);
      actors.push({ firm, token: login.accessToken, targets: (recs.recommendations as Array<{ listing: { id: string } }>).map((r) => r.listing.id) });
    }
    const first = await post(url, LISTINGS, { f: null, first: 20, after: null }, actors[0]!.token);
    const mix = new Mix(actors, [{ filter: null, after: null }, { filter: null, after: first.listings.pageInfo.endCursor }], 7);
    const counter = await countQueries(app.runtime.database.dataSource);
    const counts: Record<string, number[]> = {};
    const example: Record<string, string[]> = {};
    for (let i = 0; i < 600 && Object.values(counts).filter((c) => c.length >= 15).length < 6; i++) {
      const plan = mix.next();
      const { result, sql } = await counter.during(async () => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.token}` }, body: plan.body });
        return plan.done(res.status, await res.text());
      });
      if (result) throw new Error(`${plan.op}: ${result}`);
      (counts[plan.op] ??= []).push(sql.length);
      example[plan.op] ??= sql;
    }
    counter.restore();
    console.log('| operation | requests | SQL statements per request (median) | min | max |\n|---|---:|---:|---:|---:|');
    for (const [op, c] of Object.entries(counts)) {
      const s = c.sort((a, b) => a - b);
      console.log(`| ${op} | ${s.length} | ${s[Math.floor(s.length / 2)]} | ${s[0]} | ${s.at(-1)} |`);
    }
    if (process.env.SQL_SHOW) for (const [op, sql] of Object.entries(example)) console.log(`\n${op}:\n  ${sql.map((q) => q.slice(0, 160)).join('\n  ')}`);
  } finally {
    await app.close();
  }
} finally {
  await db.drop();
}
process.exit(0);
