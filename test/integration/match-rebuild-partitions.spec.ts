/**
 * A partitioned rebuild (ADR 0043) taken by two worker processes: each process (a child Node
 * process with its own pool and BullMQ worker on one database and queue) takes ranges of firms
 * through the queue, and the rows the coordinator swaps in equal a one-process rebuild's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-env.js';
import { seedMatchingData } from '../bench/matching-data.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { JOB_CATALOG } from '../../libs/platform/src/queue/job-catalog.js';
import { jobOptions } from '../../libs/platform/src/queue/job-options.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

const WORKER = 'dist/test/helpers/match-partition-worker.js';

async function snapshot(ds: DataSource) {
  return ds.query(
    `SELECT enterprise_organization_id AS e, listing_id AS l, kind, score, reasons::text AS reasons, scorer_version, listing_version, profile_version
       FROM matches ORDER BY 1, 2`,
  );
}

/** Starts a worker process and resolves with its taker name once its BullMQ worker runs. */
function startWorker(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; name: string }> {
  const child = spawn(process.execPath, [WORKER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve({ child, name: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`partition worker exited (${code}): ${err.slice(0, 2_000)}`)));
  });
}

describe('partitioned match-set rebuild with two worker processes', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let url: string;
  let maintenance: MatchMaintenanceService;
  const children: ChildProcess[] = [];
  const today = todayInShanghai();

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: npm run build first`);
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    url = opened.db.url;
    const sets = new MatchSetService(ds);
    maintenance = new MatchMaintenanceService(sets);
    await seedMatchingData(ds, { enterprises: 240, listings: 320, today, seed: 11 });
  }, 120_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await close?.();
  });

  it('both processes take ranges through the queue and the result equals a one-process rebuild', async () => {
    const single = await maintenance.rebuildAll(today);
    const expected = await snapshot(ds);
    expect(expected.length).toBe(single.stored);
    expect(expected.length).toBeGreaterThan(1_000);

    const namespace = `mrp${randomBytes(4).toString('hex')}`;
    const redisUrl = testRedisUrl();
    const env = { DATABASE_URL: url, QUEUE_NAMESPACE: namespace, REDIS_URL: redisUrl ?? '', MATCH_REBUILD_THREADS: '1' };
    const workers = await Promise.all([startWorker(env), startWorker(env)]);
    children.push(...workers.map((w) => w.child));
    const queues = new QueueRegistry({ redisUrl, databaseUrl: url, namespace });
    try {
      // The coordinator leaves the ranges to the two processes (it would take free ones itself after 10 minutes).
      const report = await maintenance.rebuildAll(today, {
        partitions: 6,
        selfTakeAfterMs: 600_000,
        announce: async (runId, ranges) => {
          const queue = queues.queue(JOB_CATALOG['matching.rebuild-partition'].queue);
          await queue.addBulk(
            ranges.map((r) => ({ name: 'matching.rebuild-partition', data: { runId, partition: r.partition }, opts: jobOptions('matching.rebuild-partition', 'fan-out', { jobId: `t-${runId}-${r.partition}` }) })),
          );
        },
      });
      expect(report.partitions).toHaveLength(6);
      const takers = new Set(report.partitions!.map((p) => p.takenBy));
      expect([...takers].sort()).toEqual(workers.map((w) => w.name).sort());
      expect(report.partitions!.reduce((s, p) => s + p.enterprises, 0)).toBe(240);
      expect(report.stored).toBe(single.stored);
      expect(report.scored).toBe(single.scored);
      expect(await snapshot(ds)).toEqual(expected);
      // The staging is gone once the run is over.
      expect(await ds.query('SELECT count(*)::int AS n FROM match_rebuild_rows')).toEqual([{ n: 0 }]);
      expect(await ds.query('SELECT count(*)::int AS n FROM match_rebuild_partitions')).toEqual([{ n: 0 }]);
    } finally {
      await queues.close();
    }
  }, 900_000);

  it('without other processes the coordinator takes every range itself, with the same result', async () => {
    const expected = await snapshot(ds);
    const report = await maintenance.rebuildAll(today, { partitions: 3 });
    expect(new Set(report.partitions!.map((p) => p.takenBy))).toEqual(new Set([maintenance.takerName]));
    expect(await snapshot(ds)).toEqual(expected);
  }, 300_000);
});
