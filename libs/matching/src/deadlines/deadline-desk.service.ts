import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, checkPageSize, CLOCK, inTransaction, parseId, recordEvent, type Clock } from '../../../platform/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { authorizeQuery, describeRegionCodeProblem, regionStem } from '../../../identity/src/index.js';
import { recordTimeline } from '../../../timeline/src/index.js';
import {
  DEADLINE_KINDS,
  DEADLINE_KIND_LABELS,
  ESCALATE_AFTER_WORKING_DAYS,
  WORKING_CALENDAR,
  WORKING_DAY_MS,
  workingDaysOverdue,
  type DeadlineKind,
  type DeadlineStage,
  type WorkingCalendar,
} from '../../../calendar/src/index.js';
import { DeadlineAlertEntity } from './deadline-alert.entity.js';

export type DeadlineSubject = 'MATCH_REQUEST' | 'CHALLENGE_APPLICATION';

/** One overdue case on the AUTHORITY's desk. */
export interface OverdueItem {
  subjectType: DeadlineSubject;
  id: string;
  kind: DeadlineKind;
  deadline: DeadlineStage;
  dueAt: Date;
  /** Working days past the deadline (one decimal, rounded down). */
  workingDaysOverdue: number;
  ownerOrganizationId: string;
  /** The requesting or applying firm. */
  firmOrganizationId: string;
  /** The firm's 行政区划代码. */
  regionCode: string;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export interface OverdueFilter {
  regionCode?: string | null;
  ownerOrganizationId?: string | null;
  kind?: DeadlineKind | null;
}

export interface OverduePage {
  rows: OverdueItem[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface SweepReport {
  examined: number;
  reminders: number;
  escalations: number;
}

/** At most this many overdue cases are examined per sweep; the next run continues (most overdue first). */
export const SWEEP_BATCH = 2000;

/**
 * Every open case with its running deadline: match requests (PENDING: respond; ACCEPTED: decide, until the
 * provider records its credit decision or service delivery; not while the owner waits on the firm) and 揭榜 applications (SUBMITTED: respond; SHORTLISTED: decide; not paused),
 * overdue at $1. Columns: subject_type, id, kind, owner_id, firm_id, region_code, deadline, due_at.
 */
const OVERDUE_SQL = `
  SELECT 'MATCH_REQUEST'::text AS subject_type, r.id,
         CASE WHEN r.listing_kind::text = 'CHALLENGE' THEN 'CHALLENGE_APPLICATION' ELSE r.listing_kind::text END AS kind,
         r.owner_organization_id AS owner_id, r.enterprise_organization_id AS firm_id, r.enterprise_region_code::text AS region_code,
         CASE WHEN r.status = 'PENDING' THEN 'RESPOND' ELSE 'DECIDE' END AS deadline,
         CASE WHEN r.status = 'PENDING' THEN r.respond_by ELSE r.decide_by END AS due_at
    FROM match_requests r
   WHERE r.info_requested_at IS NULL
     AND ((r.status = 'PENDING' AND r.respond_by < $1) OR (r.status = 'ACCEPTED' AND r.outcome_recorded_at IS NULL AND r.decide_by < $1))
  UNION ALL
  SELECT 'CHALLENGE_APPLICATION'::text, a.id, 'CHALLENGE_APPLICATION', l.owner_organization_id, a.applicant_organization_id, o.region_code::text,
         CASE WHEN a.status = 'SUBMITTED' THEN 'RESPOND' ELSE 'DECIDE' END,
         CASE WHEN a.status = 'SUBMITTED' THEN a.respond_by ELSE a.decide_by END
    FROM challenge_applications a
    JOIN listings l ON l.id = a.challenge_id
    JOIN organizations o ON o.id = a.applicant_organization_id
   WHERE a.info_requested_at IS NULL
     AND ((a.status = 'SUBMITTED' AND a.respond_by < $1) OR (a.status = 'SHORTLISTED' AND a.decide_by < $1))`;

/**
 * Deadlines at work: the periodic sweep that reminds owners of overdue cases and escalates those
 * still overdue a working day after the reminder to the AUTHORITY, and the AUTHORITY's overdue desk.
 * "Now" is the injected clock's, so tests move through working days without sleeping.
 */
@Injectable()
export class DeadlineDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * Finds overdue cases and takes the next step of each, once: a REMINDER to the owner when none was
   * sent for this deadline; an ESCALATION to the AUTHORITY when the reminder is at least
   * {@link ESCALATE_AFTER_WORKING_DAYS} working day old and the case is still overdue. Each step is
   * a `deadline_alerts` row (unique per case, deadline, due instant and step), a timeline entry and a
   * `deadline.overdue` outbox event, written in one transaction under the case's row lock: a
   * second sweep, concurrent or later, finds the row and sends nothing.
   */
  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    const candidates: Array<{ subject_type: DeadlineSubject; id: string; owner_id: string; deadline: DeadlineStage; due_at: Date }> = await this.dataSource.query(
      `SELECT x.subject_type, x.id, x.owner_id, x.deadline, x.due_at FROM (${OVERDUE_SQL}) x
        WHERE NOT EXISTS (SELECT 1 FROM deadline_alerts d WHERE d.subject_id = x.id AND d.deadline = x.deadline AND d.due_at = x.due_at AND d.step = 'ESCALATION')
        ORDER BY x.due_at, x.id LIMIT ${SWEEP_BATCH}`,
      [now],
    );
    const report: SweepReport = { examined: candidates.length, reminders: 0, escalations: 0 };
    for (const c of candidates) {
      const step = await inTransaction(this.dataSource, (m) => this.step(m, c.subject_type, c.id, now));
      if (step === 'REMINDER') report.reminders++;
      if (step === 'ESCALATION') report.escalations++;
    }
    return report;
  }

