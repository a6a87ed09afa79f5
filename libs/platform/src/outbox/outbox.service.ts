import type { EntityManager } from 'typeorm';
import type { DomainEventPayloads, DomainEventType, EventLane } from '../queue/job-catalog.js';
import { OutboxEventEntity } from './outbox-event.entity.js';

export interface RecordEventParams<E extends DomainEventType> {
  type: E;
  aggregateType: string;
  aggregateId: string;
  data: DomainEventPayloads[E];
  actorUserId?: string | null;
  /** 'bulk' for one of many events of a bulk operation (an import): its jobs take the bulk lane. */
  lane?: EventLane;
}

/**
 * Writes domain events into the outbox through the caller's transaction manager, so the event
 * exists exactly when the change it describes does.
 */
export async function recordEvent<E extends DomainEventType>(
  manager: EntityManager,
  params: RecordEventParams<E>,
): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`outbox event ${params.type} must be written inside the domain transaction`);
  }
  const result = await manager.insert(OutboxEventEntity, outboxRow(params));
  return String(result.identifiers[0]!.id);
}

/**
 * {@link recordEvent} for many events in one statement (a bulk write's events, in order); returns
 * their ids in the same order.
 */
export async function recordEvents<E extends DomainEventType>(manager: EntityManager, events: readonly RecordEventParams<E>[]): Promise<string[]> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`outbox events ${events[0]?.type ?? ''} must be written inside the domain transaction`);
  }
  if (events.length === 0) return [];
  const ids: string[] = [];
  // PostgreSQL binds at most 65,535 parameters per statement; an event takes 6.
  for (let at = 0; at < events.length; at += 5000) {
    const result = await manager.insert(OutboxEventEntity, events.slice(at, at + 5000).map(outboxRow));
    ids.push(...result.identifiers.map((i) => String(i.id)));
  }
  return ids;
}

function outboxRow<E extends DomainEventType>(params: RecordEventParams<E>) {
  return {
    type: params.type,
    aggregateType: params.aggregateType,
    aggregateId: params.aggregateId,
    payload: params.data as never,
    actorUserId: params.actorUserId ?? null,
    lane: params.lane ?? 'interactive',
  };
}
