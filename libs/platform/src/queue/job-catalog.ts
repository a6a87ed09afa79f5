/**
 * The typed job catalog: every domain event, every job, its queue and its payload type, in one
 * place. Workers fail to boot unless each job here has exactly one handler.
 */

/** BullMQ queues; a queue groups jobs that share a worker pool. */
export const QUEUE_NAMES = ['notify'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Domain events written to the outbox; they carry ids, never entities. */
export interface DomainEventPayloads {
  'organization.registered': { organizationId: string };
  'organization.verified': { organizationId: string; verifiedByUserId: string };
}
export type DomainEventType = keyof DomainEventPayloads;

/** What a job created from an outbox event carries. */
export interface EventJob<E extends DomainEventType> {
  /** The outbox row id; with the job name it makes the deterministic job id. */
  eventId: string;
  eventType: E;
  occurredAt: string;
  data: DomainEventPayloads[E];
}

export interface JobPayloads {
  'notify.organization-registered': EventJob<'organization.registered'>;
  'notify.organization-verified': EventJob<'organization.verified'>;
}
export type JobName = keyof JobPayloads;

export interface JobSpec {
  readonly queue: QueueName;
  /** Attempts before the job is left failed; backoff is exponential from 1 s. */
  readonly attempts: number;
}

export const JOB_CATALOG: { readonly [N in JobName]: JobSpec } = {
  'notify.organization-registered': { queue: 'notify', attempts: 5 },
  'notify.organization-verified': { queue: 'notify', attempts: 5 },
};

/** The jobs each event fans out to; the relay enqueues one job per route. */
export const EVENT_ROUTES: { readonly [E in DomainEventType]: readonly JobName[] } = {
  'organization.registered': ['notify.organization-registered'],
  'organization.verified': ['notify.organization-verified'],
};

export const JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];

/** Deterministic job id: replaying the same event yields the same id, so BullMQ keeps one job. */
export function eventJobId(jobName: JobName, eventId: string): string {
  return `evt-${eventId}-${jobName}`;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CATALOG, name);
}
