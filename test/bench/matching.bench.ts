/**
 * Matching benchmarks (issue 6), on scratch databases filled in bulk with SQL by
 * `seedMatchingData` (realistic Zhejiang firms and the four listing kinds mixed):
 *  A. 20k firms × 20k listings: full rebuild into empty sets (MatchMaintenanceService.rebuildAll) and a reconcile
 *     that finds nothing; then the all-in-one app (PostgreSQL queue backend, as the embedded
 *     default) on that database: `recommendations(first: 20)` under 20 concurrent HTTP clients,
 *     and publish → recommended (publishListing over GraphQL, then polling the target firm's
 *     `recommendations` until the listing appears). Then a partitioned rebuild (ADR 0043) whose
 *     ranges two worker processes take through the queue (BENCH_MATCH_PARTITIONS, default 8;
 *     BENCH_MATCH_PARTITION_THREADS scoring threads per process, default 1).
 *  B. 50k firms (sets rebuilt against 2k listings, then VACUUM as autovacuum would): one new
 *     listing of each kind scored incrementally (MatchSetService.scoreListing), 5 per kind.
 *  L. 50k firms with full sets (rebuilt against 2k listings, then VACUUM): the worst cases of one listing
 *     (issue 20 item 5, goal ≤ 1 s): a service offering and a credit product that reach every firm
 *     (no region, industry or tier restriction, terms that enter many sets), and one that reaches
 *     every firm but enters no set; wall time and CPU (this process, and the PostgreSQL backend of
 *     the transaction from /proc) per stage of scoreListing. BENCH_MATCH_TEMPLATE=<db name> keeps the
 *     seeded, rebuilt database as a template (created when absent) so repeated runs skip the seeding.
 *  C. 100k listings: recomputing one firm's set (rescoreEnterprise) against them, and the product
 *     path `recommendations(first: 50)` over HTTP reading the maintained set.
 *
 * Knobs: BENCH_MATCH_FIRMS / BENCH_MATCH_LISTINGS (A, default 20000 each), BENCH_MATCH_BIG_FIRMS
 * (B and L, 50000), BENCH_MATCH_BIG_LISTINGS (C, 100000), BENCH_MATCH_SAMPLES (C, 20),
 * BENCH_MATCH_PARTS (e.g. "A,C"). Standalone: `npm run build && node dist/test/bench/matching.bench.js`;
 * `npm run bench` runs it last (BENCH_MATCHING=off skips it).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openDatabase } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { hashPassword } from '../../libs/identity/src/auth/password-hasher.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { startApp, type StartedApp } from '../../apps/all-in-one/src/start.js';
import { seedMatchingData } from './matching-data.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { jobOptions } from '../../libs/platform/src/queue/job-options.js';
import { benchAppConfig, BENCH_ADMIN_URL, pct, post, scratchDatabase } from './bench-kit.js';
import { dropDatabase } from '../../libs/platform/src/database/embedded-postgres.js';
import { withDatabase } from '../helpers/test-env.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PARTS = (process.env.BENCH_MATCH_PARTS ?? 'A,B,L,C').split(',');
const PASSWORD = 'bench-password-1';

const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1]! };
};
const fmt = (x: { n: number; p50: number; p95: number; max: number }) => `n=${x.n} p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`;

/** Opens a migrated DataSource on `url` (no app). */
async function database(url: string) {
  return openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench');
}

/** Users for some seeded organizations (one per org), so they can log in over GraphQL. */
async function usersFor(q: pg.Client | { query(sql: string, p?: unknown[]): Promise<unknown> }, orgIds: string[], tag: string): Promise<string[]> {
  const hash = await hashPassword(PASSWORD);
  const emails = orgIds.map((_, i) => `${tag}-${i}@bench.srdi.example`);
  await q.query(
    `INSERT INTO users (email, password_hash, display_name, organization_id) SELECT e, $2, 'bench', o FROM unnest($1::text[], $3::uuid[]) AS x(e, o)`,
    [emails, hash, orgIds],
  );
  return emails;
}

