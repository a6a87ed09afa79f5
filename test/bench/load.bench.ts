/**
 * npm run bench:load — the mixed-workload load suite (docs/benchmarks.md, "Load (mixed workload)").
 * The servers are the real entry points in child processes; this process seeds the world, signs
 * firms in and runs autocannon at rising concurrency: 50 % search, 25 % recommendations, 15 %
 * listings pages, 10 % mutations (load/load-mix.ts). Loopback only, bounded in time, nothing
 * asserted. Setups:
 * - embedded: the all-in-one process on the embedded default (embedded PostgreSQL, BullMQ on PostgreSQL);
 * - external: the all-in-one process on the local PostgreSQL 15 + Redis (a scratch database and an
 *   empty Redis logical database);
 * - topology: the production topology on the same PostgreSQL + Redis (issue 21): `start:api` ×2, each
 *   with its own search replica, and `start:worker` ×2, behind the round-robin proxy of the fault
 *   suite (in a process of its own); printed side by side with `external` when both ran.
 * After every step the suite waits until the queue work the step caused has run (CPU back to idle)
 * and counts that CPU in the step's CPU per request.
 * Then, for one setup, the all-in-one server again under --cpu-prof for one step at the knee, summarised.
 *
 * BENCH_LOAD_BASELINE=<git rev>: each single-process setup (embedded, external) runs that commit's
 * server (built in a git worktree, baseline.ts) next to this one, steps interleaved (baseline
 * step N, then current step N), both tables and the ratio printed; no profile.
 *
 * Knobs: BENCH_LOAD_SETUP=all|both|embedded|external|topology or a comma list (all = the three;
 * both = embedded,external; with a baseline: embedded), BENCH_LOAD_STEPS (1,2,4,8,16,32,64),
 * BENCH_LOAD_DURATION (seconds per step, 10), BENCH_LOAD_ENTERPRISES (5000), BENCH_LOAD_LISTINGS
 * (4000), BENCH_LOAD_SIGNED_IN (300), BENCH_LOAD_PROFILE=embedded|external|both|off (embedded),
 * BENCH_LOAD_PROFILE_CONNECTIONS (default: the knee), BENCH_LOAD_PROFILE_OUT (keep the .cpuprofile
 * there), BENCH_LOAD_BASELINE (a git rev), BENCH_LOAD_BASELINE_KEEP=1 (keep and reuse its worktree).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/free-port.js';
import { post, scratchDatabase } from './bench-kit.js';
import { prepareBaseline, type Baseline } from './baseline.js';
import { summariseProfile, renderProfile } from './load/cpu-profile.js';
import { LISTINGS, Mix, RECOMMENDATIONS, type ListingsPage, type LoadActor } from './load/load-mix.js';
import { cpuParts, knee, renderSteps, runStep, type StepResult } from './load/load-step.js';
import { LOAD_PASSWORD, seedLoadWorld, type LoadWorld } from './load/load-world.js';
import { embeddedDatabaseUrl, startServer, type ServerChild } from './load/server-child.js';
import { cpuDelta, cpuMs } from './load/proc-cpu.js';

type Setup = 'embedded' | 'external' | 'topology';
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const BASELINE_REV = process.env.BENCH_LOAD_BASELINE;
const SETUP_CHOICE = env('BENCH_LOAD_SETUP', BASELINE_REV ? 'embedded' : 'all');
const SETUPS = (SETUP_CHOICE === 'all' ? ['embedded', 'external', 'topology'] : SETUP_CHOICE === 'both' ? ['embedded', 'external'] : SETUP_CHOICE.split(',')) as Setup[];
for (const s of SETUPS) if (!['embedded', 'external', 'topology'].includes(s)) throw new Error(`BENCH_LOAD_SETUP: unknown setup ${s} (all, both, embedded, external, topology, or a comma list)`);
const STEPS = env('BENCH_LOAD_STEPS', '1,2,4,8,16,32,64').split(',').map(Number);
const DURATION = Number(env('BENCH_LOAD_DURATION', '10'));
const PROFILE = BASELINE_REV ? 'off' : env('BENCH_LOAD_PROFILE', 'embedded');
const REDIS_BASE = env('REDIS_URL', 'redis://127.0.0.1:6379');
/** One secret for every process of a setup: a token signed by one API process is verified by the other. */
const JWT_SECRET = 'load-bench-secret-load-bench-secret-0001';
const tmp = await mkdtemp(join(os.tmpdir(), 'srdi-load-'));
const log = (line: string) => console.log(line);
const hr = () => Number(process.hrtime.bigint() / 1000n);

