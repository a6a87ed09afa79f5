/**
 * npm run bench:load — the mixed-workload load suite (docs/benchmarks.md, "Load (mixed workload)").
 * The server is the real `apps/all-in-one/src/main.js` in a child process; this process seeds the world,
 * signs firms in and runs autocannon at rising concurrency: 50 % search, 25 % recommendations,
 * 15 % listings pages, 10 % mutations (load/load-mix.ts). Loopback only, bounded in time, nothing
 * asserted. Setups: the embedded default (embedded PostgreSQL, BullMQ on PostgreSQL) and external
 * PostgreSQL 15 + Redis (a scratch database and an empty Redis logical database on the local servers).
 * Then, for one setup, the server again under --cpu-prof for one step at the knee, summarised.
 *
 * Knobs: BENCH_LOAD_SETUP=embedded|external|both (both), BENCH_LOAD_STEPS (1,2,4,8,16,32,64),
 * BENCH_LOAD_DURATION (seconds per step, 10), BENCH_LOAD_ENTERPRISES (5000), BENCH_LOAD_LISTINGS
 * (4000), BENCH_LOAD_SIGNED_IN (300), BENCH_LOAD_PROFILE=embedded|external|both|off (embedded),
 * BENCH_LOAD_PROFILE_CONNECTIONS (default: the knee), BENCH_LOAD_PROFILE_OUT (keep the .cpuprofile there).
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/free-port.js';
import { post, scratchDatabase } from './bench-kit.js';
import { summariseProfile, renderProfile } from './load/cpu-profile.js';
import { LISTINGS, Mix, RECOMMENDATIONS, type ListingsPage, type LoadActor } from './load/load-mix.js';
import { knee, renderSteps, runStep, type StepResult } from './load/load-step.js';
import { LOAD_PASSWORD, seedLoadWorld, type LoadWorld } from './load/load-world.js';
import { embeddedDatabaseUrl, startServer } from './load/server-child.js';
import { cpuDelta, cpuMs } from './load/proc-cpu.js';

type Setup = 'embedded' | 'external';
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const SETUPS = (env('BENCH_LOAD_SETUP', 'both') === 'both' ? ['embedded', 'external'] : [env('BENCH_LOAD_SETUP', '')]) as Setup[];
const STEPS = env('BENCH_LOAD_STEPS', '1,2,4,8,16,32,64').split(',').map(Number);
const DURATION = Number(env('BENCH_LOAD_DURATION', '10'));
const PROFILE = env('BENCH_LOAD_PROFILE', 'embedded');
const REDIS_BASE = env('REDIS_URL', 'redis://127.0.0.1:6379');
const tmp = await mkdtemp(join(os.tmpdir(), 'srdi-load-'));
const log = (line: string) => console.log(line);
const hr = () => Number(process.hrtime.bigint() / 1000n);

interface Prepared {
  setup: Setup;
  serverEnv: Record<string, string>;
  world: LoadWorld;
  describe: string;
  cleanup(): Promise<void>;
}

const worldOptions = { enterprises: Number(env('BENCH_LOAD_ENTERPRISES', '5000')), listings: Number(env('BENCH_LOAD_LISTINGS', '4000')), signedIn: Number(env('BENCH_LOAD_SIGNED_IN', '300')) };

/** The embedded default: first start initialises the cluster (and the demo data), the world is seeded into it, the server stops. */
async function prepareEmbedded(): Promise<Prepared> {
  const dataDir = join(tmp, 'data');
  const serverEnv = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  const first = await startServer({ env: serverEnv, logFile: join(tmp, 'embedded-init.log') });
  const world = await seedLoadWorld(embeddedDatabaseUrl(dataDir, serverEnv.EMBEDDED_PG_PORT), worldOptions).finally(() => first.stop());
  return { setup: 'embedded', serverEnv, world, describe: 'embedded PostgreSQL (in DATA_DIR), BullMQ on PostgreSQL', cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** External: a scratch database on the local PostgreSQL and a Redis logical database nobody uses (checked empty). */
async function prepareExternal(): Promise<Prepared> {
  const db = await scratchDatabase('srdi_bench_load');
  const world = await seedLoadWorld(db.url, worldOptions);
  const probe = new Redis(REDIS_BASE, { lazyConnect: true });
  await probe.connect();
  let index = -1;
  for (let i = 15; i >= 8 && index < 0; i--) {
    await probe.select(i);
    if ((await probe.dbsize()) === 0) index = i;
  }
  if (index < 0) throw new Error('no empty Redis logical database among 8–15');
  const redisUrl = `${REDIS_BASE.replace(/\/\d*$/, '')}/${index}`;
  return {
    setup: 'external',
    serverEnv: { DATABASE_URL: db.url, REDIS_URL: redisUrl },
    world,
    describe: `PostgreSQL 15 on 127.0.0.1 (scratch database), BullMQ on Redis 7 (logical database ${index})`,
    cleanup: async () => {
      // Only the keys this run wrote: the logical database was empty when chosen.
      for (let cursor = '0'; ; ) {
        const [next, keys] = await probe.scan(cursor, 'MATCH', 'srdi:*', 'COUNT', 1000);
        if (keys.length) await probe.del(...keys);
        if ((cursor = next) === '0') break;
      }
      probe.disconnect();
      await db.drop();
    },
  };
}

/** Sign the firms in (argon2id, two at a time) and read what each is recommended. */
async function actorsFor(url: string, world: LoadWorld): Promise<LoadActor[]> {
  const actors: LoadActor[] = [];
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      for (let i = next++; i < world.firms.length; i = next++) {
        const firm = world.firms[i]!;
        const { login } = await post(url, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: firm.email, password: LOAD_PASSWORD } });
        const recs = await post(url, RECOMMENDATIONS, { first: 20 }, login.accessToken);
        actors[i] = { firm, token: login.accessToken, targets: (recs.recommendations as Array<{ listing: { id: string } }>).map((r) => r.listing.id) };
      }
    }),
  );
  return actors;
}