async function boot(url: string): Promise<StartedApp> {
  const config = benchAppConfig(url, {
    AUTHORITY_EMAIL: 'bench@authority.example',
    AUTHORITY_PASSWORD: PASSWORD,
    WORKER_CONCURRENCY: '5',
    RATE_LIMIT_MULTIPLIER: '1000', // the bench registers many organizations from one address
  });
  return startApp({ config, withWorkers: true, queueNamespace: `benchm${randomBytes(3).toString('hex')}` });
}

const login = async (app: StartedApp, email: string): Promise<string> =>
  (await post(app.graphqlUrl, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email, password: PASSWORD } })).login.accessToken;

const RECOMMEND = `query($first: Int) { recommendations(first: $first) { score reasons { code label contribution } listing { id title kind } } }`;

async function concurrent(n: number, clients: number, run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        await run(i);
        times.push(performance.now() - s);
      }
    }),
  );
  return { ...stats(times), rps: n / ((performance.now() - t0) / 1000) };
}

export async function partA(log: (line: string) => void): Promise<void> {
  const firms = env('BENCH_MATCH_FIRMS', 20_000);
  const listings = env('BENCH_MATCH_LISTINGS', 20_000);
  const db = await scratchDatabase('srdi_bench_perf');
  try {
    const today = todayInShanghai();
    const rt = await database(db.url);
    let t = performance.now();
    const data = await seedMatchingData(rt.dataSource, { enterprises: firms, listings, today, seed: 20261121 });
    log(`A. seeded ${firms} firms and ${listings} published listings with SQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // MATCH_REBUILD_THREADS from the environment, validated as the app does.
    const maintenance = new MatchMaintenanceService(new MatchSetService(rt.dataSource), loadConfig(process.env));
    const rebuild = await maintenance.rebuildAll(today);
    log(
      `A. full rebuild ${firms} × ${listings}: ${(rebuild.ms / 1000).toFixed(1)} s — ${rebuild.scored} pairs scored, ${rebuild.eligible} eligible, ` +
        `${rebuild.stored} rows stored (bound: best ${new MatchSetService(rt.dataSource).bounds.perKind} per kind)`,
    );
    const reconcile = await maintenance.reconcile(today);
    log(`A. reconcile with no drift: ${(reconcile.ms / 1000).toFixed(1)} s (${reconcile.rowsBefore} rows checked, ${reconcile.added + reconcile.removedOutOfSet + reconcile.rescored} changed)`);
    const split = await partitionedRebuild(maintenance, db.url, today);
    log(
      `A. partitioned rebuild ${firms} × ${listings}, ${split.report.partitions!.length} ranges, 2 worker processes (${split.threads} scoring thread(s) each): ${(split.report.ms / 1000).toFixed(1)} s — ` +
        `${split.report.stored} rows stored (${split.report.stored === rebuild.stored ? 'same count as the one-process rebuild' : `one-process rebuild: ${rebuild.stored}`}); ranges per process ${split.perProcess.join(' / ')}`,
    );
    await rt.close();

    // The app on that database, PostgreSQL queue backend (the embedded default's).
    const pool = new pg.Client({ connectionString: db.url });
    await pool.connect();
    const sample = data.enterpriseIds.slice(0, 20);
    const firmEmails = await usersFor(pool, sample, 'rec');
    // Publish targets: firms whose service set a well-aimed new offering (needed category, exact
    // district, voucher: score ≥ 66) surely enters.
    const targets: string[] = (
      await pool.query(
        `SELECT enterprise_organization_id AS id FROM matches WHERE kind = 'SERVICE_OFFERING' AND NOT (enterprise_organization_id = ANY($1::uuid[]))
          GROUP BY 1 HAVING count(*) < 20 OR min(score) < 66 ORDER BY min(score), 1 LIMIT 20`,
        [sample],
      )
    ).rows.map((r: { id: string }) => r.id);
    const targetEmails = await usersFor(pool, targets, 'pubt');
    const [{ id: provider }] = (await pool.query(`SELECT id FROM organizations WHERE kind = 'SERVICE_PROVIDER' ORDER BY id LIMIT 1`)).rows;
    const [providerEmail] = await usersFor(pool, [provider], 'pub');
    await pool.end();
    t = performance.now();
    const app = await boot(db.url);
    log(`A. app booted on it in ${((performance.now() - t) / 1000).toFixed(1)} s (embedded search index built from ${listings} listings)`);
    try {
      const tokens = await Promise.all(firmEmails.map((e) => login(app, e)));
      for (let i = 0; i < 100; i++) await post(app.graphqlUrl, RECOMMEND, { first: 20 }, tokens[i % tokens.length]);
      const load = await concurrent(2_000, 20, (i) => post(app.graphqlUrl, RECOMMEND, { first: 20 }, tokens[i % tokens.length]));
      log(`A. recommendations(first: 20) with reasons and listings, 20 concurrent clients over HTTP: ${load.rps.toFixed(0)} req/s, ${fmt(load)}`);
      log(`A. publish → recommended: ${fmt(await publishToRecommended(app, providerEmail!, targetEmails, targets, db.url))}`);
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}

/**
 * A partitioned rebuild (ADR 0043) whose ranges two worker processes (dist/test/helpers/match-partition-worker.js,
 * each with its own pool and BullMQ worker; Redis when REDIS_URL is set, else the PostgreSQL backend)
 * take through the queue; the coordinator here only plans, waits and swaps.
 */
async function partitionedRebuild(maintenance: MatchMaintenanceService, url: string, today: string) {
  const namespace = `benchp${randomBytes(3).toString('hex')}`;
  const threads = env('BENCH_MATCH_PARTITION_THREADS', 1);
  const env2 = { ...process.env, DATABASE_URL: url, QUEUE_NAMESPACE: namespace, REDIS_URL: process.env.REDIS_URL ?? '', MATCH_REBUILD_THREADS: String(threads) };
  const worker = fileURLToPath(new URL('../helpers/match-partition-worker.js', import.meta.url));
  const children = [0, 1].map(() => spawn(process.execPath, [worker], { env: env2, stdio: ['ignore', 'pipe', 'inherit'] }));
  const queues = new QueueRegistry({ redisUrl: process.env.REDIS_URL || undefined, databaseUrl: url, namespace });
  try {
    const names = await Promise.all(
      children.map(
        (c) =>
          new Promise<string>((resolve, reject) => {
            let out = '';
            c.stdout!.on('data', (d: Buffer) => {
              out += d.toString();
              const m = /ready (\S+)/.exec(out);
              if (m) resolve(m[1]!);
            });
            c.once('exit', (code) => reject(new Error(`partition worker exited (${code})`)));
          }),
      ),
    );
    const report = await maintenance.rebuildAll(today, {
      partitions: env('BENCH_MATCH_PARTITIONS', 8),
      selfTakeAfterMs: 600_000,
      announce: async (runId, ranges) => {
        await queues.queue('matching').addBulk(
          ranges.map((r) => ({ name: 'matching.rebuild-partition', data: { runId, partition: r.partition }, opts: jobOptions('matching.rebuild-partition', 'fan-out', { jobId: `bench-${runId}-${r.partition}` }) })),
        );
      },
    });
    const perProcess = names.map((n) => report.partitions!.filter((p) => p.takenBy === n).length);
    return { report, perProcess, threads };
  } finally {
    await queues.close();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  }
}

/**
 * Publishes service offerings over GraphQL, each aimed at one sample firm (its district, one of its
 * needed categories, service voucher), and polls that firm's recommendations until it appears.
 */
async function publishToRecommended(app: StartedApp, providerEmail: string, firmEmails: string[], firmIds: string[], url: string, count = 30) {
  const provider = await login(app, providerEmail);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const firms = (await c.query(`SELECT p.organization_id AS id, o.region_code, p.service_needs FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE p.organization_id = ANY($1::uuid[])`, [firmIds])).rows;
  await c.end();
  const tokens = await Promise.all(firmEmails.map((e) => login(app, e)));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % firms.length;
    const firm = firms.find((f) => f.id === firmIds[k])!;
    const input = {
      title: `企业上门诊断服务 基准${i}`,
      description: '面向专精特新企业的上门诊断与辅导服务，按企业需求定制方案。',
      regionCodes: [firm.region_code],
      industryCodes: [],
      tags: ['基准测试'],
      category: firm.service_needs[0] ?? 'TECH_INNOVATION',
      acceptsServiceVoucher: true,
    };
    const created = await post(app.graphqlUrl, `mutation($i: ServiceOfferingInput!) { createServiceOffering(input: $i) { id } }`, { i: input }, provider);
    const id = created.createServiceOffering.id as string;
    const t0 = performance.now();
    await post(app.graphqlUrl, `mutation($id: ID!) { publishListing(id: $id) { id } }`, { id }, provider);
    for (;;) {
      const data = await post(app.graphqlUrl, `query { recommendations(kinds: [SERVICE_OFFERING], first: 20) { listing { id } } }`, {}, tokens[k]);
      if ((data.recommendations as Array<{ listing: { id: string } }>).some((r) => r.listing.id === id)) break;
      if (performance.now() - t0 > 30_000) throw new Error(`listing ${id} not recommended after 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - t0);
  }
  return stats(times);
}

