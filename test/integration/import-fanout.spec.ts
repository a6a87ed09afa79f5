/**
 * ADR 0017: an import's rescoring fan-out goes to the bulk lane — one assessment and one rescoring
 * per firm, deterministic job ids, nothing doubled by a resumed batch or a replayed outbox — and an
 * interactive job enqueued meanwhile runs before the bulk backlog drains. Real handlers, real
 * queues, on both backends (Redis, and the PostgreSQL backend of the embedded mode).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter } from '../../libs/enterprises/src/import/enterprise-import.js';
import { EnterpriseImportRuns } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import { TierAssessmentService } from '../../libs/tier-assessments/src/tier-assessment.service.js';
import { AssessEnterpriseHandler } from '../../libs/tier-assessments/src/tier-scoring.handlers.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { RescoreEnterpriseHandler } from '../../libs/matching/src/sets/matching.handlers.js';
import { EvaluateOrganizationRewardsHandler, RewardsService } from '../../libs/rewards/src/index.js';
import { OutboxRelay } from '../../libs/platform/src/outbox/outbox-relay.js';
import { recordEvent } from '../../libs/platform/src/outbox/outbox.service.js';
import { QUEUE_NAMES, eventJobId, type QueueName } from '../../libs/platform/src/queue/job-catalog.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { openTestDataSource, type TestDatabase } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-env.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

function list(codes: readonly string[]): Buffer {
  const head = 'uscc,name,regionCode,industryCode,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense';
  const rows = codes.map((c, i) => `${c},宁波分流测试${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,${1_000_000 + i},900000,50000`);
  return Buffer.from([head, ...rows].join('\n'));
}

async function jobsOf(queues: QueueRegistry, queue: QueueName): Promise<Job[]> {
  return (await queues.queue(queue).getJobs([...STATES], 0, -1)).filter((j): j is Job => Boolean(j));
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function defineSuite(backend: 'redis' | 'postgres', redisUrl: string | undefined): void {
  let db: TestDatabase;
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let runs: EnterpriseImportRuns;
  let handlers: Map<string, { handle(payload: never): Promise<unknown> }>;
  const registries: QueueRegistry[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    ({ db, dataSource, close: closeDb } = await openTestDataSource());
    const profiles = new EnterpriseProfileService(dataSource);
    runs = new EnterpriseImportRuns(dataSource, new EnterpriseImporter(dataSource, profiles));
    handlers = new Map<string, { handle(payload: never): Promise<unknown> }>([
      ['tiers.assess-enterprise', new AssessEnterpriseHandler(new TierAssessmentService(dataSource, profiles))],
      ['matching.rescore-enterprise', new RescoreEnterpriseHandler(new MatchSetService(dataSource))],
      ['rewards.evaluate-organization', new EvaluateOrganizationRewardsHandler(new RewardsService(dataSource))],
    ]);
  });

  afterAll(async () => {
    for (const r of relays) await r.stop();
    for (const q of registries) {
      if (redisUrl) for (const name of QUEUE_NAMES) await q.queue(name).obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await closeDb?.();
  });

  /** Fresh queues (own namespace) and a relay feeding them. */
  async function lanes() {
    const queues = new QueueRegistry({ redisUrl, databaseUrl: db.url, namespace: `fo${randomBytes(4).toString('hex')}` });
    registries.push(queues);
    await queues.ready();
    const relay = new OutboxRelay(dataSource, queues, { databaseUrl: db.url, pollIntervalMs: 200 });
    relays.push(relay);
    // Every event written so far (earlier tests) is published: each test sees only its own.
    await relay.drain();
    for (const name of QUEUE_NAMES) await queues.queue(name).obliterate({ force: true });
    return { queues, relay };
  }

  /** Workers running the real handlers: the bulk lane with `bulkConcurrency`, the interactive queues with 5. */
  async function startWorkers(queues: QueueRegistry, bulkConcurrency: number) {
    for (const name of ['bulk', 'tier-scoring', 'matching'] as const) {
      queues.createWorker(name, (job) => handlers.get(job.name)!.handle(job.data as never), name === 'bulk' ? bulkConcurrency : 5);
    }
    await queues.runWorkers();
  }

  async function importFirms(n: number, options: { batchSize: number; stopAfterBatches?: number }) {
    const codes = Array.from({ length: n }, uscc);
    const row = await dataSource.transaction((m) => runs.start(m, null, 'fan-out.csv', list(codes)));
    await runs.parse(row.id);
    await dataSource.transaction((m) => runs.confirm(m, row.id, null));
    await runs.run(row.id, null, options);
    return { id: row.id, codes };
  }

  async function firmsOf(codes: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await dataSource.query('SELECT id FROM organizations WHERE uscc = ANY($1) ORDER BY id', [codes]);
    return rows.map((r) => r.id);
  }

  async function eventIds(type: string, firms: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await dataSource.query('SELECT id FROM outbox_events WHERE type = $1 AND aggregate_id = ANY($2) ORDER BY id', [type, firms]);
    return rows.map((r) => String(r.id));
  }

  it('a batched import with a resume: one assessment then one rescoring per firm (and one policy-reward evaluation), on the bulk lane, deterministic ids; a replay adds none', async () => {
    const { queues, relay } = await lanes();
    const first = await importFirms(45, { batchSize: 20, stopAfterBatches: 1 });
    // Resumed after a "crash" between batches: the rest of the file.
    await runs.run(first.id, null, { batchSize: 20 });
    expect(await runs.find(first.id)).toMatchObject({ status: 'DONE', created: 45 });
    const firms = await firmsOf(first.codes);
    expect(firms).toHaveLength(45);

    await relay.drain();
    const profileEvents = await eventIds('enterprise-profile.changed', firms);
    expect(profileEvents).toHaveLength(45);
    let bulk = await jobsOf(queues, 'bulk');
    const profileJobs = profileEvents.flatMap((e) => [eventJobId('tiers.assess-enterprise', e), eventJobId('rewards.evaluate-organization', e)]);
    expect(bulk.map((j) => String(j.id)).sort()).toEqual(profileJobs.sort());
    // Nothing of the import on the interactive queues (neither the registration notices nor the rescoring).
    for (const q of ['notify', 'tier-scoring', 'matching'] as const) expect(await jobsOf(queues, q)).toEqual([]);

    await startWorkers(queues, 2);
    await relay.start();
    const assessmentEvents = async () => eventIds('enterprise-assessment.changed', firms);
    await waitFor('every firm assessed and rescored', async () => {
      const c = await queues.queue('bulk').getJobCounts('completed', 'waiting', 'active', 'prioritized', 'delayed', 'failed');
      return (await assessmentEvents()).length === 45 && c.completed === 135 && c.waiting + c.active + c.prioritized + c.delayed === 0;
    }, 150_000);
    bulk = await jobsOf(queues, 'bulk');
    const perKind = (name: string) => bulk.filter((j) => j.name === name).map((j) => (j.data as { data: { organizationId: string } }).data.organizationId).sort();
    expect(perKind('tiers.assess-enterprise')).toEqual(firms);
    expect(perKind('matching.rescore-enterprise')).toEqual(firms);
    expect(perKind('rewards.evaluate-organization')).toEqual(firms);
    const expectedIds = [
      ...profileJobs,
      ...(await assessmentEvents()).map((e) => eventJobId('matching.rescore-enterprise', e)),
    ].sort();
    expect(bulk.map((j) => String(j.id)).sort()).toEqual(expectedIds);
    expect(bulk.every((j) => (j.data as { lane?: string }).lane === 'bulk')).toBe(true);
    for (const q of ['notify', 'tier-scoring', 'matching'] as const) expect(await jobsOf(queues, q)).toEqual([]);
    const [{ assessed }] = await dataSource.query('SELECT count(DISTINCT organization_id)::int AS assessed FROM tier_assessments WHERE organization_id = ANY($1)', [firms]);
    expect(assessed).toBe(45);

    // Replay every event of the import (a relay that crashed before stamping them): no new job, nothing runs again.
    await relay.stop();
    await dataSource.query('UPDATE outbox_events SET published_at = NULL WHERE aggregate_id = ANY($1)', [firms]);
    await relay.drain();
    const after = await queues.queue('bulk').getJobCounts('completed', 'waiting', 'active', 'prioritized', 'delayed', 'failed');
    expect(after).toMatchObject({ completed: 135, waiting: 0, active: 0, prioritized: 0, delayed: 0, failed: 0 });
    for (const q of ['notify', 'tier-scoring', 'matching'] as const) expect(await jobsOf(queues, q)).toEqual([]);
  }, 240_000);

  it('an interactive profile change enqueued behind a bulk backlog runs before the backlog drains', async () => {
    const { queues, relay } = await lanes();
    const { codes } = await importFirms(80, { batchSize: 40 });
    await relay.drain();
    // One assessment and one policy-reward evaluation per firm wait on the bulk lane.
    expect(await queues.queue('bulk').count()).toBe(160);

    const firms = await firmsOf(codes);
    // The firm whose bulk assessment is the last of the backlog: its own (interactive) one must not
    // race the bulk one of the same version, whatever the machine's load.
    const [{ editor }] = (await dataSource.query(
      `SELECT aggregate_id::text AS editor FROM outbox_events WHERE type = 'enterprise-profile.changed' AND aggregate_id = ANY($1) ORDER BY id DESC LIMIT 1`,
      [firms],
    )) as Array<{ editor: string }>;
    await startWorkers(queues, 1);
    await relay.start();
    // The firm edits its own profile while the import's backlog waits: what the profile service writes.
    const [{ version }] = await dataSource.query('SELECT version FROM enterprise_profiles WHERE organization_id = $1', [editor]);
    const eventId = await dataSource.transaction((m) =>
      recordEvent(m, { type: 'enterprise-profile.changed', aggregateType: 'enterprise-profile', aggregateId: editor, data: { organizationId: editor, version } }),
    );
    const assessId = eventJobId('tiers.assess-enterprise', eventId);
    const rescoreId = eventJobId('matching.rescore-enterprise', eventId);
    await waitFor('the interactive jobs to complete', async () => {
      const [a, r] = await Promise.all([queues.queue('tier-scoring').getJob(assessId), queues.queue('matching').getJob(rescoreId)]);
      return Boolean(a?.finishedOn && r?.finishedOn);
    });
    const interactiveDone = Math.max(
      (await queues.queue('tier-scoring').getJob(assessId))!.finishedOn!,
      (await queues.queue('matching').getJob(rescoreId))!.finishedOn!,
    );

    // The editor's own assessment came first, so the bulk one of the same version inserts nothing
    // and writes no event: one rescoring fewer on the bulk lane.
    const bulkAssessments = async () =>
      Number((await dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enterprise-assessment.changed' AND lane = 'bulk' AND aggregate_id = ANY($1)`, [firms]))[0].n);
    await waitFor('the bulk backlog to drain', async () => {
      const c = await queues.queue('bulk').getJobCounts('completed', 'waiting', 'active', 'prioritized', 'delayed', 'failed');
      return c.completed === 160 + (await bulkAssessments()) && c.waiting + c.active + c.prioritized + c.delayed === 0;
    }, 150_000);
    expect(await bulkAssessments()).toBe(79);
    const bulk = await jobsOf(queues, 'bulk');
    expect(bulk.every((j) => j.finishedOn && !j.failedReason)).toBe(true);
    // Order, not speed: the interactive jobs finished while most of the import's jobs had not yet run.
    const bulkBefore = bulk.filter((j) => j.finishedOn! <= interactiveDone).length;
    expect(bulkBefore).toBeLessThan(bulk.length / 2);
    // The interactive lane carried only the firm's own edit (its assessment and its reward evaluation).
    expect((await jobsOf(queues, 'tier-scoring')).map((j) => String(j.id)).sort()).toEqual([assessId, eventJobId('rewards.evaluate-organization', eventId)].sort());
  }, 240_000);
}

const describeRedis = testRedisUrl() ? describe : describe.skip;

describeRedis('import fan-out on the bulk lane (Redis queue backend)', () => {
  defineSuite('redis', testRedisUrl());
});

describe('import fan-out on the bulk lane (PostgreSQL queue backend)', () => {
  defineSuite('postgres', undefined);
});
