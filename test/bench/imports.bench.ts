/**
 * Enterprise imports (issue 14): a realistic 5,000-row bureau sheet (import-sheet.ts) imported by the
 * real server — `apps/all-in-one/src/main.js` in a child process (server-child.ts) on a scratch database
 * seeded with the load world (enterprises and published listings, so search, listings and the
 * import's fan-out meet real data), BullMQ on PostgreSQL (no REDIS_URL), NODE_ENV=test.
 *
 * Meanwhile a steady open-loop stream of other GraphQL requests — `search` and `listings(first: 20)`
 * alternately, sent every 1000/BENCH_IMPORTS_RATE ms whether or not the previous one answered — is
 * timed and compared with the same stream on the idle server (p50/p95 ratios).
 *
 *  - before: the synchronous `importEnterprises` mutation (base64 in a JSON body limited to 1 MB):
 *    the whole sheet if it fits, else the largest prefix that fits, timed and scaled linearly;
 *  - after: POST /imports/enterprises (multipart) → poll enterpriseImport(id) until PREVIEW_READY →
 *    confirmEnterpriseImport → poll until DONE; then, informative, until the outbox and every queue
 *    are drained (the import's downstream work: tier scoring, match sets, search documents).
 *
 * After runs first (the target), then before, each printed when done, each on a fresh scratch
 * database and server with its own idle measurement (a phase leaves thousands of matching jobs that
 * would starve the next). Each phase gets its own sheet (different seed, same shape).
 * Peak RSS of the server process: /proc/<pid>/status VmHWM after resetting it (clear_refs 5) at the
 * phase's start, and the largest VmRSS sampled every 50 ms. Nothing is asserted.
 *
 * Knobs: BENCH_IMPORTS_ROWS (5000), BENCH_IMPORTS_RATE (side-load requests/s, 10),
 * BENCH_IMPORTS_IDLE_SECONDS (30), BENCH_IMPORTS_FANOUT_SECONDS (60: how long after DONE the stream goes on
 * while the import's downstream work runs, timed as its own row; it stops earlier when that work drained), BENCH_IMPORTS_ENTERPRISES (5000) and BENCH_IMPORTS_LISTINGS (4000)
 * of the seeded world, BENCH_IMPORTS_SETTLE_SECONDS (120, the wait for the downstream work),
 * BENCH_IMPORTS_BEFORE=off skips the synchronous mutation, BENCH_IMPORTS_AFTER=off the asynchronous path;
 * BENCH_IMPORTS_CPU_PROFILE=<dir> writes the server's CPU profile (node --cpu-prof) there.
 * Run alone: `npm run bench:imports`; within `npm run bench` (BENCH_IMPORTS=off skips it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { pct, post, scratchDatabase } from './bench-kit.js';
import { bureauSheet, type BureauSheet } from './import-sheet.js';
import { seedLoadWorld } from './load/load-world.js';
import { SEARCH, LISTINGS } from './load/load-mix.js';
import { startServer, type ServerChild } from './load/server-child.js';
import { cpuMs } from './load/proc-cpu.js';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const ROWS = Number(env('BENCH_IMPORTS_ROWS', '5000'));
const RATE = Number(env('BENCH_IMPORTS_RATE', '10'));
const IDLE_SECONDS = Number(env('BENCH_IMPORTS_IDLE_SECONDS', '30'));
const SETTLE_SECONDS = Number(env('BENCH_IMPORTS_SETTLE_SECONDS', '120'));
const FANOUT_SECONDS = Number(env('BENCH_IMPORTS_FANOUT_SECONDS', '60'));
const WORLD = { enterprises: Number(env('BENCH_IMPORTS_ENTERPRISES', '5000')), listings: Number(env('BENCH_IMPORTS_LISTINGS', '4000')), signedIn: 0 };
const AUTH = { email: 'bench-imports@authority.example', password: 'bench-imports-password-1' };
/** express.json({ limit: '1mb' }) in bootstrap.ts. */
const JSON_BODY_LIMIT = 1024 * 1024;

