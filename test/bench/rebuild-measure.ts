/**
 * The full rebuild alone, with its CPU split (issue 20 item 5, ADR 0043): seeds a scratch database
 * with `seedMatchingData` (or reuses BENCH_REBUILD_DB when it names one already seeded, to compare
 * builds on the same data), then runs `MatchMaintenanceService.rebuildAll` BENCH_REBUILD_RUNS times
 * (default 2: the first into empty sets — BENCH_REBUILD_KEEP=1: replacing them too —, the next replacing
 * them) and prints per run the wall time, the WAL the cluster wrote meanwhile (other sessions' too),
 * this process's CPU (main and scoring threads) and the CPU of this database's PostgreSQL backends
 * (from /proc, Linux only; a parallel index build's workers are not among them: set
 * max_parallel_maintenance_workers = 0 on the database to count the index builds too). The database
 * (`srdi_bench_rebuild_<firms>` by default) is kept for the next run: `dropdb` it when done.
 * Knobs: BENCH_MATCH_FIRMS / BENCH_MATCH_LISTINGS (default 5000 each).
 * `npm run build && node dist/test/bench/rebuild-measure.js`
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openDatabase } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { ensureDatabase } from '../../libs/platform/src/database/embedded-postgres.js';
import { withDatabase } from '../helpers/test-env.js';
import { BENCH_ADMIN_URL } from './bench-kit.js';
import { seedMatchingData } from './matching-data.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** utime + stime of a process in seconds (0 when it is gone); with `children`, that of its exited children instead. */
function procCpu(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return children ? (Number(fields[13]) + Number(fields[14])) / 100 : (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function main() {
  const firms = env('BENCH_MATCH_FIRMS', 5_000);
  const listings = env('BENCH_MATCH_LISTINGS', 5_000);
  const name = process.env.BENCH_REBUILD_DB ?? `srdi_bench_rebuild_${firms}`;
  await ensureDatabase(BENCH_ADMIN_URL, name);
  const url = withDatabase(BENCH_ADMIN_URL, name);
  const rt = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench');
  const today = todayInShanghai();
  const [{ n }] = await rt.dataSource.query('SELECT count(*)::int AS n FROM enterprise_profiles');
  if (n === 0) {
    const t = performance.now();
    await seedMatchingData(rt.dataSource, { enterprises: firms, listings, today, seed: 20261121 });
    console.log(`seeded ${firms} × ${listings} in ${((performance.now() - t) / 1000).toFixed(1)} s (database ${name})`);
  }
  const admin = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await admin.connect();
  // The postmaster's exited children (parallel index workers among them; other sessions' too: an upper bound).
  let postmaster = 0;
  try {
    const [{ pid }] = (await admin.query('SELECT pg_backend_pid() AS pid')).rows;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // the server is not on this machine: exited children are not counted
  }
  const wal = async () => BigInt((await admin.query(`SELECT pg_current_wal_lsn() - '0/0'::pg_lsn AS b`)).rows[0].b);
  const backends = async () => (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r: { pid: number }) => r.pid);
  const maintenance = new MatchMaintenanceService(new MatchSetService(rt.dataSource));
  for (let run = 0; run < env('BENCH_REBUILD_RUNS', 2); run++) {
    const empty = run === 0 && process.env.BENCH_REBUILD_KEEP !== '1';
    if (empty) await rt.dataSource.query('TRUNCATE matches');
    const pids = await backends();
    const pg0 = pids.map((pid) => procCpu(pid));
    const exited0 = postmaster ? procCpu(postmaster, true) : 0;
    const wal0 = await wal();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await maintenance.rebuildAll(today);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pgCpu = pids.reduce((s, pid, i) => s + procCpu(pid) - pg0[i]!, 0);
    const exited = postmaster ? procCpu(postmaster, true) - exited0 : NaN;
    const walMb = Number((await wal()) - wal0) / 1048576;
    const [{ bytes }] = await rt.dataSource.query(`SELECT pg_total_relation_size('matches')::bigint AS bytes`);
    console.log(
      `run ${run + 1} (${empty ? 'into empty sets' : 'replacing the sets'}): wall ${wall.toFixed(1)} s, node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ` +
        `PostgreSQL backends CPU ${pgCpu.toFixed(1)} s (+ ${exited.toFixed(1)} s in exited PostgreSQL processes, any session), WAL ${walMb.toFixed(0)} MB (cluster); ${report.stored} rows stored, ${report.removed} removed; matches ${(Number(bytes) / 1048576).toFixed(0)} MB; ` +
        `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
  }
  await admin.end();
  await rt.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
