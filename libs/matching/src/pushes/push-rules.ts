/**
 * Pushed recommendations (issue 18 item 3): which new entries of a firm's match set are pushed, and
 * the members' preferences. Pure: no framework, no I/O (table-driven unit tests).
 */
import type { MatchListingKind } from '../core/match-types.js';
import { ConfigError, echoInput } from '../../../platform/src/index.js';

export const PUSH_KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];

/** What each kind is called in texts people read. */
export const PUSH_KIND_LABELS: Record<MatchListingKind, string> = {
  CREDIT_PRODUCT: '金融产品',
  SERVICE_OFFERING: '服务产品',
  CHALLENGE: '揭榜榜单',
  PARK_VACANCY: '园区房源',
};

export interface PushRules {
  /** A new entry is pushed only at or above this score (0–100), per listing kind. */
  thresholds: Record<MatchListingKind, number>;
  /** Pushes per firm per Beijing day, all kinds together. */
  dailyCap: number;
}

/**
 * The platform's default push rules (reviewed with the city): a strong match only (≥ 60 for credit
 * products and services, where sets are crowded; ≥ 50 for challenges and park space, rarer), and at
 * most 5 pushes per firm per day — Zhejiang's 15 M untargeted pushes are what we must not become.
 * The city tunes them without a release through PUSH_THRESHOLDS and PUSH_DAILY_CAP ({@link pushRulesFrom}).
 */
export const DEFAULT_PUSH_RULES: PushRules = {
  thresholds: { CREDIT_PRODUCT: 60, SERVICE_OFFERING: 60, CHALLENGE: 50, PARK_VACANCY: 50 },
  dailyCap: 5,
};

/**
 * The push rules of the configuration: the defaults with the thresholds it overrides (PUSH_THRESHOLDS,
 * a JSON object of kind → score) and its daily cap (PUSH_DAILY_CAP, range-checked by the platform's
 * config). Throws a ConfigError naming the variable for an unknown kind or a threshold outside 0–100, so a
 * bad value stops the start instead of pushing by surprise.
 */
export function pushRulesFrom(config: { thresholds?: Record<string, number> | undefined; dailyCap: number }): PushRules {
  const thresholds = { ...DEFAULT_PUSH_RULES.thresholds };
  for (const [kind, score] of Object.entries(config.thresholds ?? {})) {
    if (!(PUSH_KINDS as readonly string[]).includes(kind)) throw new ConfigError('PUSH_THRESHOLDS', `names an unknown listing kind ${kind}; known: ${PUSH_KINDS.join(', ')}`);
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) throw new ConfigError('PUSH_THRESHOLDS', `the threshold of ${kind} must be a score within 0..100 (got ${String(score)})`);
    thresholds[kind as MatchListingKind] = score;
  }
  if (!Number.isInteger(config.dailyCap) || config.dailyCap < 1) throw new ConfigError('PUSH_DAILY_CAP', `must be a whole number ≥ 1 (got ${String(config.dailyCap)})`);
  return { thresholds, dailyCap: config.dailyCap };
}

export type PushSkipReason = 'BELOW_THRESHOLD' | 'DAILY_CAP' | 'ALREADY_REQUESTED';

export interface PushCandidate {
  organizationId: string;
  score: number;
}

export interface PushDecision {
  organizationId: string;
  pushed: boolean;
  skip?: PushSkipReason;
}

/**
 * Decides the pushes of one listing's new entries: at or above the kind's threshold, not already
 * requested (applied to) by the firm, and within the firm's daily cap given what it was pushed
 * today. One listing gives each firm at most one push.
 */
export function decidePushes(
  kind: MatchListingKind,
  candidates: readonly PushCandidate[],
  pushedToday: ReadonlyMap<string, number>,
  requested: ReadonlySet<string>,
  rules: PushRules,
): PushDecision[] {
  return candidates.map((c) => {
    if (requested.has(c.organizationId)) return { organizationId: c.organizationId, pushed: false, skip: 'ALREADY_REQUESTED' };
    if (!(c.score >= rules.thresholds[kind])) return { organizationId: c.organizationId, pushed: false, skip: 'BELOW_THRESHOLD' };
    if ((pushedToday.get(c.organizationId) ?? 0) >= rules.dailyCap) return { organizationId: c.organizationId, pushed: false, skip: 'DAILY_CAP' };
    return { organizationId: c.organizationId, pushed: true };
  });
}

/** A member's preferences as stored; `kinds` null is every kind, quiet hours in minutes after Beijing midnight. */
export interface PushPreferences {
  kinds: MatchListingKind[] | null;
  minScore: number;
  digestByMail: boolean;
  quietFrom: number | null;
  quietTo: number | null;
}

export const DEFAULT_PUSH_PREFERENCES: PushPreferences = { kinds: null, minScore: 0, digestByMail: false, quietFrom: null, quietTo: null };