  private async step(m: import('typeorm').EntityManager, subjectType: DeadlineSubject, id: string, now: Date): Promise<'REMINDER' | 'ESCALATION' | null> {
    // Lock the case and read its deadline again: it may have been answered since the candidate query.
    const table = subjectType === 'MATCH_REQUEST' ? 'match_requests' : 'challenge_applications';
    await m.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    const [current]: Array<{ owner_id: string; deadline: DeadlineStage; due_at: Date }> = await m.query(
      `SELECT x.owner_id, x.deadline, x.due_at FROM (${OVERDUE_SQL}) x WHERE x.id = $2 AND x.subject_type = $3`,
      [now, id, subjectType],
    );
    if (!current) return null;
    const alerts = await m.find(DeadlineAlertEntity, { where: { subjectType, subjectId: id, deadline: current.deadline, dueAt: current.due_at } });
    const reminder = alerts.find((a) => a.step === 'REMINDER');
    let step: 'REMINDER' | 'ESCALATION';
    if (!reminder) step = 'REMINDER';
    else if (!alerts.some((a) => a.step === 'ESCALATION') && this.calendar.workingMsBetween(reminder.sentAt, now) >= ESCALATE_AFTER_WORKING_DAYS * WORKING_DAY_MS) step = 'ESCALATION';
    else return null;
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(DeadlineAlertEntity)
      .values({ subjectType, subjectId: id, ownerOrganizationId: current.owner_id, deadline: current.deadline, dueAt: current.due_at, step, sentAt: now })
      .orIgnore()
      .returning('id')
      .execute();
    const alertId = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!alertId) return null;
    const overdue = workingDaysOverdue(this.calendar, current.due_at, now);
    const what = current.deadline === 'RESPOND' ? '答复' : '办理';
    await recordTimeline(m, {
      subjectType,
      subjectId: id,
      kind: step,
      note:
        step === 'REMINDER'
          ? `已超过${what}时限 ${overdue} 个工作日，平台已提醒发布方 (past the ${current.deadline === 'RESPOND' ? 'response' : 'decision'} deadline by ${overdue} working days; the owner was reminded)`
          : `提醒后仍未${what}，已报主管部门督办 (still overdue after the reminder; escalated to the authority)`,
      data: { deadline: current.deadline, dueAt: current.due_at.toISOString(), workingDaysOverdue: overdue },
    });
    await recordEvent(m, {
      type: 'deadline.overdue',
      aggregateType: subjectType === 'MATCH_REQUEST' ? 'match-request' : 'challenge-application',
      aggregateId: id,
      data: {
        alertId,
        subjectType,
        subjectId: id,
        ownerOrganizationId: current.owner_id,
        deadline: current.deadline,
        step,
        dueAt: current.due_at.toISOString(),
        workingDaysOverdue: overdue,
      },
    });
    return step;
  }

