/**
 * The request path (issue 20 items 2 and 3, ADR 0041): `{ __typename }` with a token (the framework
 * floor plus our own authentication) and a small listings page, against the all-in-one on its
 * embedded database, for one or more builds side by side in interleaved rounds (same data directory,
 * same data). The server runs as a child process, optionally under --cpu-prof.
 *
 *   node dist/test/bench/request-path.bench.js [--rounds 2] [--seconds 8] [--connections 8] [--profile DIR]
 *        [--build NAME=REV ...]
 *
 * Without --build it measures this build (dist/). `--build NAME=REV` adds the build of git rev REV,
 * made in a worktree by baseline.ts (as the load suite's BENCH_LOAD_BASELINE; BENCH_BASELINE_KEEP=1
 * keeps and reuses it); REV `.` is this checkout's build: `--build before=main --build after=.`.
 */
import autocannon from 'autocannon';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { prepareBaseline, type Baseline } from './baseline.js';
import { post } from './bench-kit.js';
import { seedListingLoad } from './listing-load.js';
import { cpuDelta, cpuMs } from './load/proc-cpu.js';
import { renderProfile, summariseProfile } from './load/cpu-profile.js';
import { embeddedDatabaseUrl, startServer as startChild } from './load/server-child.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rounds = Number(opt('rounds', '2'));
const seconds = Number(opt('seconds', '8'));
const connections = Number(opt('connections', '8'));
const profileDir = args.includes('--profile') ? resolve(opt('profile', '')) : undefined;
const here = dirname(fileURLToPath(import.meta.url));
const log = (s: string) => console.log(s);
const thisRoot = resolve(here, '../../..');
// Each build: a name and the checkout whose dist/ runs.
const baselines: Baseline[] = [];
const builds: Array<[string, string]> = [];
args.forEach((a, i) => {
  if (a === '--build') {
    const [name, rev] = args[i + 1]!.split('=');
    if (rev === '.') builds.push([name!, thisRoot]);
    else {
      const b = prepareBaseline(rev!, log, { keep: process.env.BENCH_BASELINE_KEEP === '1' });
      baselines.push(b);
      builds.push([name!, b.root]);
    }
  }
});
if (builds.length === 0) builds.push(['this', thisRoot]);

const QUERIES = {
  typename: '{ __typename }',
  listings: 'query { listings(first: 10) { edges { node { id title } } } }',
} as const;

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The all-in-one of the checkout at `root` on the embedded database in `dataDir`, under --cpu-prof with `cpuProfileDir`. */
async function startServer(root: string, dataDir: string, port: string, logFile: string, cpuProfileDir?: string): Promise<Server> {
  const server = await startChild({ env: { DATA_DIR: dataDir, EMBEDDED_PG_PORT: port, DEMO_DATA: 'off' }, logFile, cpuProfileDir, root });
  return { url: server.url, pid: server.child.pid!, stop: () => server.stop() };
}

function hammer(url: string, query: string, token: string): Promise<{ rps: number; p95: number; responses: number; non2xx: number; errors: number }> {
  return new Promise((resolveRun, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      },
      (err, r) => (err ? reject(err) : resolveRun({ rps: r.requests.average, p95: r.latency.p97_5, responses: r.requests.total, non2xx: r.non2xx, errors: r.errors })),
    );
  });
}

const tmp = mkdtempSync(join(os.tmpdir(), 'srdi-request-path-'));
const dataDir = join(tmp, 'data');
const port = String(55_000 + Math.floor(Math.random() * 5_000));
log(`# request path — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — ${connections} connections, ${seconds} s per query, ${rounds} rounds`);

// First start initialises the cluster; the data (60 listings, one signed-in user) is made once.
async function seed(): Promise<string> {
  const server = await startServer(builds[0]![1], dataDir, port, join(tmp, 'seed.log'));
  try {
    const ds = buildDataSource(embeddedDatabaseUrl(dataDir, port), DATABASE_SCHEMA, 'srdi-bench');
    await ds.initialize();
    await seedListingLoad(ds, 60, 'RP');
    await ds.destroy();
    const reg = await post(server.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: {
        email: 'bench@request-path.srdi.example',
        password: 'bench-password-1',
        displayName: '压测',
        organization: { kind: 'ENTERPRISE', name: '余姚市请求路径测试科技有限公司', uscc: makeUscc('91', '330281', 'RPQWEB01'), regionCode: '330281' },
      },
    });
    return reg.register.accessToken as string;
  } finally {
    await server.stop();
  }
}
const token = await seed();

const results = new Map<string, Array<Record<string, number>>>();
for (let round = 1; round <= rounds; round++) {
  for (const [name, root] of round % 2 === 1 ? builds : [...builds].reverse()) {
    const profDir = profileDir ? mkdtempSync(join(tmp, 'prof-')) : undefined;
    const server = await startServer(root, dataDir, port, join(tmp, `${name}-${round}.log`), profDir);
    const windows: Array<[string, number, number]> = [];
    try {
      for (const [q, text] of Object.entries(QUERIES)) {
        await post(server.url, text, {}, token); // warm: the first request loads the actor and compiles
        const cpu0 = cpuMs(server.pid);
        const t0 = Number(process.hrtime.bigint() / 1000n);
        const r = await hammer(server.url, text, token);
        const t1 = Number(process.hrtime.bigint() / 1000n);
        windows.push([q, t0, t1]);
        const used = cpuDelta(cpu0, cpuMs(server.pid));
        const row = { round, rps: r.rps, p95: r.p95, nodeMs: used ? used.self / r.responses : NaN, pgMs: used ? used.descendants / r.responses : NaN, failed: r.non2xx + r.errors, load: os.loadavg()[0]! };
        results.set(`${name} ${q}`, [...(results.get(`${name} ${q}`) ?? []), row]);
        log(`${name.padEnd(8)} ${q.padEnd(9)} round ${round}: ${r.rps.toFixed(0)} req/s, p97.5 ${r.p95} ms, node ${row.nodeMs.toFixed(2)} ms/req, postgres ${row.pgMs.toFixed(2)} ms/req, failed ${row.failed}, load ${row.load.toFixed(2)}`);
      }
    } finally {
      await server.stop();
    }
    if (profDir && profileDir) {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        const kept = join(profileDir, `${name}-${round}.cpuprofile`);
        renameSync(join(profDir, file), kept);
        for (const [q, from, to] of windows) log(`\n## ${name} ${q} round ${round} (${kept})\n${renderProfile(summariseProfile(kept, from, to, 12))}`);
      }
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
log('\n| build | query | req/s (median) | node ms/req | postgres ms/req |\n|---|---|---:|---:|---:|');
for (const [key, rows] of results) {
  const [name, q] = key.split(' ');
  log(`| ${name} | ${q} | ${median(rows.map((r) => r.rps)).toFixed(0)} | ${median(rows.map((r) => r.nodeMs)).toFixed(2)} | ${median(rows.map((r) => r.pgMs)).toFixed(2)} |`);
}
if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
for (const b of baselines) b.remove();
