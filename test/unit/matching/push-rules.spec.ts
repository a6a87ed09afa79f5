import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../libs/platform/src/config/config.js';
import {
  DEFAULT_PUSH_PREFERENCES,
  DEFAULT_PUSH_RULES,
  applyPreferences,
  beijingMinute,
  decidePushes,
  formatClock,
  inQuietHours,
  parseClock,
  pushRulesFrom,
  wants,
  type PushRules,
} from '../../../libs/matching/src/pushes/push-rules.js';

const RULES: PushRules = { thresholds: { CREDIT_PRODUCT: 60, SERVICE_OFFERING: 60, CHALLENGE: 50, PARK_VACANCY: 50 }, dailyCap: 2 };

describe('decidePushes: threshold per kind, daily cap, already requested', () => {
  it.each([
    // [kind, score, pushed today, requested, expected]
    ['CREDIT_PRODUCT', 60, 0, false, 'pushed'],
    ['CREDIT_PRODUCT', 59.9, 0, false, 'BELOW_THRESHOLD'],
    ['CHALLENGE', 50, 0, false, 'pushed'],
    ['CHALLENGE', 49.99, 0, false, 'BELOW_THRESHOLD'],
    ['CREDIT_PRODUCT', 90, 1, false, 'pushed'],
    ['CREDIT_PRODUCT', 90, 2, false, 'DAILY_CAP'],
    ['CREDIT_PRODUCT', 90, 0, true, 'ALREADY_REQUESTED'],
    // A requested listing is not pushed even below the threshold or over the cap: one reason, the first.
    ['CREDIT_PRODUCT', 10, 5, true, 'ALREADY_REQUESTED'],
    ['CREDIT_PRODUCT', Number.NaN, 0, false, 'BELOW_THRESHOLD'],
  ] as const)('%s score %p, %p pushed today, requested %p → %s', (kind, score, today, requested, expected) => {
    const [d] = decidePushes(kind, [{ organizationId: 'f', score }], new Map([['f', today]]), new Set(requested ? ['f'] : []), RULES);
    expect(d!.pushed ? 'pushed' : d!.skip).toBe(expected);
  });
});

describe('quiet hours and wants', () => {
  it.each([
    [22 * 60, 7 * 60, 21 * 60 + 59, false],
    [22 * 60, 7 * 60, 22 * 60, true],
    [22 * 60, 7 * 60, 0, true],
    [22 * 60, 7 * 60, 6 * 60 + 59, true],
    [22 * 60, 7 * 60, 7 * 60, false],
    [12 * 60, 14 * 60, 11 * 60 + 59, false],
    [12 * 60, 14 * 60, 12 * 60, true],
    [12 * 60, 14 * 60, 14 * 60, false],
  ])('quiet %p–%p at minute %p → %p', (quietFrom, quietTo, minute, expected) => {
    expect(inQuietHours({ quietFrom, quietTo }, minute)).toBe(expected);
  });

  it('no quiet hours is never quiet; Beijing minutes from UTC', () => {
    expect(inQuietHours({ quietFrom: null, quietTo: null }, 0)).toBe(false);
    expect(beijingMinute(new Date('2026-12-04T16:00:00Z'))).toBe(0);
    expect(beijingMinute(new Date('2026-12-04T15:59:00Z'))).toBe(1439);
  });

  it.each([
    [null, 0, 'CHALLENGE', 0, true],
    [['CREDIT_PRODUCT'], 0, 'CHALLENGE', 90, false],
    [['CREDIT_PRODUCT'], 70, 'CREDIT_PRODUCT', 70, true],
    [['CREDIT_PRODUCT'], 70, 'CREDIT_PRODUCT', 69.9, false],
  ] as const)('kinds %p, min %p: %s at %p → %p', (kinds, minScore, kind, score, expected) => {
    expect(wants({ kinds: kinds as never, minScore }, kind, score)).toBe(expected);
  });
});

describe('clock texts', () => {
  it.each([
    ['00:00', 0],
    ['23:59', 1439],
    ['07:05', 425],
    ['24:00', null],
    ['7:00', null],
    ['12:60', null],
    ['12:00 ', null],
    ['', null],
  ])('%p → %p', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
    if (minutes !== null) expect(formatClock(minutes)).toBe(text);
  });
});

