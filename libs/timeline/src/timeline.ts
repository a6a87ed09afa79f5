import type { EntityManager } from 'typeorm';
import { badInput, checkPageSize } from '../../platform/src/index.js';
import { TimelineEntryEntity } from './timeline-entry.entity.js';
import { TIMELINE_NOTE_MAX_CHARS, type TimelineEntryKind, type TimelineSubject } from './timeline-kinds.js';

export interface TimelineStep {
  subjectType: TimelineSubject;
  subjectId: string;
  kind: TimelineEntryKind;
  status?: string | null;
  actorOrganizationId?: string | null;
  actorUserId?: string | null;
  reasonCode?: string | null;
  note?: string | null;
  /** Ids, deadlines, field names: never amounts or personal data. */
  data?: Record<string, unknown>;
}

/**
 * Records steps on their cases' timelines in the caller's transaction (one statement). A note
 * longer than {@link TIMELINE_NOTE_MAX_CHARS} is cut: callers bound user text before they get here.
 */
export async function recordTimeline(manager: EntityManager, ...steps: TimelineStep[]): Promise<void> {
  if (steps.length === 0) return;
  const rows: Array<Omit<TimelineEntryEntity, 'id' | 'occurredAt'>> = steps.map((s) => ({
      subjectType: s.subjectType,
      subjectId: s.subjectId,
      kind: s.kind,
      status: s.status ?? null,
      actorOrganizationId: s.actorOrganizationId ?? null,
      actorUserId: s.actorUserId ?? null,
      reasonCode: s.reasonCode ?? null,
      note: s.note == null ? null : Array.from(s.note).slice(0, TIMELINE_NOTE_MAX_CHARS).join(''),
      data: s.data ?? {},
  }));
  // TypeORM's deep-partial type does not take a jsonb Record; the rows are complete entities.
  await manager.insert(TimelineEntryEntity, rows as object[]);
}

export interface TimelinePage {
  rows: TimelineEntryEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/**
 * A case's timeline, oldest first, `first` (1–100) entries after the `after` cursor. No access
 * check: the caller has already shown it may see the case.
 */
export async function readTimeline(
  manager: EntityManager,
  subjectType: TimelineSubject,
  subjectId: string,
  first: number,
  after?: string | null,
): Promise<TimelinePage> {
  checkPageSize(first);
  const afterId = after == null ? null : decodeTimelineCursor(after);
  const qb = manager
    .createQueryBuilder(TimelineEntryEntity, 't')
    .where('t.subjectType = :subjectType AND t.subjectId = :subjectId', { subjectType, subjectId });
  const totalCount = await qb.clone().getCount();
  if (afterId) qb.andWhere('t.id > :afterId', { afterId });
  const rows = await qb.orderBy('t.id', 'ASC').take(first + 1).getMany();
  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  return { rows: page, hasNextPage, endCursor: page.length ? timelineCursor(page[page.length - 1]!) : null, totalCount };
}

export function timelineCursor(entry: Pick<TimelineEntryEntity, 'id'>): string {
  return Buffer.from(`t|${entry.id}`).toString('base64url');
}

function decodeTimelineCursor(cursor: string): string {
  const m = /^t\|([1-9][0-9]{0,17})$/.exec(Buffer.from(String(cursor).slice(0, 64), 'base64url').toString());
  if (!m) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
  return m[1]!;
}
