/**
 * Coded reasons for withholding a payout line (暂缓/不予发放), in the pattern of
 * libs/codes decline-reasons.ts: stable codes, Chinese labels, 其他 needs a short text. Pure data.
 */
export interface WithholdReason {
  readonly code: string;
  readonly label: string;
  readonly english: string;
  readonly requiresText: boolean;
}

export const WITHHOLD_REASONS: readonly WithholdReason[] = [
  { code: 'POOR_CREDIT', label: '信用不良', english: 'poor credit record (失信/经营异常)', requiresText: false },
  { code: 'ALREADY_REWARDED', label: '已获同类奖励', english: 'already received a reward of the same kind', requiresText: false },
  { code: 'OUTSIDE_REGION', label: '注册地或税收不在本地', english: 'registered or taxed outside the region', requiresText: false },
  { code: 'FACTS_DISPUTED', label: '认定或投入信息待核实', english: 'title or recorded spend under verification', requiresText: false },
  { code: 'WITHHOLD_OTHER', label: '其他', english: 'other (text required)', requiresText: true },
];

const BY_CODE = new Map(WITHHOLD_REASONS.map((r) => [r.code, r]));

export function withholdReasonLabel(code: string | null | undefined): string | null {
  return code == null ? null : (BY_CODE.get(code)?.label ?? null);
}

/** Why `code` (with trimmed `text`) is not acceptable, Chinese then English; null when it is. */
export function describeWithholdReasonProblem(code: unknown, text: string | null | undefined): string | null {
  const choices = WITHHOLD_REASONS.map((r) => `${r.code}（${r.label}）`).join('、');
  if (code === undefined || code === null || code === '') return `暂缓发放须选择理由代码：${choices} (a withhold reason code is required)`;
  if (typeof code !== 'string') return '理由代码须为文本 (the reason code must be a string)';
  const found = BY_CODE.get(code);
  if (!found) return `未知的理由代码 ${Array.from(code).slice(0, 32).join('')}；可选：${choices} (unknown withhold reason code)`;
  if (found.requiresText && (text == null || text === '')) return `选择「其他」（${code}）时请填写具体理由 (${code} requires a short text saying why)`;
  return null;
}