export async function partB(log: (line: string) => void): Promise<void> {
  const firms = env('BENCH_MATCH_BIG_FIRMS', 50_000);
  const db = await scratchDatabase('srdi_bench_perf');
  try {
    const today = todayInShanghai();
    const rt = await database(db.url);
    const data = await seedMatchingData(rt.dataSource, { enterprises: firms, listings: 2_000, today, seed: 7 });
    const sets = new MatchSetService(rt.dataSource);
    const rebuild = await new MatchMaintenanceService(sets, loadConfig(process.env)).rebuildAll(today);
    log(`B. ${firms} firms × 2000 listings rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s (${rebuild.stored} rows), so that sets are full`);
    // What autovacuum does to a table in a running system: lets the per-enterprise index answer alone.
    await rt.dataSource.query('VACUUM (ANALYZE) matches');
    // New listings: copies of seeded ones (same kind, terms, regions) inserted as new published rows.
    for (const kind of ['SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY']) {
      const times: number[] = [];
      const admitted: number[] = [];
      for (const source of data.byKind[kind]!.slice(0, 5)) {
        const [{ id }] = await rt.dataSource.query(
          `INSERT INTO listings (kind, owner_organization_id, status, title, description, region_codes, industry_codes, tags, version, published_at)
           SELECT kind, owner_organization_id, 'PUBLISHED', title || ' 新', description, region_codes, industry_codes, tags, 1, now() FROM listings WHERE id = $1 RETURNING id`,
          [source],
        );
        const table = { SERVICE_OFFERING: 'service_offerings', CREDIT_PRODUCT: 'credit_products', CHALLENGE: 'challenges', PARK_VACANCY: 'park_vacancies' }[kind]!;
        const cols: Array<{ column_name: string }> = await rt.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'listing_id'`, [table]);
        const list = cols.map((c) => c.column_name).join(', ');
        await rt.dataSource.query(`INSERT INTO ${table} (listing_id, ${list}) SELECT $1, ${list} FROM ${table} WHERE listing_id = $2`, [id, source]);
        const t0 = performance.now();
        admitted.push(await sets.scoreListing(id, today));
        times.push(performance.now() - t0);
      }
      log(`B. one new ${kind} against ${firms} firms (scoreListing): ${fmt(stats(times))}; admitted into ${admitted.join('/')} sets`);
    }
    await rt.close();
  } finally {
    await db.drop();
  }
}

/** CPU seconds (user + system) of a process from /proc; null where /proc is not readable. */
function procCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return null;
  }
}

/** A database for part L: a copy of the template when it exists, else seeded and rebuilt (and kept as the template when named). */
async function listingWorstCaseDatabase(firms: number, today: string, log: (line: string) => void): Promise<{ url: string; drop(): Promise<void> }> {
  const template = process.env.BENCH_MATCH_TEMPLATE;
  const admin = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await admin.connect();
  try {
    const exists = template ? (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount! > 0 : false;
    if (!template || !exists) {
      const db = template ? { url: withDatabase(BENCH_ADMIN_URL, template), drop: async () => undefined } : await scratchDatabase('srdi_bench_perf');
      if (template) await admin.query(`CREATE DATABASE "${template}"`);
      const rt = await database(db.url);
      let t = performance.now();
      await seedMatchingData(rt.dataSource, { enterprises: firms, listings: 2_000, today, seed: 7 });
      log(`L. seeded ${firms} firms × 2000 listings in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
      const rebuild = await new MatchMaintenanceService(new MatchSetService(rt.dataSource)).rebuildAll(today);
      log(`L. rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s (${rebuild.stored} rows)`);
      await rt.dataSource.query('VACUUM (ANALYZE) matches');
      await rt.close();
      if (!template) return db;
    }
    const copy = `srdi_bench_perf_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${template}"`);
    return { url: withDatabase(BENCH_ADMIN_URL, copy), drop: () => dropDatabase(BENCH_ADMIN_URL, copy) };
  } finally {
    await admin.end();
  }
}