/** Whose code runs: this checkout, or a baseline commit's worktree. */
interface Code {
  name: 'current' | 'baseline';
  root: string;
  seed(url: string): Promise<LoadWorld>;
}

interface Prepared {
  setup: Setup;
  code: Code;
  serverEnv: Record<string, string>;
  world: LoadWorld;
  describe: string;
  cleanup(): Promise<void>;
}

const worldOptions = { enterprises: Number(env('BENCH_LOAD_ENTERPRISES', '5000')), listings: Number(env('BENCH_LOAD_LISTINGS', '4000')), signedIn: Number(env('BENCH_LOAD_SIGNED_IN', '300')) };
const CURRENT: Code = { name: 'current', root: process.cwd(), seed: (url) => seedLoadWorld(url, worldOptions) };

/** The embedded default: first start initialises the cluster (and the demo data), the world is seeded into it, the server stops. */
async function prepareEmbedded(code: Code): Promise<Prepared> {
  const dataDir = join(tmp, `${code.name}-data`);
  const serverEnv = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  const first = await startServer({ env: serverEnv, logFile: join(tmp, `${code.name}-embedded-init.log`), root: code.root });
  const world = await code.seed(embeddedDatabaseUrl(dataDir, serverEnv.EMBEDDED_PG_PORT)).finally(() => first.stop());
  return { setup: 'embedded', code, serverEnv, world, describe: 'embedded PostgreSQL (in DATA_DIR), BullMQ on PostgreSQL', cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Redis logical databases handed out in this run (two setups prepared before either writes would find the same one empty). */
const claimedRedis = new Set<number>();

/** External (and topology): a scratch database on the local PostgreSQL and a Redis logical database nobody uses (checked empty). */
async function prepareExternal(code: Code, setup: 'external' | 'topology'): Promise<Prepared> {
  const db = await scratchDatabase('srdi_bench_load');
  const world = await code.seed(db.url);
  const probe = new Redis(REDIS_BASE, { lazyConnect: true });
  await probe.connect();
  let index = -1;
  for (let i = 15; i >= 8 && index < 0; i--) {
    if (claimedRedis.has(i)) continue;
    await probe.select(i);
    if ((await probe.dbsize()) === 0) index = i;
  }
  if (index < 0) throw new Error('no empty Redis logical database among 8–15');
  claimedRedis.add(index);
  const redisUrl = `${REDIS_BASE.replace(/\/\d*$/, '')}/${index}`;
  const processes = setup === 'topology' ? '2 × `start:api` (a search replica each) + 2 × `start:worker` behind a round-robin proxy' : 'one all-in-one process';
  return {
    setup,
    code,
    serverEnv: { DATABASE_URL: db.url, REDIS_URL: redisUrl, JWT_SECRET },
    world,
    describe: `${processes}; PostgreSQL 15 on 127.0.0.1 (scratch database), BullMQ on Redis 7 (logical database ${index})`,
    cleanup: async () => {
      // Only the keys this run wrote: the logical database was empty when chosen.
      await probe.select(index);
      for (let cursor = '0'; ; ) {
        const [next, keys] = await probe.scan(cursor, 'MATCH', 'srdi:*', 'COUNT', 1000);
        if (keys.length) await probe.del(...keys);
        if ((cursor = next) === '0') break;
      }
      probe.disconnect();
      claimedRedis.delete(index);
      await db.drop();
    },
  };
}

const prepare = (setup: Setup, code: Code) => (setup === 'embedded' ? prepareEmbedded(code) : prepareExternal(code, setup));

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

/** Waits until `/health/ready` answers 200 (the search replica is built), at most 120 s. */
async function ready(graphqlUrl: string): Promise<void> {
  const url = new URL('/health/ready', graphqlUrl);
  for (const until = Date.now() + 120_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
  }
  log(`  (${url} did not answer 200 within 120 s; measuring anyway)`);
}

/** A process whose CPU counts: the server processes (summed), or the proxy (reported apart). */
interface Measured {
  role: 'all-in-one' | 'API' | 'workers' | 'proxy';
  child: ChildProcess;
}

/** A setup's processes, started, signed into, warmed up. */
interface Running {
  label: string;
  url: string;
  processes: Measured[];
  mix: Mix;
  /** CPU ms per second the processes burn with no request (node + their PostgreSQL), measured at start. */
  idlePerSecond: number;
  stop(): Promise<void>;
}

/** The proxy in its own process (load/proxy-child.ts), in front of `backends`. */
async function startProxy(backends: string[]): Promise<{ child: ChildProcess; url: string; stop(): Promise<string> }> {
  const child = spawn(process.execPath, [join(CURRENT.root, 'dist/test/bench/load/proxy-child.js'), ...backends], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  while (!out.includes('\n')) {
    if (child.exitCode !== null) throw new Error('the proxy exited before it listened');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: out.split('\n')[0]!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      return out.split('\n')[1] ?? '';
    },
  };
}

/**
 * HTTP_MAX_REQUESTS_PER_SOCKET (1,000 by default, ADR 0037) makes Node answer 503 to requests sent
 * on a keep-alive socket past its 1,000th; the load generator keeps its sockets, so a fast step at one
 * connection was mostly 503s. Off for every server measured here, as in the peer bench.
 */
const UNLIMITED_SOCKETS = { HTTP_MAX_REQUESTS_PER_SOCKET: '0' };

/** Starts the processes of a prepared setup, signs the firms in, measures idle CPU, warms up (5 s at 8 connections). */
async function open(p: Prepared, name: string, cpuProfileDir?: string): Promise<Running> {
  const label = p.code.name === 'baseline' ? `baseline ${p.setup}` : p.setup;
  const servers: Array<{ role: Measured['role']; server: ServerChild }> = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  const stop = async () => {
    const served = await proxy?.stop();
    if (served) log(`  ${label}: requests answered per API process (whole run): ${served}`);
    await Promise.all(servers.map((s) => s.server.stop()));
  };
  try {
    if (p.setup === 'topology') {
      // The database is migrated and seeded already: the four start at once.
      const start = (entry: 'api' | 'worker', i: number) =>
        startServer({ role: entry, env: { ...p.serverEnv, ...UNLIMITED_SOCKETS }, logFile: join(tmp, `${name}-${entry}-${i}.log`), root: p.code.root }).then((server) => servers.push({ role: entry === 'api' ? 'API' : 'workers', server }));
      await Promise.all([start('api', 1), start('api', 2), start('worker', 1), start('worker', 2)]);
      const apis = servers.filter((s) => s.role === 'API').map((s) => s.server.url);
      await Promise.all(apis.map(ready));
      proxy = await startProxy(apis);
    } else {
      const server = await startServer({ env: { ...p.serverEnv, ...UNLIMITED_SOCKETS }, logFile: join(tmp, `${name}.log`), cpuProfileDir, root: p.code.root });
      servers.push({ role: 'all-in-one', server });
      await ready(server.url);
    }
    const url = proxy?.url ?? servers[0]!.server.url;
    const actors = await actorsFor(url, p.world);
    const mix = new Mix(actors, await listingPages(url, actors[0]!.token), 20261121);
    const processes: Measured[] = [...servers.map((s) => ({ role: s.role, child: s.server.child })), ...(proxy ? [{ role: 'proxy' as const, child: proxy.child }] : [])];
    // What the servers burn with no request at all (queue and relay polling, timers): part of every
    // step's CPU per request, the larger the fewer requests there are to share it.
    const idle0 = cpuOf(processes);
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = cpuSince(idle0, processes);
    log(`  ${label} idle: node ${(idle.server / 5).toFixed(0)} ms CPU/s${idle.database ? `, its PostgreSQL ${(idle.database / 5).toFixed(0)} ms CPU/s` : ''}`);
    await runStep(url, mix, 8, 5);
    await settle(processes, (idle.server + idle.database) / 5);
    return { label, url, processes, mix, idlePerSecond: (idle.server + idle.database) / 5, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

const cpuOf = (ps: Measured[]) => ps.map((m) => cpuMs(m.child.pid!));

/** CPU ms since `before`: node summed over the server processes, their descendants (embedded PostgreSQL), and per role. */
function cpuSince(before: ReturnType<typeof cpuOf>, ps: Measured[]): { server: number; database: number; byRole: Map<Measured['role'], number> } {
  const after = cpuOf(ps);
  const byRole = new Map<Measured['role'], number>();
  let server = 0;
  let database = 0;
  ps.forEach((m, i) => {
    const d = cpuDelta(before[i], after[i]);
    if (!d) return;
    byRole.set(m.role, (byRole.get(m.role) ?? 0) + d.self);
    if (m.role === 'proxy') return;
    server += d.self;
    database += d.descendants;
  });
  return { server, database, byRole };
}

/**
 * Waits until the queue work a step left behind (rescoring, reassessment, index and notice jobs
 * that its mutations queued) is done: the processes' CPU over one second back to their idle rate
 * (+ 5 % of a core), at most 120 s. Without it that work would run in the next step, a baseline's
 * in the current build's step and the other way round. Returns the seconds it took.
 */
async function settle(ps: Measured[], idlePerSecond: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const before = cpuOf(ps);
    await new Promise((r) => setTimeout(r, 1_000));
    const used = cpuSince(before, ps);
    if (used.server + used.database <= idlePerSecond + 50 || performance.now() - t0 > 120_000) return (performance.now() - t0) / 1000;
  }
}

/**
 * One measured step on a running setup. Its CPU per request counts the step and the settling
 * after it: the queue work the step's requests caused is part of what they cost.
 */
async function step(r: Running, connections: number): Promise<{ result: StepResult; window: [number, number] }> {
  const t0 = hr();
  const before = cpuOf(r.processes);
  const result = await runStep(r.url, r.mix, connections, DURATION);
  const window: [number, number] = [t0, hr()];
  const settled = await settle(r.processes, r.idlePerSecond);
  const used = cpuSince(before, r.processes);
  // External PostgreSQL is not ours to attribute (other databases share it): node's CPU only.
  const perRequest = (ms: number) => ms / result.responses;
  result.cpu = { server: perRequest(used.server), database: perRequest(used.database) };
  if (r.processes.length > 1) result.cpu.parts = Object.fromEntries([...used.byRole].map(([role, ms]) => [role, perRequest(ms)]));
  log(`  ${r.label} ${connections} connections: ${result.rps.toFixed(0)} req/s, p95 ${result.all.p95.toFixed(1)} ms, server CPU ${result.cpu.server.toFixed(1)} ms/req${cpuParts(result.cpu.parts)} (queue work settled ${settled.toFixed(0)} s after the step, counted), load avg ${os.loadavg()[0]!.toFixed(2)}`);
  return { result, window };
}

/** Starts the setup and runs `steps`. */
async function measure(p: Prepared, steps: number[], name: string, cpuProfileDir?: string) {
  const r = await open(p, name, cpuProfileDir);
  const results: StepResult[] = [];
  let window: [number, number] = [0, 0];
  try {
    for (const c of steps) {
      const s = await step(r, c);
      results.push(s.result);
      window = s.window;
    }
  } finally {
    await r.stop();
  }
  return { results, window };
}

/** The knee, or the step with the most throughput when there is none (said so). */
function headline(steps: StepResult[]): { s: StepResult; what: string } {
  const k = knee(steps);
  if (k) return { s: k, what: `knee at ${k.connections}` };
  const best = steps.reduce((a, b) => (b.rps > a.rps ? b : a));
  return { s: best, what: `no knee; best step ${best.connections}` };
}

const f1 = (x: number) => x.toFixed(1);

/** External single process vs the topology, same run: knee throughput, p95 at the knee, CPU per request summed over processes. */
function renderSideBySide(single: StepResult[], topology: StepResult[]): string {
  const a = headline(single);
  const b = headline(topology);
  const row = (name: string, h: ReturnType<typeof headline>) => `| ${name} | ${h.what} | ${h.s.rps.toFixed(0)} | ${f1(h.s.all.p95)} | ${f1(h.s.cpu?.server ?? NaN)}${cpuParts(h.s.cpu?.parts)} |`;
  const lines = [
    '| setup | step | req/s | p95 ms | node CPU ms/req, summed over the server processes (the proxy apart) |',
    '|---|---|---:|---:|---:|',
    row('external: one all-in-one process', a),
    row('topology: 2 API + 2 workers', b),
    '',
    `Topology / single process: throughput ${(b.s.rps / a.s.rps).toFixed(2)}×, p95 ${(b.s.all.p95 / a.s.all.p95).toFixed(2)}×, CPU per request ${((b.s.cpu?.server ?? NaN) / (a.s.cpu?.server ?? NaN)).toFixed(2)}× (${os.cpus().length} cores shared by every process, PostgreSQL, Redis and the load generator).`,
    '',
    '| connections | single req/s | topology req/s | ratio | single p95 | topology p95 | single CPU ms/req | topology CPU ms/req |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [i, s] of single.entries()) {
    const t = topology[i];
    if (!t) continue;
    lines.push(`| ${s.connections} | ${s.rps.toFixed(0)} | ${t.rps.toFixed(0)} | ${(t.rps / s.rps).toFixed(2)}× | ${f1(s.all.p95)} | ${f1(t.all.p95)} | ${f1(s.cpu?.server ?? NaN)} | ${f1(t.cpu?.server ?? NaN)} |`);
  }
  return lines.join('\n');
}

/** Baseline vs current, step by step (interleaved in time), and at the knee. */
function renderBaselineRatio(baseline: StepResult[], current: StepResult[]): string {
  const lines = [
    '| connections | baseline req/s | current req/s | ratio | baseline p95 ms | current p95 ms | baseline CPU ms/req (node / its PostgreSQL) | current CPU ms/req (node / its PostgreSQL) | load avg (baseline / current) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const cpu = (s: StepResult) => (s.cpu ? `${f1(s.cpu.server)} / ${s.cpu.database ? f1(s.cpu.database) : '–'}` : '–');
  for (const [i, b] of baseline.entries()) {
    const c = current[i]!;
    lines.push(`| ${b.connections} | ${b.rps.toFixed(0)} | ${c.rps.toFixed(0)} | ${(c.rps / b.rps).toFixed(2)}× | ${f1(b.all.p95)} | ${f1(c.all.p95)} | ${cpu(b)} | ${cpu(c)} | ${f1(b.loadAverage)} / ${f1(c.loadAverage)} |`);
  }
  const hb = headline(baseline);
  const hc = headline(current);
  lines.push('', `Baseline ${hb.what}: ${hb.s.rps.toFixed(0)} req/s, p95 ${f1(hb.s.all.p95)} ms; current ${hc.what}: ${hc.s.rps.toFixed(0)} req/s, p95 ${f1(hc.s.all.p95)} ms: **${(hc.s.rps / hb.s.rps).toFixed(2)}×** the baseline's throughput.`);
  return lines.join('\n');
}

function describeWorld(p: Prepared, seconds: number): string {
  const w = p.world;
  return `World seeded in ${seconds.toFixed(1)} s (SQL ${w.seedSeconds.toFixed(1)} s, match-set rebuild ${w.rebuildSeconds.toFixed(1)} s, ${w.matchRows} rows).`;
}

/** BENCH_LOAD_BASELINE: the baseline's and the current server of one setup, both running, steps interleaved. */
async function compareWithBaseline(setup: Setup, baseline: Baseline): Promise<void> {
  const code: Code = { name: 'baseline', root: baseline.root, seed: (url) => baseline.seed(url, worldOptions) };
  const prepared: Prepared[] = [];
  try {
    for (const c of [code, CURRENT]) {
      const t = performance.now();
      const p = await prepare(setup, c);
      prepared.push(p);
      log(`${c.name}: ${describeWorld(p, (performance.now() - t) / 1000)}`);
    }
    const [pb, pc] = prepared as [Prepared, Prepared];
    log(`\n## ${setup}, baseline ${baseline.sha.slice(0, 12)} vs current, steps interleaved: ${pc.describe}`);
    if (pb.world.matchRows !== pc.world.matchRows || pb.world.firms.length !== pc.world.firms.length) {
      log(`(the worlds differ: baseline ${pb.world.firms.length} signed-in firms, ${pb.world.matchRows} match rows; current ${pc.world.firms.length}, ${pc.world.matchRows} — the seeders or the scoring changed between the commits)`);
    }
    const rb = await open(pb, `baseline-${setup}-steps`);
    try {
      const rc = await open(pc, `${setup}-steps`);
      try {
        const results = { baseline: [] as StepResult[], current: [] as StepResult[] };
        for (const c of STEPS) {
          results.baseline.push((await step(rb, c)).result);
          results.current.push((await step(rc, c)).result);
        }
        log(`\n### ${setup}: baseline ${baseline.sha.slice(0, 12)}\n\n${renderSteps(results.baseline)}`);
        log(`\n### ${setup}: current\n\n${renderSteps(results.current)}`);
        log(`\n### ${setup}: current / baseline, same run\n\n${renderBaselineRatio(results.baseline, results.current)}`);
      } finally {
        await rc.stop();
      }
    } finally {
      await rb.stop();
    }
  } finally {
    for (const p of prepared) await p.cleanup();
  }
}

/** One setup on its own, then its profile if asked for. */
async function runSetup(setup: Setup): Promise<StepResult[]> {
  let t = performance.now();
  const p = await prepare(setup, CURRENT);
  try {
    log(`\n## ${setup}: ${p.describe}`);
    log(describeWorld(p, (performance.now() - t) / 1000));
    t = performance.now();
    const { results } = await measure(p, STEPS, `${setup}-steps`);
    log(`\n${renderSteps(results)}\n(${((performance.now() - t) / 1000).toFixed(0)} s including boot and sign-in)`);
    // The profile is of one process: the topology's four are not profiled.
    if (setup !== 'topology' && (PROFILE === setup || PROFILE === 'both')) {
      const c = Number(env('BENCH_LOAD_PROFILE_CONNECTIONS', String(knee(results)?.connections ?? STEPS.at(-1))));
      const dir = join(tmp, `${setup}-prof`);
      const run = await measure(p, [c], `${setup}-profile`, dir);
      const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
      if (process.env.BENCH_LOAD_PROFILE_OUT) copyFileSync(file, join(process.env.BENCH_LOAD_PROFILE_OUT, `${setup}-${c}.cpuprofile`));
      log(`\n### ${setup}: server under --cpu-prof, ${c} connections: ${run.results[0]!.rps.toFixed(0)} req/s, p95 ${run.results[0]!.all.p95.toFixed(1)} ms (profiling costs throughput)\n`);
      log(renderProfile(summariseProfile(file, run.window[0], run.window[1])));
    }
    return results;
  } finally {
    await p.cleanup();
  }
}

log(`# srdi-match load suite — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — node ${process.version} — load avg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
log(`Setups: ${SETUPS.join(', ')}${BASELINE_REV ? ` (the single-process ones against baseline ${BASELINE_REV}, steps interleaved)` : ''}. Steps ${STEPS.join(', ')} connections × ${DURATION} s; world: ${worldOptions.enterprises} enterprises, ${worldOptions.listings} listings, ${worldOptions.signedIn} signed-in firms.`);
const baseline = BASELINE_REV
  ? prepareBaseline(BASELINE_REV, log, {
      keep: process.env.BENCH_LOAD_BASELINE_KEEP === '1',
      requires: { file: 'test/bench/load/load-world.ts', why: 'the load suite (1ba0435) is older than that commit can be compared with' },
    })
  : undefined;
try {
  const results = new Map<Setup, StepResult[]>();
  for (const setup of SETUPS) {
    if (baseline && setup !== 'topology') await compareWithBaseline(setup, baseline);
    else results.set(setup, await runSetup(setup));
  }
  const single = results.get('external');
  const topology = results.get('topology');
  if (single && topology) log(`\n## Topology vs one process, same run (PostgreSQL 15 + Redis 7 both)\n\n${renderSideBySide(single, topology)}`);
} finally {
  baseline?.remove();
  await rm(tmp, { recursive: true, force: true });
}
process.exit(0);