  /**
   * The AUTHORITY's overdue desk: open match requests and 揭榜 applications past their running
   * deadline (not while the owner waits on the firm), most overdue first, with working days overdue
   * and whether the owner was reminded and the case escalated. Filters: the firm's region (a city
   * includes its districts), the owning institution, the kind.
   */
  async overdue(actor: Actor, filter: OverdueFilter, first: number, after?: string | null): Promise<OverduePage> {
    authorizeQuery(actor, 'overdueRequests');
    checkPageSize(first);
    const params: unknown[] = [this.clock.now()];
    const where: string[] = [];
    if (filter.regionCode != null) {
      const problem = describeRegionCodeProblem(filter.regionCode);
      if (problem) throw badInput(problem, 'filter.regionCode');
      params.push(`${regionStem(filter.regionCode)}%`);
      where.push(`x.region_code LIKE $${params.length}`);
    }
    if (filter.ownerOrganizationId != null) {
      params.push(parseId(String(filter.ownerOrganizationId), 'filter.ownerOrganizationId'));
      where.push(`x.owner_id = $${params.length}`);
    }
    if (filter.kind != null) {
      if (!(DEADLINE_KINDS as readonly string[]).includes(filter.kind)) throw badInput(`类别只能是${DEADLINE_KINDS.map((k) => DEADLINE_KIND_LABELS[k]).join('、')}之一 (kind must be one of ${DEADLINE_KINDS.join(', ')})`, 'filter.kind');
      params.push(filter.kind);
      where.push(`x.kind = $${params.length}`);
    }
    const base = `FROM (${OVERDUE_SQL}) x ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n ${base}`, params);
    const pageParams = [...params];
    let cursorClause = '';
    if (after) {
      const c = decodeCursor(after);
      pageParams.push(c.dueAt, c.id);
      cursorClause = `${where.length ? 'AND' : 'WHERE'} (x.due_at, x.id) > ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT x.*,
              (SELECT max(d.sent_at) FROM deadline_alerts d WHERE d.subject_id = x.id AND d.deadline = x.deadline AND d.due_at = x.due_at AND d.step = 'REMINDER') AS reminded_at,
              (SELECT max(d.sent_at) FROM deadline_alerts d WHERE d.subject_id = x.id AND d.deadline = x.deadline AND d.due_at = x.due_at AND d.step = 'ESCALATION') AS escalated_at
         ${base} ${cursorClause}
        ORDER BY x.due_at, x.id LIMIT ${first + 1}`,
      pageParams,
    );
    const now = params[0] as Date;
    const items: OverdueItem[] = rows.slice(0, first).map((r) => ({
      subjectType: r.subject_type as DeadlineSubject,
      id: r.id as string,
      kind: r.kind as DeadlineKind,
      deadline: r.deadline as DeadlineStage,
      dueAt: r.due_at as Date,
      workingDaysOverdue: workingDaysOverdue(this.calendar, r.due_at as Date, now),
      ownerOrganizationId: r.owner_id as string,
      firmOrganizationId: r.firm_id as string,
      regionCode: String(r.region_code),
      remindedAt: (r.reminded_at as Date | null) ?? null,
      escalatedAt: (r.escalated_at as Date | null) ?? null,
    }));
    const last = items[items.length - 1];
    return { rows: items, totalCount: n as number, hasNextPage: rows.length > first, endCursor: last ? overdueCursor(last) : null };
  }
}

export function overdueCursor(item: Pick<OverdueItem, 'dueAt' | 'id'>): string {
  return Buffer.from(`o|${item.dueAt.toISOString()}|${item.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { dueAt: string; id: string } {
  const m = /^o\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(Buffer.from(String(cursor).slice(0, 200), 'base64url').toString());
  if (!m) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
  return { dueAt: m[1]!, id: m[2]! };
}
