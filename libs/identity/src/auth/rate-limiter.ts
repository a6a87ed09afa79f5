import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../../../platform/src/index.js';

/** A fixed-window ceiling: at most `limit` attempts per `windowMinutes` for one subject. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMinutes: number;
}

/**
 * The ceilings, as data. `<operation>.<subject kind>`: a caller is throttled per client address and
 * per target (e-mail, USCC, organization), so neither a flood from one address nor a slow spread over
 * many addresses at one target gets through. Counted per attempt, whatever its outcome, so answers
 * never differ between existing and unknown targets.
 */
export const RATE_LIMITS = {
  'register.address': { limit: 10, windowMinutes: 60 },
  'register.email': { limit: 5, windowMinutes: 60 },
  'register.uscc': { limit: 5, windowMinutes: 60 },
  'passwordReset.address': { limit: 5, windowMinutes: 60 },
  'passwordReset.email': { limit: 3, windowMinutes: 60 },
  /** Wrong current passwords in changePassword, per user (a stolen token must not brute-force the password). */
  'changePassword.user': { limit: 10, windowMinutes: 60 },
  'inviteMember.address': { limit: 30, windowMinutes: 60 },
  'inviteMember.organization': { limit: 50, windowMinutes: 24 * 60 },
  'inviteMember.email': { limit: 3, windowMinutes: 24 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** One counter to bump: a rule and what it counts (an address, a normalised e-mail, a USCC, an id). */
export interface RateLimitSubject {
  readonly rule: RateLimitName;
  readonly subject: string;
}

/** The row key: the rule and a hash of the subject, so no address or e-mail is stored in clear. */
export function rateLimitKey(rule: RateLimitName, subject: string): string {
  return `${rule}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`;
}

/** The ceiling in force: the rule's limit times the configured multiplier. */
export function ceilingOf(rule: RateLimitName, multiplier = 1): number {
  return RATE_LIMITS[rule].limit * multiplier;
}

/**
 * RATE_LIMITED with `retryAfterSeconds`. One text for every rule and target, so it never tells
 * whether an address or account exists.
 */
export function rateLimited(seconds: number): AppError {
  const s = Math.max(1, Math.ceil(seconds));
  const minutes = Math.ceil(s / 60);
  return new AppError('RATE_LIMITED', `操作过于频繁，请 ${minutes} 分钟后再试 (too many attempts; try again in ${minutes} min)`, {
    retryAfterSeconds: s,
  });
}

/** Over a ceiling: the longest wait among the counters past their limit, else undefined. */
export function exceeded(
  counters: ReadonlyArray<{ key: string; hits: number; seconds: number }>,
  ceilings: ReadonlyMap<string, number>,
): number | undefined {
  const over = counters.filter((c) => c.hits > (ceilings.get(c.key) ?? Infinity));
  return over.length === 0 ? undefined : Math.max(...over.map((c) => c.seconds));
}

const SWEEP_EVERY = 200;

/**
 * The reusable throttle: fixed-window counters in PostgreSQL (`rate_limits`), shared by every API
 * process. {@link consume} bumps every counter in one statement and throws RATE_LIMITED when any is
 * past its ceiling; call it after input validation and before any write. Counters are written
 * outside the caller's transaction on purpose: a refused or failed attempt still counts.
 */
export class RateLimiter {
  private calls = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly multiplier = 1,
  ) {}

  async consume(subjects: readonly RateLimitSubject[]): Promise<void> {
    const byKey = new Map<string, RateLimitName>();
    for (const s of subjects) byKey.set(rateLimitKey(s.rule, s.subject), s.rule);
    if (byKey.size === 0) return;
    const keys = [...byKey.keys()];
    const rows: Array<{ key: string; hits: number; seconds: number }> = await this.dataSource.query(
      `INSERT INTO rate_limits AS t (key, window_start, window_end, hits)
       SELECT k, now(), now() + make_interval(mins => w), 1 FROM unnest($1::text[], $2::int[]) AS r(k, w)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN t.window_end <= now() THEN now() ELSE t.window_start END,
         window_end = CASE WHEN t.window_end <= now() THEN EXCLUDED.window_end ELSE t.window_end END,
         hits = CASE WHEN t.window_end <= now() THEN 1 ELSE t.hits + 1 END
       RETURNING key, hits, ceil(extract(epoch FROM window_end - now()))::int AS seconds`,
      [keys, keys.map((k) => RATE_LIMITS[byKey.get(k)!].windowMinutes)],
    );
    if (++this.calls % SWEEP_EVERY === 0) await this.sweep();
    const ceilings = new Map(keys.map((k) => [k, ceilingOf(byKey.get(k)!, this.multiplier)]));
    const wait = exceeded(rows, ceilings);
    if (wait !== undefined) throw rateLimited(wait);
  }

  /**
   * RATE_LIMITED when one more attempt would pass a ceiling, without counting one: for limits on
   * failures (count them with {@link consume} when they happen, check before each attempt).
   */
  async check(subjects: readonly RateLimitSubject[]): Promise<void> {
    const byKey = new Map(subjects.map((s) => [rateLimitKey(s.rule, s.subject), s.rule] as const));
    if (byKey.size === 0) return;
    const rows: Array<{ key: string; hits: number; seconds: number }> = await this.dataSource.query(
      `SELECT key, hits + 1 AS hits, ceil(extract(epoch FROM window_end - now()))::int AS seconds FROM rate_limits WHERE key = ANY($1) AND window_end > now()`,
      [[...byKey.keys()]],
    );
    const wait = exceeded(rows, new Map([...byKey].map(([k, rule]) => [k, ceilingOf(rule, this.multiplier)])));
    if (wait !== undefined) throw rateLimited(wait);
  }

  /** Deletes a bounded batch of counters whose window ended. */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE window_end < now() LIMIT 1000)`,
    );
  }
}
