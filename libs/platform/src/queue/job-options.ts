import type { JobsOptions, KeepJobs } from 'bullmq';
import { JOB_CATALOG, type JobName } from './job-catalog.js';

const DAY_S = 24 * 3600;

/**
 * How a job comes to be queued. It decides the job's retries and how long BullMQ keeps it once
 * finished; the attempts themselves come from the job catalog (except for `command`).
 */
export type JobKind =
  /** A domain event's job, queued by the outbox relay. */
  | 'event'
  /** One job of a fan-out (the nightly reassessment queues one per enterprise). */
  | 'fan-out'
  /** A job one id stands for per time window, so a burst of requests costs one run. */
  | 'debounced'
  /** An occurrence of a job scheduler (nightly jobs). */
  | 'scheduled'
  /** Queued by a command-line tool that waits for its result: one attempt, no retries. */
  | 'command';

interface KindPolicy {
  readonly once?: true;
  readonly backoff?: true;
  readonly removeOnComplete?: KeepJobs;
  readonly removeOnFail?: KeepJobs;
}

const POLICIES: { readonly [K in JobKind]: KindPolicy } = {
  // Kept long after completion so a re-enqueue after a crash still finds and skips them.
  event: { backoff: true, removeOnComplete: { age: 7 * DAY_S, count: 50_000 }, removeOnFail: { age: 30 * DAY_S } },
  'fan-out': { backoff: true, removeOnComplete: { age: 2 * DAY_S }, removeOnFail: { age: 30 * DAY_S } },
  debounced: { removeOnComplete: { count: 50 } },
  scheduled: { removeOnComplete: { count: 30 } },
  command: { once: true },
};

/** Retries of `event` and `fan-out` jobs wait 1 s, 2 s, 4 s, … */
const RETRY_BACKOFF = { type: 'exponential', delay: 1_000 } as const;

/**
 * The one place BullMQ job options are built: attempts, backoff and removal follow from the job's
 * catalog entry and `kind`; `jobId` (deterministic, so duplicates collapse) and `delay` are the
 * caller's. Options a kind does not set are left out, not set to undefined.
 */
export function jobOptions(name: JobName, kind: JobKind, placement: { jobId?: string; delay?: number } = {}): JobsOptions {
  const policy = POLICIES[kind];
  return {
    ...(placement.jobId !== undefined ? { jobId: placement.jobId } : {}),
    ...(placement.delay !== undefined ? { delay: placement.delay } : {}),
    attempts: policy.once ? 1 : JOB_CATALOG[name].attempts,
    ...(policy.backoff ? { backoff: { ...RETRY_BACKOFF } } : {}),
    ...(policy.removeOnComplete ? { removeOnComplete: { ...policy.removeOnComplete } } : {}),
    ...(policy.removeOnFail ? { removeOnFail: { ...policy.removeOnFail } } : {}),
  };
}