/** Real cursors: the first pages of the unfiltered list and of some filters, walked once. */
async function listingPages(url: string, token: string): Promise<ListingsPage[]> {
  const pages: ListingsPage[] = [];
  for (const filter of [null, { kinds: ['SERVICE_OFFERING'] }, { kinds: ['CREDIT_PRODUCT'] }, { kinds: ['PARK_VACANCY'] }, { regionCodes: ['330200'] }, { kinds: ['CHALLENGE'], regionCodes: ['330000'] }]) {
    let after: string | null = null;
    for (let i = 0; i < 6; i++) {
      pages.push({ filter, after });
      const data = await post(url, LISTINGS, { f: filter, first: 20, after }, token);
      if (!data.listings.pageInfo.hasNextPage) break;
      after = data.listings.pageInfo.endCursor;
    }
  }
  return pages;
}

/** Starts the server on a prepared setup and runs `steps` (after a 5 s warm-up at 8 connections). */
async function measure(p: Prepared, steps: number[], name: string, cpuProfileDir?: string) {
  const server = await startServer({ env: p.serverEnv, logFile: join(tmp, `${name}.log`), cpuProfileDir });
  const results: StepResult[] = [];
  let window: [number, number] = [0, 0];
  try {
    const actors = await actorsFor(server.url, p.world);
    const mix = new Mix(actors, await listingPages(server.url, actors[0]!.token), 20261121);
    // What the server burns with no request at all (queue and relay polling, timers): part of every
    // step's CPU per request, the larger the fewer requests there are to share it.
    const idle0 = cpuMs(server.child.pid!);
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = cpuDelta(idle0, cpuMs(server.child.pid!));
    if (idle) log(`  ${p.setup} idle: node ${(idle.self / 5).toFixed(0)} ms CPU/s, its PostgreSQL ${(idle.descendants / 5).toFixed(0)} ms CPU/s`);
    await runStep(server.url, mix, 8, 5);
    for (const c of steps) {
      const t0 = hr();
      const before = cpuMs(server.child.pid!);
      const step = await runStep(server.url, mix, c, DURATION);
      const used = cpuDelta(before, cpuMs(server.child.pid!));
      window = [t0, hr()];
      // External PostgreSQL is not ours to attribute (other databases share it): node's CPU only.
      if (used) step.cpu = { server: used.self / step.responses, database: used.descendants / step.responses };
      results.push(step);
      log(`  ${p.setup} ${c} connections: ${step.rps.toFixed(0)} req/s, p95 ${step.all.p95.toFixed(1)} ms, server CPU ${step.cpu?.server.toFixed(1)} ms/req, load avg ${os.loadavg()[0]!.toFixed(2)}`);
    }
  } finally {
    await server.stop();
  }
  return { results, window };
}

log(`# srdi-match load suite — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — node ${process.version} — load avg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
log(`Steps ${STEPS.join(', ')} connections × ${DURATION} s; world: ${worldOptions.enterprises} enterprises, ${worldOptions.listings} listings, ${worldOptions.signedIn} signed-in firms.`);
try {
  for (const setup of SETUPS) {
    let t = performance.now();
    const p = setup === 'embedded' ? await prepareEmbedded() : await prepareExternal();
    try {
      const w = p.world;
      log(`\n## ${setup}: ${p.describe}`);
      log(`World seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (SQL ${w.seedSeconds.toFixed(1)} s, match-set rebuild ${w.rebuildSeconds.toFixed(1)} s, ${w.matchRows} rows).`);
      t = performance.now();
      const { results } = await measure(p, STEPS, `${setup}-steps`);
      log(`\n${renderSteps(results)}\n(${((performance.now() - t) / 1000).toFixed(0)} s including boot and sign-in)`);
      if (PROFILE === setup || PROFILE === 'both') {
        const c = Number(env('BENCH_LOAD_PROFILE_CONNECTIONS', String(knee(results)?.connections ?? STEPS.at(-1))));
        const dir = join(tmp, `${setup}-prof`);
        const run = await measure(p, [c], `${setup}-profile`, dir);
        const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
        if (process.env.BENCH_LOAD_PROFILE_OUT) copyFileSync(file, join(process.env.BENCH_LOAD_PROFILE_OUT, `${setup}-${c}.cpuprofile`));
        log(`\n### ${setup}: server under --cpu-prof, ${c} connections: ${run.results[0]!.rps.toFixed(0)} req/s, p95 ${run.results[0]!.all.p95.toFixed(1)} ms (profiling costs throughput)\n`);
        log(renderProfile(summariseProfile(file, run.window[0], run.window[1])));
      }
    } finally {
      await p.cleanup();
    }
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
process.exit(0);
