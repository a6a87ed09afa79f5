import { randomUUID } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { RECOMMENDATIONS_PER_MESSAGE, type RecommendationAddedMessage } from '../../../libs/platform/src/pubsub/channels.js';
import { MAX_PAYLOAD_BYTES } from '../../../libs/platform/src/pubsub/pubsub.js';
import {
  EVENT_ROUTES,
  JOB_CATALOG,
  JOB_NAMES,
  QUEUE_NAMES,
  eventJobId,
  isJobName,
  type DomainEventType,
  type JobName,
} from '../../../libs/platform/src/queue/job-catalog.js';
import { assembleHandlerMap } from '../../../libs/platform/src/queue/job-handler.js';

type Found = { name: string; handler: unknown; owner: string };

const handler = () => ({ handle: async () => undefined });
/** One well-formed handler per job of the catalog. */
const complete = (): Found[] => JOB_NAMES.map((name, i) => ({ name, handler: handler(), owner: `Handler${i}` }));

function assemblyError(found: Found[]): string {
  try {
    assembleHandlerMap(found);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('assembleHandlerMap accepted a broken handler list');
}

describe('assembleHandlerMap', () => {
  it('maps every job to its one handler', () => {
    const found = complete();
    const map = assembleHandlerMap(found);
    expect([...map.keys()].sort()).toEqual([...JOB_NAMES].sort());
    for (const f of found) expect(map.get(f.name as JobName)).toBe(f.handler);
  });

  it('does not depend on the order handlers are discovered in', () => {
    expect(assembleHandlerMap(complete().reverse()).size).toBe(JOB_NAMES.length);
  });

  it.each(JOB_NAMES)('refuses to boot when %s has no handler', (missing) => {
    const message = assemblyError(complete().filter((f) => f.name !== missing));
    expect(message).toContain(`job "${missing}" has no handler`);
  });

  it.each(JOB_NAMES)('refuses two handlers for %s and names both owners', (name) => {
    const message = assemblyError([...complete(), { name, handler: handler(), owner: 'SecondHandler' }]);
    const first = complete().find((f) => f.name === name)!.owner;
    expect(message).toContain(`job "${name}" has two handlers: ${first} and SecondHandler`);
  });

  it.each(['notify.no-such-job', '', 'NOTIFY.ORGANIZATION-REGISTERED', 'constructor', 'toString'])(
    'refuses a handler of unknown job name %p',
    (name) => {
      const message = assemblyError([...complete(), { name, handler: handler(), owner: 'Stray' }]);
      expect(message).toContain(`Stray handles unknown job "${name}"`);
    },
  );

  it.each<[string, unknown]>([
    ['an object without handle', {}],
    ['handle that is not a function', { handle: 'yes' }],
    ['handle left undefined', { handle: undefined }],
  ])('refuses a handler that is %s', (_what, broken) => {
    const [first, ...rest] = complete();
    const message = assemblyError([{ ...first!, handler: broken }, ...rest]);
    expect(message).toContain(`${first!.owner} is marked as handler of "${first!.name}" but has no handle() method`);
    // The same job is not reported a second time as merely missing.
    expect(message).not.toContain(`job "${first!.name}" has no handler`);
  });

  it('lists every problem at once', () => {
    const [first, second, ...rest] = complete();
    const found: Found[] = [
      ...rest,
      { name: 'notify.unknown', handler: handler(), owner: 'Stray' },
      ...(second ? [second, { ...second, owner: 'Dup' }] : []),
    ];
    const message = assemblyError(found);
    expect(message).toMatch(/^Job catalog check failed: /);
    expect(message).toContain(`job "${first!.name}" has no handler`);
    expect(message).toContain('unknown job "notify.unknown"');
    if (second) expect(message).toContain(`job "${second.name}" has two handlers`);
  });
});

describe('job catalog', () => {
  const routes = Object.entries(EVENT_ROUTES) as Array<[DomainEventType, readonly JobName[]]>;

  /** Events recorded for consumers that later issues add (search sync, matching). */
  const NO_SUBSCRIBERS_YET: DomainEventType[] = [
    // Members and invitations (issue 13): recorded for the audit trail; the mails go through MailService.
    'organization.details-updated',
    'invitation.created',
    'invitation.revoked',
    'member.role-changed',
    'member.removed',
  ];

  it.each(routes)('routes %s only to jobs of the catalog', (event, jobs) => {
    // An event with no route is a mistake unless it is declared as waiting for its consumers.
    expect(jobs.length > 0).toBe(!NO_SUBSCRIBERS_YET.includes(event));
    for (const job of jobs) expect(isJobName(job)).toBe(true);
    expect(new Set(jobs).size).toBe(jobs.length);
  });

  it.each(JOB_NAMES)('puts %s on a known queue with at least one attempt', (name) => {
    expect(QUEUE_NAMES).toContain(JOB_CATALOG[name].queue);
    expect(JOB_CATALOG[name].attempts).toBeGreaterThanOrEqual(1);
  });

  it('does not take inherited object keys for job names', () => {
    expect(isJobName('constructor')).toBe(false);
    expect(isJobName('__proto__')).toBe(false);
  });
});

describe('eventJobId', () => {
  const cases = JOB_NAMES.flatMap((name) => ['1', '42', '9007199254740993'].map((id) => [name, id] as const));

  it.each(cases)('is deterministic and colon-free for %s / event %s', (name, eventId) => {
    const id = eventJobId(name, eventId);
    expect(eventJobId(name, eventId)).toBe(id);
    // BullMQ uses ':' as its key separator; a bare integer would clash with its own counter ids.
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
    expect(id).toContain(eventId);
  });

  it('differs between events and between jobs of one event', () => {
    const ids = JOB_NAMES.flatMap((name) => ['1', '2', '12', '21'].map((e) => eventJobId(name, e)));
    expect(new Set(ids).size).toBe(ids.length);
    // "1"+"2…" must not collide with "12…": the id keeps a separator between the parts.
    expect(eventJobId(JOB_NAMES[0]!, '1')).not.toBe(eventJobId(JOB_NAMES[0]!, '11'));
  });
});

describe('the push path (publish → push delivered, ADR 0036)', () => {
  it('a pushed recommendation is announced live before its notices are written, both on interactive queues', () => {
    expect(EVENT_ROUTES['recommendation.pushed']).toEqual(['recommendation.publish', 'notify.recommendation-pushed']);
    for (const job of EVENT_ROUTES['recommendation.pushed']) expect(JOB_CATALOG[job].queue).not.toBe('bulk');
  });

  it('a full recommendation.added message (180 firm ids and the listing) fits the pub/sub limit', () => {
    const id = () => randomUUID();
    const full: RecommendationAddedMessage = { listingId: id(), organizationIds: Array.from({ length: RECOMMENDATIONS_PER_MESSAGE }, id) };
    expect(Buffer.byteLength(JSON.stringify(full))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    // Within 1 KB of the limit: the batching is as coarse as the limit allows.
    expect(Buffer.byteLength(JSON.stringify(full))).toBeGreaterThan(MAX_PAYLOAD_BYTES - 1_000);
  });
});