/** Inside quiet hours at `minute` (minutes after Beijing midnight)? From > to wraps midnight (22:00–07:00). */
export function inQuietHours(p: Pick<PushPreferences, 'quietFrom' | 'quietTo'>, minute: number): boolean {
  if (p.quietFrom === null || p.quietTo === null) return false;
  return p.quietFrom < p.quietTo ? minute >= p.quietFrom && minute < p.quietTo : minute >= p.quietFrom || minute < p.quietTo;
}

/** Whether a member wants this recommendation (kind and score); quiet hours are checked apart (live pushes only). */
export function wants(p: Pick<PushPreferences, 'kinds' | 'minScore'>, kind: string, score: number): boolean {
  return (p.kinds === null || (p.kinds as string[]).includes(kind)) && score >= p.minScore;
}

/** Minutes after Beijing midnight of an instant. */
export function beijingMinute(at: Date): number {
  const m = (at.getUTCHours() * 60 + at.getUTCMinutes() + 8 * 60) % 1440;
  return m;
}

/** "HH:MM" (00:00–23:59) as minutes after midnight; null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface PreferencesInput {
  kinds?: readonly string[] | null;
  minScore?: number | null;
  digestByMail?: boolean | null;
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
}

export type PreferenceProblem = { field: string; message: string };

/**
 * Validates a preferences update against the current preferences (absent fields keep theirs);
 * returns the new preferences or the first problem, with its field and a Chinese message naming
 * kinds by name.
 */
export function applyPreferences(current: PushPreferences, input: PreferencesInput): PushPreferences | PreferenceProblem {
  const next: PushPreferences = { ...current };
  if (input.kinds !== undefined) {
    if (input.kinds === null) next.kinds = null;
    else {
      if (input.kinds.length === 0) return { field: 'input.kinds', message: `请至少选择一个类别，或不填表示全部（${PUSH_KINDS.map((k) => PUSH_KIND_LABELS[k]).join('、')}）(kinds: at least one kind, or null for every kind)` };
      if (input.kinds.length > PUSH_KINDS.length * 2) return { field: 'input.kinds', message: `类别最多 ${PUSH_KINDS.length} 个 (kinds: at most ${PUSH_KINDS.length})` };
      const unknown = input.kinds.find((k) => !(PUSH_KINDS as readonly string[]).includes(k));
      if (unknown !== undefined) {
        return { field: 'input.kinds', message: `未知的类别；可选：${PUSH_KINDS.map((k) => PUSH_KIND_LABELS[k]).join('、')} (kinds: unknown kind; one of ${PUSH_KINDS.join(', ')})` };
      }
      next.kinds = PUSH_KINDS.filter((k) => input.kinds!.includes(k));
    }
  }
  if (input.minScore !== undefined && input.minScore !== null) {
    if (typeof input.minScore !== 'number' || !Number.isFinite(input.minScore) || input.minScore < 0 || input.minScore > 100) {
      return { field: 'input.minScore', message: `最低匹配分须在 0–100 之间，收到 ${echoInput(String(input.minScore))} (minScore must be within 0..100)` };
    }
    next.minScore = input.minScore;
  }
  if (input.digestByMail !== undefined && input.digestByMail !== null) next.digestByMail = input.digestByMail;
  const startGiven = input.quietHoursStart !== undefined;
  const endGiven = input.quietHoursEnd !== undefined;
  if (startGiven || endGiven) {
    if (!startGiven || !endGiven || (input.quietHoursStart === null) !== (input.quietHoursEnd === null)) {
      return { field: startGiven ? 'input.quietHoursEnd' : 'input.quietHoursStart', message: '免打扰时段须同时给出开始和结束时间（或同时为空以取消）(quietHoursStart and quietHoursEnd go together; both null clears them)' };
    }
    if (input.quietHoursStart === null) {
      next.quietFrom = null;
      next.quietTo = null;
    } else {
      const from = parseClock(String(input.quietHoursStart));
      if (from === null) return { field: 'input.quietHoursStart', message: `免打扰开始时间须为 HH:MM（00:00–23:59，北京时间），收到「${echoInput(String(input.quietHoursStart))}」(quietHoursStart must be HH:MM)` };
      const to = parseClock(String(input.quietHoursEnd));
      if (to === null) return { field: 'input.quietHoursEnd', message: `免打扰结束时间须为 HH:MM（00:00–23:59，北京时间），收到「${echoInput(String(input.quietHoursEnd))}」(quietHoursEnd must be HH:MM)` };
      if (from === to) return { field: 'input.quietHoursEnd', message: '免打扰结束时间不能等于开始时间 (quietHoursEnd must differ from quietHoursStart)' };
      next.quietFrom = from;
      next.quietTo = to;
    }
  }
  return next;
}
