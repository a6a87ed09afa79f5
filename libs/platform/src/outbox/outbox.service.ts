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
  const result = await manager.insert(OutboxEventEntity, {
    type: params.type,
    aggregateType: params.aggregateType,
    aggregateId: params.aggregateId,
    payload: params.data as never,
    actorUserId: params.actorUserId ?? null,
    lane: params.lane ?? 'interactive',
  });
  return String(result.identifiers[0]!.id);
}
