import { describe, it, expect } from '@jest/globals';
import { JOB_CATALOG, eventJobId } from '../../../libs/platform/src/queue/job-catalog.js';
import { jobOptions } from '../../../libs/platform/src/queue/job-options.js';

const DAY_S = 24 * 3600;

/** The options each enqueue site built by hand before the builder: the builder must give exactly these. */
describe('jobOptions', () => {
  it('event jobs (outbox relay): deterministic id, catalog attempts, backoff, kept a week after completion', () => {
    expect(jobOptions('search.sync-listing', 'event', { jobId: eventJobId('search.sync-listing', '42') })).toStrictEqual({
      jobId: 'evt-42-search.sync-listing',
      attempts: JOB_CATALOG['search.sync-listing'].attempts,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 7 * DAY_S, count: 50_000 },
      removeOnFail: { age: 30 * DAY_S },
    });
  });

  it('fan-out jobs (nightly reassessment): backoff, kept two days after completion', () => {
    expect(jobOptions('tiers.reassess-enterprise', 'fan-out', { jobId: 'reassess-nightly-2026-12-04-o1' })).toStrictEqual({
      jobId: 'reassess-nightly-2026-12-04-o1',
      attempts: JOB_CATALOG['tiers.reassess-enterprise'].attempts,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 2 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    });
  });

  it('debounced jobs (insights refresh): id and delay of the window, no backoff, last 50 kept', () => {
    expect(jobOptions('insights.refresh-figures', 'debounced', { jobId: 'insights-refresh-2000', delay: 1_500 })).toStrictEqual({
      jobId: 'insights-refresh-2000',
      delay: 1_500,
      attempts: JOB_CATALOG['insights.refresh-figures'].attempts,
      removeOnComplete: { count: 50 },
    });
  });

  it('scheduled jobs: catalog attempts, last 30 kept, no id', () => {
    expect(jobOptions('search.reconcile', 'scheduled')).toStrictEqual({
      attempts: JOB_CATALOG['search.reconcile'].attempts,
      removeOnComplete: { count: 30 },
    });
  });

  it('command jobs (CLIs): one attempt, nothing else', () => {
    expect(jobOptions('matching.reconcile', 'command', { jobId: 'match-rebuild-cli-1' })).toStrictEqual({ jobId: 'match-rebuild-cli-1', attempts: 1 });
  });

  it('hands out fresh objects, so a caller cannot change another job’s options', () => {
    const a = jobOptions('search.sync-listing', 'event', { jobId: 'a' });
    (a.removeOnComplete as { age: number }).age = 1;
    expect(jobOptions('search.sync-listing', 'event', { jobId: 'b' }).removeOnComplete).toStrictEqual({ age: 7 * DAY_S, count: 50_000 });
  });
});
