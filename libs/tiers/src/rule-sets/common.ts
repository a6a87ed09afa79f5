/** Pieces shared by the MIIT rule sets. */
import type { Band, Rule, ThresholdRule } from '../rule-types.js';
import type { MetricId } from '../metrics.js';

/**
 * DOMAIN.md §1.2 [?]: the ZCT dataset scores an exact boundary value in the higher band (exactly
 * 3 % → 15). Bands here use inclusive edges to match; the annex wording (以上/以下) is unchecked.
 */
export const BOUNDARY_NOTE =
  '数值恰在档位边界：依《民法典》第1259条，"以上""以下"均含本数，计入措辞包含该数的较高一档';

/** Every 2026 number comes from one secondary source (DOMAIN.md §7 item 3). */
export const NOTE_2026 = '2026年标准数值来自单一二手来源，待核对《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号）原文';

/** "近3年" for events (awards, competitions, equity rounds): the one rule `eventInWindow` (DOMAIN.md §8.8). */
export const NOTE_EVENT_WINDOW =
  '"近3年"指评价日前36个月内（恰满36个月之日计入，依《民法典》第1259条"以内"含本数；按月推算，目标月无对应日期的取该月最后一日）；只填年份且该年跨越起算日的，须填写具体日期';

/** 《民法典》第1259条 and the 2011 划型 text's own pairing of "以下" with "及以上" (DOMAIN.md §8.1). */
export const NOTE_SME_SIZE =
  '依据《中小企业划型标准规定》（工信部联企业〔2011〕300号）第三条、第四条，按企业所属行业（GB/T 4754）的上年度从业人员、营业收入或资产总额判断，任一指标低于该行业上限即为中小微型企业；原文"以下"与"及以上"相对，不含本数；规定未列明的行业按"其他未列明行业"（从业人员300人以下）';

/** All tiers require an SME (DOMAIN.md §1.1), sized by the firm's industry (§8.6). */
export function smeRule(prefix: string): ThresholdRule {
  return {
    kind: 'threshold',
    code: `${prefix}.SME`,
    label: '属于中小企业（《中小企业划型标准规定》）',
    metric: 'smeSize',
    op: '==',
    value: true,
    note: NOTE_SME_SIZE,
  };
}

/** A threshold rule in one line. */
export function rule(
  code: string,
  label: string,
  metric: MetricId,
  op: ThresholdRule['op'],
  value: number | boolean,
  extra: Partial<ThresholdRule> = {},
): ThresholdRule {
  return { kind: 'threshold', code, label, metric, op, value, ...extra };
}

/** A yes/no fact that must hold. */
export const mustHold = (code: string, label: string, metric: MetricId, extra: Partial<ThresholdRule> = {}): Rule =>
  rule(code, label, metric, '==', true, extra);

/** Descending "at least" bands: `[[0.05, 20], [0.03, 15]]` then 0 points otherwise. */
export const atLeast = (...rows: Array<[number, number]>): Band[] => [
  ...rows.map(([min, points]) => ({ min, points })),
  { points: 0 },
];

/** Ascending "at most" bands (lower is better, e.g. debt ratio), then 0 points otherwise. */
export const atMost = (...rows: Array<[number, number]>): Band[] => [
  ...rows.map(([max, points]) => ({ max, points })),
  { points: 0 },
];