const WORDS = ['知识产权', '数字化', '贷款', '检测', '专精特新', '厂房', '研发', '智能制造', '融资', '认证', '工业互联网', '专利'];

// ------------------------------------------------------------------------------------ side load

export interface Latencies {
  sent: number;
  answered: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Idle phase only: the server's CPU seconds per second while it served the stream alone. */
  serverCpuPerSecond?: number;
}

/** Open loop: one request every 1000/rate ms, timed from its scheduled send to its answer. */
class SideLoad {
  /** [scheduled send (performance.now()), latency ms] of every answered request. */
  private readonly samples: Array<[number, number]> = [];
  private readonly inflight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private sent = 0;
  private errors = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  start(rate: number): void {
    this.timer = setInterval(() => this.fire(), 1000 / rate);
  }

  private fire(): void {
    const i = this.sent++;
    const s = performance.now();
    const run =
      i % 2 === 0
        ? post(this.url, SEARCH, { i: { query: WORDS[(i / 2) % WORDS.length], first: 20 } }, this.token)
        : post(this.url, LISTINGS, { f: null, first: 20, after: null }, this.token);
    const p: Promise<void> = run.then(
      () => void this.samples.push([s, performance.now() - s]),
      () => void (this.errors += 1),
    );
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  async stop(): Promise<Latencies> {
    clearInterval(this.timer);
    await Promise.all([...this.inflight]);
    return this.between(-Infinity, Infinity, this.sent, this.errors);
  }

  /** The requests sent within [from, to) (performance.now() times), once stopped; `sent`/`errors` as counted. */
  between(from: number, to: number, sent?: number, errors = 0): Latencies {
    const t = this.samples.filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
    return { sent: sent ?? t.length, answered: t.length, errors, p50: pct(t, 50), p95: pct(t, 95), p99: pct(t, 99), max: t[t.length - 1] ?? NaN };
  }
}

// ------------------------------------------------------------------------------------ memory

/** Peak RSS of a process over a phase: VmHWM reset at the start where the kernel allows, and VmRSS sampled. */
class RssWatch {
  private timer: NodeJS.Timeout;
  private sampledMax = 0;
  readonly startRss: number;
  readonly hwmReset: boolean;

  constructor(private readonly pid: number) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      this.hwmReset = true;
    } catch {
      this.hwmReset = false;
    }
    this.startRss = this.read('VmRSS');
    this.timer = setInterval(() => (this.sampledMax = Math.max(this.sampledMax, this.read('VmRSS'))), 50);
  }

  private read(field: 'VmRSS' | 'VmHWM'): number {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  }

  /** MB: RSS at the start, the largest sampled, and VmHWM (since the reset, or since the process started). */
  stop(): { startMb: number; sampledMaxMb: number; hwmMb: number; hwmSinceStart: boolean } {
    clearInterval(this.timer);
    return { startMb: this.startRss, sampledMaxMb: Math.max(this.sampledMax, this.read('VmRSS')), hwmMb: this.read('VmHWM'), hwmSinceStart: !this.hwmReset };
  }
}

// ------------------------------------------------------------------------------------ phases

const IMPORT_FIELDS = 'id status rowsTotal rowsDone firmsTotal firmsDone created updated unchanged rejectedRows error preview { wouldCreate wouldUpdate rejected { row } }';

