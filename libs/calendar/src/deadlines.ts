import { WORKING_DAY_MS, type WorkingCalendar } from './working-calendar.js';

/**
 * Deadlines per kind of case, in working days (DOMAIN: 江苏 publishes a 3-working-day average to
 * credit; 浙江 企呼我应 asks first feedback in 3 working days and closure in 15). `respond`: the
 * owner's first answer (accept/decline a match request; shortlist or decide a 揭榜 application).
 * `decide`: the owner's decision or progress after accepting (a credit decision, a service or a
 * lease carried to completion, a 揭榜 application accepted or rejected). Both count from the case's
 * creation; time waiting on the firm (the owner asked for information) does not count.
 */
export const DEADLINE_KINDS = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'PARK_VACANCY', 'CHALLENGE_APPLICATION'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Each deadline kind by name, for texts people read. */
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  CREDIT_PRODUCT: '金融产品对接',
  SERVICE_OFFERING: '服务产品对接',
  PARK_VACANCY: '园区空间对接',
  CHALLENGE_APPLICATION: '揭榜申请',
};

export interface DeadlinePolicy {
  /** Working days to the first answer. */
  readonly respondWorkingDays: number;
  /** Working days to the decision (or, for services and vacancies, to completion). */
  readonly decideWorkingDays: number;
  readonly labelZh: string;
}

export const DEADLINE_POLICY: { readonly [K in DeadlineKind]: DeadlinePolicy } = {
  CREDIT_PRODUCT: { respondWorkingDays: 2, decideWorkingDays: 5, labelZh: '融资对接' },
  SERVICE_OFFERING: { respondWorkingDays: 2, decideWorkingDays: 15, labelZh: '服务对接' },
  PARK_VACANCY: { respondWorkingDays: 2, decideWorkingDays: 10, labelZh: '园区空间对接' },
  CHALLENGE_APPLICATION: { respondWorkingDays: 5, decideWorkingDays: 20, labelZh: '揭榜申请' },
};

/**
 * Working days an item stays overdue after its reminder before the AUTHORITY is told (escalation):
 * the owner gets one full working day to act on the reminder.
 */
export const ESCALATE_AFTER_WORKING_DAYS = 1;

/** Which deadline a case is running against now. */
export const DEADLINE_STAGES = ['RESPOND', 'DECIDE'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export interface Deadlines {
  respondBy: Date;
  decideBy: Date;
}

/** The deadlines of a case of `kind` opened at `openedAt`. */
export function deadlinesFor(calendar: WorkingCalendar, kind: DeadlineKind, openedAt: Date): Deadlines {
  const p = DEADLINE_POLICY[kind];
  return { respondBy: calendar.addWorkingDuration(openedAt, p.respondWorkingDays), decideBy: calendar.addWorkingDuration(openedAt, p.decideWorkingDays) };
}

/**
 * Deadlines moved on by the working time of a pause (from `pausedAt` to `resumedAt`): the clock
 * stood still while the owner waited on the firm.
 */
export function resumeDeadlines(calendar: WorkingCalendar, deadlines: Deadlines, pausedAt: Date, resumedAt: Date): Deadlines {
  const paused = calendar.workingMsBetween(pausedAt, resumedAt);
  return { respondBy: calendar.addWorkingMs(deadlines.respondBy, paused), decideBy: calendar.addWorkingMs(deadlines.decideBy, paused) };
}

/** A case's deadline columns while the owner may be waiting on the firm (`infoRequestedAt` set). */
export interface PausableCase {
  respondBy: Date | null;
  decideBy: Date | null;
  infoRequestedAt: Date | null;
}

/**
 * Ends a case's pause at `at` (the firm answered, or the owner acted): both deadlines move on by the
 * paused working time and the pause is cleared. A case that is not paused is left as it is.
 */
export function endPause(calendar: WorkingCalendar, c: PausableCase, at: Date): void {
  if (!c.infoRequestedAt) return;
  if (c.respondBy && c.decideBy) Object.assign(c, resumeDeadlines(calendar, { respondBy: c.respondBy, decideBy: c.decideBy }, c.infoRequestedAt, at));
  c.infoRequestedAt = null;
}

/** The deadline a case in `stage` is overdue against at `now` (null: not overdue, no stage, or paused). */
export function overdueDeadline(
  stage: DeadlineStage | null,
  deadlines: { respondBy: Date | null; decideBy: Date | null },
  paused: boolean,
  now: Date,
): { stage: DeadlineStage; dueAt: Date } | null {
  if (!stage || paused) return null;
  const dueAt = stage === 'RESPOND' ? deadlines.respondBy : deadlines.decideBy;
  return dueAt && +now > +dueAt ? { stage, dueAt } : null;
}

/**
 * Working time from the opening to the first answer, in minutes, read off the response deadline:
 * the deadline already carries the pauses, so budget − (deadline − answer) in working time is the
 * working time the owner took, pauses excluded.
 */
export function responseWorkingMinutes(calendar: WorkingCalendar, kind: DeadlineKind, respondBy: Date, respondedAt: Date): number {
  const budget = DEADLINE_POLICY[kind].respondWorkingDays * WORKING_DAY_MS;
  const ms = +respondedAt <= +respondBy ? budget - calendar.workingMsBetween(respondedAt, respondBy) : budget + calendar.workingMsBetween(respondBy, respondedAt);
  return Math.max(0, Math.round(ms / 60_000));
}

/** Working days overdue (one decimal, rounded down) between a deadline and `now`. */
export function workingDaysOverdue(calendar: WorkingCalendar, dueAt: Date, now: Date): number {
  return Math.floor((calendar.workingMsBetween(dueAt, now) / WORKING_DAY_MS) * 10) / 10;
}