/** Inserts a published listing of `kind` with its details; returns its id. */
async function insertListing(q: { query(sql: string, p?: unknown[]): Promise<Array<{ id: string }>> }, kind: string, title: string, details: Record<string, unknown>): Promise<string> {
  const [{ id: owner }] = await q.query(`SELECT id FROM organizations WHERE kind = $1 ORDER BY id LIMIT 1`, [{ SERVICE_OFFERING: 'SERVICE_PROVIDER', CREDIT_PRODUCT: 'BANK' }[kind]]);
  const [{ id }] = await q.query(
    `INSERT INTO listings (kind, owner_organization_id, status, title, description, region_codes, industry_codes, tags, version, published_at)
     VALUES ($1, $2, 'PUBLISHED', $3, '面向专精特新企业的全省通用服务与产品，按企业需求定制方案。', '{}', '{}', '{}', 1, now()) RETURNING id`,
    [kind, owner, title],
  );
  const table = { SERVICE_OFFERING: 'service_offerings', CREDIT_PRODUCT: 'credit_products' }[kind]!;
  const cols = Object.keys(details);
  await q.query(`INSERT INTO ${table} (listing_id, ${cols.join(', ')}) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')})`, [id, ...Object.values(details)]);
  return id;
}

export async function partL(log: (line: string) => void): Promise<void> {
  const firms = env('BENCH_MATCH_BIG_FIRMS', 50_000);
  const today = todayInShanghai();
  const db = await listingWorstCaseDatabase(firms, today, log);
  try {
    const rt = await database(db.url);
    const sets = new MatchSetService(rt.dataSource);
    const cases: Array<[string, string, Record<string, unknown>]> = [
      // Reaches every firm; needed category or not, voucher, no region: enters the sets it can beat.
      ['SERVICE_OFFERING', '全省专精特新上门诊断（最坏情形）', { category: 'TECH_INNOVATION', accepts_service_voucher: true }],
      ['CREDIT_PRODUCT', '全省科创信用贷（最坏情形）', { product_type: 'CREDIT_LOAN', amount_min: 100_000, amount_max: 100_000_000, annual_rate_min: 2.5, annual_rate_max: 3.0, term_months_max: 60, eligible_tiers: [], min_annual_revenue: null, min_invention_patents: null, min_years_in_business: null, max_debt_ratio: null }],
      // Reaches every firm, enters few (no voucher: below most full sets' last member).
      ['SERVICE_OFFERING', '全省法律税务咨询（少有入选）', { category: 'LEGAL_TAX', accepts_service_voucher: false }],
      // Reaches every firm, loaded and scored for every firm, enters none (a revenue floor no firm meets: the scorer excludes it).
      ['CREDIT_PRODUCT', '全省超大型企业专项贷（无人入选）', { product_type: 'CREDIT_LOAN', amount_min: 100_000, amount_max: 100_000_000, annual_rate_min: 2.5, annual_rate_max: 3.0, term_months_max: 60, eligible_tiers: [], min_annual_revenue: 1e14, min_invention_patents: null, min_years_in_business: null, max_debt_ratio: null }],
    ];
    const la = () => loadavg().map((x) => x.toFixed(1)).join(' ');
    for (const [kind, title, details] of cases) {
      const id = await insertListing(rt.dataSource, kind, title, details);
      let pid = 0;
      let last = { wall: 0, node: process.cpuUsage(), pg: 0 as number | null };
      const stages: string[] = [];
      sets.stageProbe = async (stage, m, firms) => {
        if (stage === 'start') {
          pid = (await m.query('SELECT pg_backend_pid() AS pid'))[0].pid;
          last = { wall: performance.now(), node: process.cpuUsage(), pg: procCpu(pid) };
          return;
        }
        const now = { wall: performance.now(), node: process.cpuUsage(), pg: procCpu(pid) };
        const node = (now.node.user - last.node.user + now.node.system - last.node.system) / 1000;
        const pgMs = now.pg !== null && last.pg !== null ? `${((now.pg - last.pg) * 1000).toFixed(0)}` : '?';
        stages.push(`${stage}${firms === undefined ? '' : ` (${firms} firms)`} ${(now.wall - last.wall).toFixed(0)}/${node.toFixed(0)}/${pgMs}`);
        last = now;
      };
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const admitted = await sets.scoreListing(id, today);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      sets.stageProbe = null;
      const [{ n: entries }] = await rt.dataSource.query('SELECT count(*)::int AS n FROM recommendation_entries WHERE listing_id = $1', [id]);
      log(
        `L. ${kind} "${title}" against ${firms} firms: ${wall.toFixed(0)} ms wall, node CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; admitted into ${admitted} sets, ${entries} entries; ` +
          `stages wall/node CPU/PostgreSQL CPU ms: ${stages.join(', ')} (load ${la()})`,
      );
    }
    await rt.close();
  } finally {
    await db.drop();
  }
}

