import type { EntityManager } from 'typeorm';
import { readTimeline, type TimelineSubject } from '../../../../libs/timeline/src/index.js';
import type { TimelineConnectionModel } from './timeline.models.js';

/** Arguments of every `timeline` field. */
export const TIMELINE_FIRST_DEFAULT = 50;

/** One page of a case's timeline as its GraphQL connection (the caller already sees the case). */
export async function timelineConnection(
  manager: EntityManager,
  subjectType: TimelineSubject,
  subjectId: string,
  first: number,
  after?: string | null,
): Promise<TimelineConnectionModel> {
  const page = await readTimeline(manager, subjectType, subjectId, first, after);
  return {
    entries: page.rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      reasonCode: r.reasonCode,
      note: r.note,
      occurredAt: r.occurredAt,
      changedFields: r.kind === 'EDITED' && Array.isArray(r.data.fields) ? r.data.fields.map(String) : null,
      actorOrganizationId: r.actorOrganizationId,
    })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
