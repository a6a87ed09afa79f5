/**
 * Before/after of `listings(first: 20)` with owners, parks and park operators (issue 20 item 1,
 * ADR 0040): this build against a baseline build of another commit, as two all-in-one servers
 * (child processes) on one scratch database with 200 published listings of every kind, each with
 * its own empty Redis logical database. Rounds are interleaved (baseline, this, baseline, …) so
 * that the machine's load falls on both alike; medians of the rounds' req/s and p95.
 *
 * Statements per request: the database's committed transactions (pg_stat_database.xact_commit)
 * over sequential requests to one server, minus what the same window counts idle (both servers'
 * pollers); every statement of these reads runs in its own implicit transaction.
 *
 * The baseline is a git rev, built in a worktree by baseline.ts (as the load suite's
 * BENCH_LOAD_BASELINE); BENCH_BASELINE_KEEP=1 keeps and reuses its worktree.
 *
 *   npm run build && LISTINGS_AB_BASE=main node dist/test/bench/listings-ab.bench.js [rounds] [requests per round] [listings]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openDatabase } from '../../libs/platform/src/database/database-runtime.js';
import { prepareBaseline } from './baseline.js';
import { pct, post, scratchDatabase } from './bench-kit.js';
import { LISTINGS_WITH_OWNERS, LOAD_PASSWORD, seedListingLoad } from './listing-load.js';
import { startServer, type ServerChild } from './load/server-child.js';

const BASE = process.env.LISTINGS_AB_BASE;
const ROUNDS = Number(process.argv[2] ?? 5);
const REQUESTS = Number(process.argv[3] ?? 1000);
const LISTINGS = Number(process.argv[4] ?? 200);
const CONCURRENCY = 10;
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function emptyRedisDatabases(n: number): Promise<number[]> {
  const probe = new Redis(REDIS, { lazyConnect: true });
  await probe.connect();
  const found: number[] = [];
  for (let i = 15; i >= 8 && found.length < n; i--) {
    await probe.select(i);
    if ((await probe.dbsize()) === 0) found.push(i);
  }
  probe.disconnect();
  if (found.length < n) throw new Error(`need ${n} empty Redis logical databases among 8–15`);
  return found;
}

async function round(url: string, token: string): Promise<{ rps: number; p95: number }> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        await post(url, LISTINGS_WITH_OWNERS, { first: 20 }, token);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p95: pct(times, 95) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!BASE) throw new Error('set LISTINGS_AB_BASE to the git rev of the baseline (e.g. main)');
  const baseline = prepareBaseline(BASE, console.log, { keep: process.env.BENCH_BASELINE_KEEP === '1' });
  const tmp = mkdtempSync(join(tmpdir(), 'listings-ab-'));
  const db = await scratchDatabase('reads_ab');
  const servers: ServerChild[] = [];
  const admin = new pg.Client({ connectionString: db.url });
  const redisUsed: number[] = [];
  try {
    const rt = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench-ab');
    await seedListingLoad(rt.dataSource, LISTINGS, 'AB');
    await rt.close();
    const [r1, r2] = await emptyRedisDatabases(2);
    redisUsed.push(r1!, r2!);
    // LOG_LEVEL info (startServer's default): it waits for the start line; one log line per request on both sides.
    const env = (r: number) => ({ DATABASE_URL: db.url, REDIS_URL: `${REDIS.replace(/\/\d*$/, '')}/${r}` });
    const sides = [
      { name: 'baseline', server: await startServer({ env: env(r1!), logFile: join(tmp, 'baseline.log'), root: baseline.root }) },
      { name: 'this build', server: await startServer({ env: env(r2!), logFile: join(tmp, 'this.log') }) },
    ];
    servers.push(...sides.map((s) => s.server));
    const email = 'ab-service_provider-0@load.srdi.example'; // seedListingLoad's first owner with tag AB
    const tokens = await Promise.all(
      sides.map(async (s) => (await post(s.server.url, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email, password: LOAD_PASSWORD } })).login.accessToken as string),
    );
    // The two answer alike (the same page, field for field).
    const pages = await Promise.all(sides.map((s, i) => post(s.server.url, LISTINGS_WITH_OWNERS, { first: 20 }, tokens[i])));
    if (JSON.stringify(pages[0]) !== JSON.stringify(pages[1])) throw new Error('the two builds answer differently');
    for (const [i, s] of sides.entries()) for (let k = 0; k < 200; k++) await post(s.server.url, LISTINGS_WITH_OWNERS, { first: 20 }, tokens[i]);

    await admin.connect();
    const commits = async () => {
      await new Promise((r) => setTimeout(r, 1200)); // backends flush their counters at most once a second
      await admin.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await admin.query('SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()');
      return Number(rows[0].n);
    };
    const statements: Record<string, number> = {};
    const SEQ = 100;
    for (const [i, s] of sides.entries()) {
      let c0 = await commits();
      const t0 = performance.now();
      for (let k = 0; k < SEQ; k++) await post(s.server.url, LISTINGS_WITH_OWNERS, { first: 20 }, tokens[i]);
      const ms = performance.now() - t0;
      const busy = (await commits()) - c0 - 1; // the snapshot query itself
      c0 = await commits();
      await new Promise((r) => setTimeout(r, ms));
      const idle = (await commits()) - c0 - 1;
      statements[s.name] = (busy - idle) / SEQ;
    }

    const figures: Record<string, Array<{ rps: number; p95: number }>> = { baseline: [], 'this build': [] };
    const loads: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, s] of (r % 2 ? [...sides.entries()].reverse() : [...sides.entries()])) figures[s.name]!.push(await round(s.server.url, tokens[i]!));
      loads.push(loadavg()[0]!);
    }
    console.log(`listings(first: 20) + owner, park, park operator; ${LISTINGS} listings; ${ROUNDS} interleaved rounds × ${REQUESTS} requests at concurrency ${CONCURRENCY}`);
    console.log(`load average (1 min) during the rounds: ${loads.map((l) => l.toFixed(1)).join(', ')}`);
    for (const s of sides) {
      const f = figures[s.name]!;
      console.log(
        `${s.name.padEnd(11)} median ${median(f.map((x) => x.rps)).toFixed(0)} req/s (rounds: ${f.map((x) => x.rps.toFixed(0)).join(', ')}), median p95 ${median(f.map((x) => x.p95)).toFixed(1)} ms, statements/request ≈ ${statements[s.name]!.toFixed(2)}`,
      );
    }
  } finally {
    await admin.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await db.drop();
    // Only the keys the servers wrote: the logical databases were empty when chosen.
    const probe = new Redis(REDIS, { lazyConnect: true });
    await probe.connect();
    for (const i of redisUsed) {
      await probe.select(i);
      for (let cursor = '0'; ; ) {
        const [next, keys] = await probe.scan(cursor, 'MATCH', 'srdi:*', 'COUNT', 1000);
        if (keys.length) await probe.del(...keys);
        if ((cursor = next) === '0') break;
      }
    }
    probe.disconnect();
    baseline.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
