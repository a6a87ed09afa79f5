import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { createListing, creditProductInput, loginAuthority, publishListing, registerOrg, serviceOfferingInput } from '../helpers/listing-fixtures.js';
import { JOB_CATALOG, type JobPayloads } from '../../libs/platform/src/queue/job-catalog.js';
import { NIGHTLY_MATCH_RECONCILE_PATTERN } from '../../libs/matching/src/sets/matching.handlers.js';

describe('match-set maintenance through the queue (what npm run matches:reconcile / matches:rebuild ask the running server)', () => {
  let app: TestApp;

  /** Queues a matching.reconcile job as the CLI does and returns the worker's report. */
  async function runJob(data: JobPayloads['matching.reconcile']): Promise<Record<string, number>> {
    const queue = app.started.runtime.queues.queue(JOB_CATALOG['matching.reconcile'].queue);
    const job = await queue.add('matching.reconcile', data, { jobId: `test-${Date.now()}-${Math.random()}`, attempts: 1 });
    const until = Date.now() + 30_000;
    for (;;) {
      const state = await job.getState();
      if (state === 'completed') return (await queue.getJob(job.id!))!.returnvalue as Record<string, number>;
      if (state === 'failed') throw new Error((await queue.getJob(job.id!))?.failedReason);
      if (Date.now() > until) throw new Error('job not done in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await loginAuthority(app);
    const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    const firm = await registerOrg(app, 'ENTERPRISE');
    expect((await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token)).errors).toBeUndefined();
    const provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    const credit = creditProductInput({
      regionCodes: ['330281'],
      industryCodes: [],
      eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: 2, minYearsInBusiness: null, maxDebtRatio: null },
    });
    const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: credit });
    await publishListing(app, bank.token, id);
    const service = await createListing(app, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ regionCodes: [], industryCodes: [] }) });
    await publishListing(app, provider.token, service.id);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('registers the nightly reconcile at 03:45 Beijing time', async () => {
    const schedulers = await app.started.runtime.queues.queue('matching').getJobSchedulers();
    expect(schedulers.map((s: { key?: string; name?: string; pattern?: string | null; tz?: string | null }) => ({ name: s.name, pattern: s.pattern, tz: s.tz }))).toContainEqual({
      name: 'matching.reconcile',
      pattern: NIGHTLY_MATCH_RECONCILE_PATTERN,
      tz: 'Asia/Shanghai',
    });
  });

  it('the reconcile job repairs drift and reports it; the rebuild job reports what it stored', async () => {
    const ds = app.started.runtime.database.dataSource;
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM matches');
    expect(n).toBeGreaterThan(0);
    await ds.query(`UPDATE matches SET scorer_version = '0.0.1'`);
    const report = await runJob({ requestedBy: 'test' });
    expect(report).toMatchObject({ staleScorerVersion: n, rowsBefore: n, rowsAfter: n, added: 0 });
    const rebuilt = await runJob({ requestedBy: 'test', rebuild: true });
    expect(rebuilt).toMatchObject({ stored: n, removed: n });
  });
});