describe('applyPreferences: absent fields keep theirs, every problem names its field', () => {
  const ok = (input: Parameters<typeof applyPreferences>[1]) => {
    const r = applyPreferences(DEFAULT_PUSH_PREFERENCES, input);
    if ('field' in r) throw new Error(r.message);
    return r;
  };
  const problem = (input: Parameters<typeof applyPreferences>[1]) => {
    const r = applyPreferences(DEFAULT_PUSH_PREFERENCES, input);
    if (!('field' in r)) throw new Error('accepted');
    return r;
  };

  it('accepts the edges and keeps what is not given', () => {
    expect(ok({ minScore: 0 }).minScore).toBe(0);
    expect(ok({ minScore: 100 }).minScore).toBe(100);
    expect(ok({ kinds: ['CHALLENGE', 'CREDIT_PRODUCT', 'CHALLENGE'] }).kinds).toEqual(['CREDIT_PRODUCT', 'CHALLENGE']);
    expect(ok({ kinds: null }).kinds).toBeNull();
    expect(ok({ quietHoursStart: '22:00', quietHoursEnd: '07:00' })).toMatchObject({ quietFrom: 1320, quietTo: 420, minScore: 0, digestByMail: false });
    const cleared = applyPreferences({ ...DEFAULT_PUSH_PREFERENCES, quietFrom: 1, quietTo: 2 }, { quietHoursStart: null, quietHoursEnd: null });
    expect(cleared).toMatchObject({ quietFrom: null, quietTo: null });
    expect(applyPreferences({ ...DEFAULT_PUSH_PREFERENCES, minScore: 40 }, { digestByMail: true })).toMatchObject({ minScore: 40, digestByMail: true });
  });

  it.each([
    [{ minScore: 100.01 }, 'input.minScore', '0–100'],
    [{ minScore: -0.01 }, 'input.minScore', '0–100'],
    [{ minScore: Number.NaN }, 'input.minScore', '0–100'],
    [{ kinds: [] }, 'input.kinds', '金融产品、服务产品、揭榜榜单、园区房源'],
    [{ kinds: ['LOANS'] }, 'input.kinds', '未知的类别'],
    [{ quietHoursStart: '22:00' }, 'input.quietHoursEnd', '同时给出'],
    [{ quietHoursEnd: '07:00' }, 'input.quietHoursStart', '同时给出'],
    [{ quietHoursStart: '22:00', quietHoursEnd: null }, 'input.quietHoursEnd', '同时给出'],
    [{ quietHoursStart: '2200', quietHoursEnd: '07:00' }, 'input.quietHoursStart', 'HH:MM'],
    [{ quietHoursStart: '22:00', quietHoursEnd: '07:60' }, 'input.quietHoursEnd', 'HH:MM'],
    [{ quietHoursStart: '08:00', quietHoursEnd: '08:00' }, 'input.quietHoursEnd', '不能等于'],
  ])('%p → %s', (input, field, words) => {
    const p = problem(input as never);
    expect(p.field).toBe(field);
    expect(p.message).toContain(words);
    // Kinds are named, never listed by code alone in the Chinese part.
    expect(p.message.split('(')[0]).not.toMatch(/CREDIT_PRODUCT/);
  });
});

describe('push rules from the configuration (PUSH_THRESHOLDS, PUSH_DAILY_CAP)', () => {
  it('the defaults when nothing is set; an override replaces only the kinds it names', () => {
    expect(pushRulesFrom(loadConfig({}).pushes)).toEqual(DEFAULT_PUSH_RULES);
    const rules = pushRulesFrom(loadConfig({ PUSH_THRESHOLDS: '{"CREDIT_PRODUCT":72.5,"PARK_VACANCY":0}', PUSH_DAILY_CAP: '3' }).pushes);
    expect(rules).toEqual({ thresholds: { CREDIT_PRODUCT: 72.5, SERVICE_OFFERING: 60, CHALLENGE: 50, PARK_VACANCY: 0 }, dailyCap: 3 });
    // The configured rules decide: 70 is below the raised credit threshold, and the third push of the day is capped.
    expect(decidePushes('CREDIT_PRODUCT', [{ organizationId: 'f', score: 70 }], new Map(), new Set(), rules)[0]!.skip).toBe('BELOW_THRESHOLD');
    expect(decidePushes('CREDIT_PRODUCT', [{ organizationId: 'f', score: 80 }], new Map([['f', 3]]), new Set(), rules)[0]!.skip).toBe('DAILY_CAP');
    // The defaults are not changed by an override.
    expect(DEFAULT_PUSH_RULES.thresholds.CREDIT_PRODUCT).toBe(60);
  });

  it.each([
    [{ PUSH_THRESHOLDS: '{"LOAN":60}' }, /PUSH_THRESHOLDS names an unknown listing kind LOAN; known: CREDIT_PRODUCT/],
    [{ PUSH_THRESHOLDS: '{"CHALLENGE":101}' }, /PUSH_THRESHOLDS the threshold of CHALLENGE must be a score within 0\.\.100 \(got 101\)/],
    [{ PUSH_THRESHOLDS: '{"CHALLENGE":-1}' }, /within 0\.\.100 \(got -1\)/],
  ])('refuses %p at start, naming the variable', (env, message) => {
    expect(() => pushRulesFrom(loadConfig(env).pushes)).toThrow(ConfigError);
    expect(() => pushRulesFrom(loadConfig(env).pushes)).toThrow(message);
  });

  it.each([
    [{ PUSH_THRESHOLDS: '[60]' }, /PUSH_THRESHOLDS must be a JSON object of numbers/],
    [{ PUSH_THRESHOLDS: '{"CHALLENGE":"high"}' }, /PUSH_THRESHOLDS must be a JSON object of numbers/],
    [{ PUSH_THRESHOLDS: 'CHALLENGE=50' }, /PUSH_THRESHOLDS must be a JSON object of numbers/],
    [{ PUSH_DAILY_CAP: '0' }, /PUSH_DAILY_CAP/],
    [{ PUSH_DAILY_CAP: '101' }, /PUSH_DAILY_CAP/],
    [{ PUSH_DAILY_CAP: '2.5' }, /PUSH_DAILY_CAP/],
  ])('the platform config refuses %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