export async function partC(log: (line: string) => void): Promise<void> {
  const listings = env('BENCH_MATCH_BIG_LISTINGS', 100_000);
  const samples = env('BENCH_MATCH_SAMPLES', 20);
  const db = await scratchDatabase('srdi_bench_perf');
  try {
    const today = todayInShanghai();
    const rt = await database(db.url);
    const data = await seedMatchingData(rt.dataSource, { enterprises: 2_000, listings, today, seed: 99 });
    const sets = new MatchSetService(rt.dataSource);
    const firms = data.enterpriseIds.slice(0, samples);
    const times: number[] = [];
    for (const id of [data.enterpriseIds[samples]!, ...firms]) {
      const t0 = performance.now();
      await sets.rescoreEnterprise(id, today);
      times.push(performance.now() - t0);
    }
    times.shift(); // warm-up
    log(`C. rescoreEnterprise against ${listings} published listings (recompute one firm's set): ${fmt(stats(times))}`);
    const emails = await usersFor(rt.dataSource, firms, 'big');
    await rt.close();
    const app = await boot(db.url);
    try {
      const tokens = await Promise.all(emails.map((e) => login(app, e)));
      for (let i = 0; i < 50; i++) await post(app.graphqlUrl, RECOMMEND, { first: 50 }, tokens[i % tokens.length]);
      const one = await concurrent(500, 1, (i) => post(app.graphqlUrl, RECOMMEND, { first: 50 }, tokens[i % tokens.length]));
      log(`C. recommendations(first: 50) with reasons over HTTP, maintained set, ${listings} listings, one client: ${fmt(one)}`);
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}

export async function runMatchingBench(log: (line: string) => void = console.log): Promise<void> {
  if (PARTS.includes('A')) await partA(log);
  if (PARTS.includes('B')) await partB(log);
  if (PARTS.includes('L')) await partL(log);
  if (PARTS.includes('C')) await partC(log);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`# matching bench — ${new Date().toISOString()}`);
  await runMatchingBench();
  process.exit(0);
}