interface PhaseResult {
  label: string;
  rows: number;
  firms: number;
  fileBytes: number;
  /** Seconds from the first byte sent to the end state (DONE, or the mutation's answer). */
  seconds: number;
  /** Scaled to BENCH_IMPORTS_ROWS when only a prefix could be sent. */
  scaledSeconds?: number;
  marks: Array<[string, number]>;
  outcome: string;
  side: Latencies;
  /** The same stream after the end state while the downstream work (the bulk lane's fan-out) runs: its first BENCH_IMPORTS_FANOUT_SECONDS, or until drained. */
  fanout?: Latencies & { seconds: number };
  rss: ReturnType<RssWatch['stop']>;
  /** Seconds after the end state until the outbox and every queue were empty (undefined: not within the bound). */
  settledAfter?: number;
  /** CPU seconds the server process (API, workers, reader thread) used from the first byte to the end state: what the phase costs whatever else runs on the machine. */
  serverCpuSeconds: number;
  /** Filled by onFreshServer: the stream on the same server idle, the world's seeding time, the load average at the end. */
  idle?: Latencies;
  seedSeconds?: number;
  loadAvg?: number[];
}

const cpuSeconds = (pid: number) => (cpuMs(pid)?.self ?? NaN) / 1000;

/** A long POST with node:http: fetch gives up on headers after 300 s, the synchronous import may take longer. */
function postLong(url: string, body: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const IMPORT_MUTATION = `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { total created updated unchanged rejectedRows claimConflicts } }`;
const syncBody = (sheet: BureauSheet) => JSON.stringify({ query: IMPORT_MUTATION, variables: { i: { filename: 'bureau.xlsx', contentBase64: sheet.xlsx.toString('base64') } } });

/** The largest sheet (same seed, fewer rows, in steps of 100) whose request body fits the 1 MB limit. */
async function fittingSheet(seed: number, today: string): Promise<BureauSheet> {
  let sheet = await bureauSheet({ rows: ROWS, seed, today });
  while (Buffer.byteLength(syncBody(sheet)) > JSON_BODY_LIMIT) {
    const estimate = Math.floor((sheet.rows * JSON_BODY_LIMIT) / Buffer.byteLength(syncBody(sheet)) / 100) * 100;
    sheet = await bureauSheet({ rows: Math.min(sheet.rows - 100, estimate), seed, today });
  }
  return sheet;
}

/**
 * Seconds until the outbox is relayed and no job waits or runs (BullMQ's PostgreSQL tables, schema
 * `bullmq`; a scheduler's parked next run is not work), read over one connection — the shared
 * server's connections are scarce; a failed probe is retried.
 */
async function settle(pool: pg.Pool, from: number, withinSeconds = SETTLE_SECONDS): Promise<number | undefined> {
  const deadline = Date.now() + withinSeconds * 1000;
  while (Date.now() < deadline) {
    try {
      const { rows } = await pool.query(
        `SELECT (SELECT count(*) FROM outbox_events WHERE published_at IS NULL)
              + (SELECT count(*) FROM bullmq.job WHERE state IN ('waiting', 'active') OR (state = 'delayed' AND scheduler_id IS NULL)) AS n`,
      );
      if (Number(rows[0].n) === 0) return (performance.now() - from) / 1000;
    } catch {
      // too many clients on the shared server, or a restart: ask again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return undefined;
}

async function before(server: ServerChild, token: string, sheet: BureauSheet, pool: pg.Pool): Promise<PhaseResult> {
  const body = syncBody(sheet);
  const side = new SideLoad(server.url, token);
  const rss = new RssWatch(server.child.pid!);
  side.start(RATE);
  const cpu0 = cpuSeconds(server.child.pid!);
  const t0 = performance.now();
  const res = await postLong(server.url, body, token);
  const seconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = cpuSeconds(server.child.pid!) - cpu0;
  const sideStats = await side.stop();
  const rssStats = rss.stop();
  const json = JSON.parse(res.text) as { data?: { importEnterprises: Record<string, number> }; errors?: unknown[] };
  if (!json.data?.importEnterprises) throw new Error(`importEnterprises failed (${res.status}): ${res.text.slice(0, 500)}`);
  const r = json.data.importEnterprises;
  const settledAfter = await settle(pool, performance.now());
  return {
    label: 'before: importEnterprises (synchronous, base64 in JSON)',
    rows: sheet.rows,
    firms: sheet.firms,
    fileBytes: sheet.xlsx.length,
    seconds,
    ...(sheet.rows < ROWS ? { scaledSeconds: (seconds * ROWS) / sheet.rows } : {}),
    marks: [['answered', seconds]],
    outcome: `${r.total} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedRows} rows rejected`,
    side: sideStats,
    rss: rssStats,
    settledAfter,
    serverCpuSeconds,
  };
}

async function after(server: ServerChild, token: string, sheet: BureauSheet, pool: pg.Pool): Promise<PhaseResult> {
  const base = server.url.replace(/\/graphql$/, '');
  const side = new SideLoad(server.url, token);
  const rss = new RssWatch(server.child.pid!);
  side.start(RATE);
  const cpu0 = cpuSeconds(server.child.pid!);
  const t0 = performance.now();
  const at = () => (performance.now() - t0) / 1000;
  const marks: Array<[string, number]> = [];
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(sheet.xlsx)]), 'bureau.xlsx');
  const res = await fetch(`${base}/imports/enterprises`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 202) throw new Error(`upload failed (${res.status}): ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  marks.push(['uploaded (202)', at()]);
  const poll = async (until: string[]) => {
    for (;;) {
      const { enterpriseImport: i } = await post(server.url, `query($id: ID!) { enterpriseImport(id: $id) { ${IMPORT_FIELDS} } }`, { id }, token);
      if (until.includes(i.status)) return i;
      if (['FAILED', 'CANCELLED'].includes(i.status)) throw new Error(`import ${id} ended ${i.status}: ${i.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const preview = await poll(['PREVIEW_READY']);
  marks.push(['PREVIEW_READY', at()]);
  await post(server.url, `mutation($id: ID!) { confirmEnterpriseImport(id: $id) { id status } }`, { id }, token);
  marks.push(['confirmed', at()]);
  const done = await poll(['DONE']);
  const seconds = at();
  const doneAt = performance.now();
  const serverCpuSeconds = cpuSeconds(server.child.pid!) - cpu0;
  marks.push(['DONE', seconds]);
  // The stream goes on while the import's downstream work runs (up to FANOUT_SECONDS): what users feel after the import.
  const drained = settle(pool, doneAt, FANOUT_SECONDS);
  const settledEarly = await drained;
  const fanoutEnd = performance.now();
  const sideStats = side.between(-Infinity, doneAt, undefined, (await side.stop()).errors);
  const fanout = { ...side.between(doneAt, fanoutEnd), seconds: (fanoutEnd - doneAt) / 1000 };
  const rssStats = rss.stop();
  const settledAfter = settledEarly ?? (await settle(pool, doneAt));
  return {
    label: 'after: POST /imports/enterprises → preview → confirm → DONE',
    rows: sheet.rows,
    firms: sheet.firms,
    fileBytes: sheet.xlsx.length,
    seconds,
    marks,
    outcome:
      `${done.rowsTotal} rows, ${done.firmsTotal} firms: ${done.created} created, ${done.updated} updated, ${done.unchanged} unchanged, ${done.rejectedRows} rows rejected ` +
      `(preview: ${preview.preview.wouldCreate} would be created, ${preview.preview.rejected.length} rows known bad)`,
    side: sideStats,
    fanout,
    rss: rssStats,
    settledAfter,
    serverCpuSeconds,
  };
}

// ------------------------------------------------------------------------------------ run

const ms = (x: number) => x.toFixed(0);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export interface ImportsBench {
  startedAt: string;
  machine: string;
  loadAvgStart: number[];
  loadAvgEnd: number[];
  world: { enterprises: number; listings: number };
  sheet: { rows: number; firms: number; badRows: number; bytes: number; generateMs: number };
  phases: PhaseResult[];
}

type Phase = (server: ServerChild, token: string, pool: pg.Pool) => Promise<PhaseResult>;

/**
 * One phase on a server of its own: a scratch database seeded with the world, the server booted,
 * the stream timed on it idle, then the phase. A phase's downstream work (thousands of matching
 * jobs) would otherwise starve the next one.
 */
async function onFreshServer(phase: Phase): Promise<PhaseResult> {
  const db = await scratchDatabase('srdi_bench_imports');
  const tmp = await mkdtemp(join(os.tmpdir(), 'srdi-imports-'));
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  let server: ServerChild | undefined;
  try {
    const t = performance.now();
    await seedLoadWorld(db.url, WORLD);
    const seedSeconds = (performance.now() - t) / 1000;
    server = await startServer({
      env: {
        DATABASE_URL: db.url,
        DEMO_DATA: 'off',
        AUTHORITY_EMAIL: AUTH.email,
        AUTHORITY_PASSWORD: AUTH.password,
        JWT_SECRET: 'bench-imports-secret-bench-imports-secret',
        RATE_LIMIT_MULTIPLIER: '1000',
      },
      logFile: join(tmp, 'server.log'),
      ...(process.env.BENCH_IMPORTS_CPU_PROFILE ? { cpuProfileDir: process.env.BENCH_IMPORTS_CPU_PROFILE } : {}),
    });
    const { login } = await post(server.url, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: AUTH });
    const token = login.accessToken as string;
    // Warm-up, then the stream on the idle server.
    const warm = new SideLoad(server.url, token);
    warm.start(RATE);
    await new Promise((r) => setTimeout(r, 3_000));
    await warm.stop();
    await settle(pool, performance.now());
    const idleLoad = new SideLoad(server.url, token);
    const idleCpu0 = cpuSeconds(server.child.pid!);
    const idleT0 = performance.now();
    idleLoad.start(RATE);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idle = await idleLoad.stop();
    idle.serverCpuPerSecond = (cpuSeconds(server.child.pid!) - idleCpu0) / ((performance.now() - idleT0) / 1000);
    return { ...(await phase(server, token, pool)), idle, seedSeconds, loadAvg: os.loadavg() };
  } finally {
    await server?.stop();
    await pool.end();
    await db.drop();
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function runImportsBench(progress?: (line: string) => void): Promise<ImportsBench> {
  const machine = `${os.cpus().length}× ${os.cpus()[0]?.model}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}`;
  const today = todayInShanghai();
  const t = performance.now();
  const afterSheet = await bureauSheet({ rows: ROWS, seed: 20261204, today });
  const generateMs = performance.now() - t;
  const beforeSheet = process.env.BENCH_IMPORTS_BEFORE === 'off' ? null : await fittingSheet(20261205, today);
  const result: ImportsBench = {
    startedAt: new Date().toISOString(),
    machine,
    loadAvgStart: os.loadavg(),
    loadAvgEnd: os.loadavg(),
    world: { enterprises: WORLD.enterprises, listings: WORLD.listings },
    sheet: { rows: afterSheet.rows, firms: afterSheet.firms, badRows: afterSheet.badRows, bytes: afterSheet.xlsx.length, generateMs },
    phases: [],
  };
  // The target first (the asynchronous path), then the old mutation; each printed when done, so a
  // run cut short keeps what it measured.
  progress?.(renderImportsBench(result));
  if (process.env.BENCH_IMPORTS_AFTER !== 'off') {
    result.phases.push(await onFreshServer((server, token, pool) => after(server, token, afterSheet, pool)));
    progress?.(renderPhase(result.phases.at(-1)!));
  }
  if (beforeSheet) {
    result.phases.push(await onFreshServer((server, token, pool) => before(server, token, beforeSheet, pool)));
    progress?.(renderPhase(result.phases.at(-1)!));
  }
  result.loadAvgEnd = os.loadavg();
  return result;
}

export function renderImportsBench(r: ImportsBench): string {
  const la = (x: number[]) => x.map((v) => v.toFixed(2)).join(' ');
  const lines = [
    `Enterprise imports — ${r.startedAt} — ${r.machine} — load average at start ${la(r.loadAvgStart)}, at end ${la(r.loadAvgEnd)}`,
    `World per phase: ${r.world.enterprises} enterprises, ${r.world.listings} published listings, on a fresh scratch database and server; BullMQ on PostgreSQL; server = apps/all-in-one/src/main.js (child process).`,
    `Sheet: ${r.sheet.rows} rows, ${r.sheet.firms} enterprises (1–3 years each), ${r.sheet.badRows} rows with a planted mistake, ${(r.sheet.bytes / 1024).toFixed(0)} KB .xlsx (generated in ${ms(r.sheet.generateMs)} ms).`,
    `Side load: search and listings(first: 20) alternately, ${RATE} req/s open loop; idle = the same stream for ${IDLE_SECONDS} s on the same server before the phase.`,
    '',
    '| phase | rows | file KB | wall s | side-load sent/answered/errors | p50 ms (× idle) | p95 ms (× idle) | p99 ms | server RSS at start → peak MB (VmHWM) | downstream drained after the end |',
    '|---|---:|---:|---:|---|---:|---:|---:|---|---|',
  ];
  for (const p of r.phases) lines.push(renderPhase(p));
  return lines.join('\n');
}

function renderPhase(p: PhaseResult): string {
  const idle = p.idle!;
  return (
    `| idle before it (server CPU ${((idle.serverCpuPerSecond ?? NaN) * 1000).toFixed(0)} ms/s) | – | – | ${IDLE_SECONDS} | ${idle.sent}/${idle.answered}/${idle.errors} | ${ms(idle.p50)} | ${ms(idle.p95)} | ${ms(idle.p99)} | – | – |\n` +
    `| ${p.label} | ${p.rows} | ${(p.fileBytes / 1024).toFixed(0)} | ${p.seconds.toFixed(1)}${p.scaledSeconds ? ` (≈ ${p.scaledSeconds.toFixed(0)} for ${ROWS} rows, linear)` : ''} | ` +
    `${p.side.answered}/${p.side.answered}/${p.side.errors} | ${ms(p.side.p50)} (${ratio(p.side.p50, idle.p50)}) | ${ms(p.side.p95)} (${ratio(p.side.p95, idle.p95)}) | ${ms(p.side.p99)} | ` +
    `${p.rss.startMb.toFixed(0)} → ${p.rss.sampledMaxMb.toFixed(0)} (${p.rss.hwmMb.toFixed(0)}${p.rss.hwmSinceStart ? ', since process start' : ''}) | ${p.settledAfter === undefined ? `not within ${SETTLE_SECONDS} s` : `${p.settledAfter.toFixed(1)} s`} |` +
    (p.fanout
      ? `\n| … then its downstream work, ${p.fanout.seconds.toFixed(0)} s after DONE | – | – | ${p.fanout.seconds.toFixed(1)} | ${p.fanout.answered}/${p.fanout.answered}/0 | ${ms(p.fanout.p50)} (${ratio(p.fanout.p50, idle.p50)}) | ${ms(p.fanout.p95)} (${ratio(p.fanout.p95, idle.p95)}) | ${ms(p.fanout.p99)} | – | – |`
      : '') +
    `\n  ${p.outcome}; server CPU ${p.serverCpuSeconds.toFixed(1)} s (the side load alone would have cost ≈ ${((idle.serverCpuPerSecond ?? NaN) * p.seconds).toFixed(1)} s of it at the idle rate); ` +
    `${p.marks.map(([m, s]) => `${m} at ${s.toFixed(1)} s`).join(', ')}; world seeded in ${(p.seedSeconds ?? NaN).toFixed(0)} s; load average at its end ${(p.loadAvg ?? []).map((v) => v.toFixed(2)).join(' ')}`
  );
}

// Run alone: npm run bench:imports (node dist/test/bench/imports.bench.js)
if (import.meta.url === `file://${process.argv[1]}`) {
  runImportsBench((line) => console.log(line))
    .then((r) => {
      console.log('');
      console.log(renderImportsBench(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
