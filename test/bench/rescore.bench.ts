/**
 * CPU per rescoring (MatchSetService.rescoreEnterprise) on the load suite's world: 5,000 firms and
 * 4,000 published listings (`seedMatchingData`), sets rebuilt first. Each round rescoring
 * BENCH_RESCORE_N random firms, measured as CPU time (wall time on a shared machine is noise):
 * this process (`process.cpuUsage`: the loader, mapping, pool and scoring) and the PostgreSQL
 * backends of this database (/proc, Linux). Rounds alternate the listing-side cache off (the
 * former path: every candidate listing loaded, mapped and prepared per rescoring) and on, and check
 * that both write the same rows.
 *
 * `npm run build && node --expose-gc dist/test/bench/rescore.bench.js` (BENCH_RESCORE_FIRMS, BENCH_RESCORE_LISTINGS,
 * BENCH_RESCORE_N, BENCH_RESCORE_ROUNDS; --expose-gc adds the cache's memory).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openDatabase } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { seedMatchingData } from './matching-data.js';
import { scratchDatabase } from './bench-kit.js';
import { rng } from '../helpers/seeded-random.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const gc = (globalThis as { gc?: () => void }).gc;

/** utime + stime of a process in ms (USER_HZ 100), 0 when it is gone. */
function procMs(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

async function main() {
  const firms = env('BENCH_RESCORE_FIRMS', 5_000);
  const listings = env('BENCH_RESCORE_LISTINGS', 4_000);
  const n = env('BENCH_RESCORE_N', 200);
  const rounds = env('BENCH_RESCORE_ROUNDS', 3);
  const db = await scratchDatabase('srdi_bench_rescore');
  const rt = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench');
  try {
    const ds = rt.dataSource;
    const today = todayInShanghai();
    const data = await seedMatchingData(ds, { enterprises: firms, listings, today, seed: 20261205 });
    const sets = new MatchSetService(ds);
    await new MatchMaintenanceService(sets).rebuildAll(today);
    const snapshot = async () => (await ds.query(`SELECT md5(string_agg(concat_ws('|', enterprise_organization_id, listing_id, kind, score, reasons::text, scorer_version, listing_version, profile_version), ',' ORDER BY enterprise_organization_id, listing_id)) AS h FROM matches`))[0].h as string;
    const rebuilt = await snapshot();
    const r = rng(5);
    const backends = async (): Promise<number[]> => (await ds.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((x: { pid: number }) => x.pid);
    const capacity = sets.listingCache.capacity;
    console.log(`rescore bench: ${firms} firms × ${listings} listings, ${n} rescorings per round, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    for (let round = 0; round < rounds * 2; round++) {
      const on = round % 2 === 1;
      sets.listingCache.capacity = on ? capacity : 0;
      const counts = { ...sets.listingCache.counts };
      const ids = Array.from({ length: n }, () => data.enterpriseIds[Math.floor(r() * data.enterpriseIds.length)]!);
      // One warm-up rescoring (statement preparation, the cache's first fill).
      await sets.rescoreEnterprise(ids[0]!, today);
      const pids = await backends();
      const db0 = pids.map(procMs);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let rows = 0;
      for (const id of ids) rows += await sets.rescoreEnterprise(id, today);
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const dbMs = pids.map(procMs).reduce((s, ms, i) => s + ms - db0[i]!, 0);
      const same = (await snapshot()) === rebuilt;
      console.log(
        `  cache ${on ? 'on ' : 'off'}: node ${((c.user + c.system) / 1000 / n).toFixed(2)} ms CPU/rescoring, database ${(dbMs / n).toFixed(2)} ms CPU/rescoring, ` +
          `wall ${(wall / n).toFixed(1)} ms, ${(rows / n).toFixed(1)} rows each; rows equal the rebuild's: ${same}; load ${loadavg()[0]!.toFixed(1)}` +
          (on ? `; cache ${sets.listingCache.size} listings, hits ${sets.listingCache.counts.hits - counts.hits}, misses ${sets.listingCache.counts.misses - counts.misses}` : ''),
      );
      if (on && gc) {
        // What the kept listings hold (run with --expose-gc): the heap with them, then without.
        const size = sets.listingCache.size;
        gc();
        const full = process.memoryUsage().heapUsed;
        sets.listingCache.clear();
        gc();
        console.log(`  cache memory: ${((full - process.memoryUsage().heapUsed) / 1048576).toFixed(1)} MB for ${size} listings (${((full - process.memoryUsage().heapUsed) / size / 1024).toFixed(1)} KB each)`);
      }
    }
  } finally {
    await rt.close();
    await db.drop();
  }
}

await main();
