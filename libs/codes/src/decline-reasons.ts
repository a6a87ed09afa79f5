/**
 * Coded reasons for turning a firm down (issue 17 item 3): one list per kind of case, each code
 * stable (stored, counted by the AUTHORITY, read by clients) with its Chinese label. Codes are
 * unique across lists, so a stored code names its list. A code whose `requiresText` is true (其他)
 * must come with a short free text. Pure data and checks: no imports.
 */

/**
 * The lists: one per listing kind a match request can be declined on (the owner answers a request
 * for its credit product, service offering, park vacancy or 揭榜 challenge), and the 揭榜
 * application's rejection, which uses the CHALLENGE list.
 */
export const DECLINE_REASON_KINDS = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'PARK_VACANCY', 'CHALLENGE'] as const;
export type DeclineReasonKind = (typeof DECLINE_REASON_KINDS)[number];

export const DECLINE_REASON_KIND_LABELS: Record<DeclineReasonKind, string> = {
  CREDIT_PRODUCT: '金融产品',
  SERVICE_OFFERING: '服务产品',
  PARK_VACANCY: '园区空间',
  CHALLENGE: '揭榜挂帅',
};

export interface DeclineReason {
  readonly code: string;
  readonly kind: DeclineReasonKind;
  /** Chinese label shown to the firm and in the AUTHORITY's figures. */
  readonly label: string;
  /** English gloss for the API description. */
  readonly english: string;
  /** 其他: the free text (reply, comment or note) is then required. */
  readonly requiresText: boolean;
}

const r = (kind: DeclineReasonKind, code: string, label: string, english: string, requiresText = false): DeclineReason => ({ code, kind, label, english, requiresText });

export const DECLINE_REASONS: readonly DeclineReason[] = [
  r('CREDIT_PRODUCT', 'CREDIT_INELIGIBLE', '不符合准入条件', 'does not meet the product\'s eligibility rules'),
  r('CREDIT_PRODUCT', 'CREDIT_INCOMPLETE_DOCUMENTS', '资料不全', 'documents incomplete'),
  r('CREDIT_PRODUCT', 'CREDIT_QUOTA_FULL', '额度已满', 'the product\'s quota is used up'),
  r('CREDIT_PRODUCT', 'CREDIT_RISK_REJECTED', '风险评估未通过', 'failed the risk assessment'),
  r('CREDIT_PRODUCT', 'CREDIT_OTHER', '其他', 'other (text required)', true),
  r('SERVICE_OFFERING', 'SERVICE_OUT_OF_SCOPE', '超出服务范围', 'outside the offering\'s scope'),
  r('SERVICE_OFFERING', 'SERVICE_FULLY_BOOKED', '排期已满', 'no capacity in the requested period'),
  r('SERVICE_OFFERING', 'SERVICE_PRICE_NOT_AGREED', '报价未达成一致', 'no agreement on price'),
  r('SERVICE_OFFERING', 'SERVICE_INCOMPLETE_DOCUMENTS', '资料不全', 'documents incomplete'),
  r('SERVICE_OFFERING', 'SERVICE_OTHER', '其他', 'other (text required)', true),
  r('PARK_VACANCY', 'PARK_AREA_MISMATCH', '面积不符', 'area does not fit the need'),
  r('PARK_VACANCY', 'PARK_INDUSTRY_MISMATCH', '产业方向不符', 'industry does not fit the park\'s direction'),
  r('PARK_VACANCY', 'PARK_ENTRY_CONDITION_UNMET', '未达入园条件（如亩均税收）', 'entry condition not met (e.g. tax per mu)'),
  r('PARK_VACANCY', 'PARK_NO_VACANCY', '已无空置', 'no longer vacant'),
  r('PARK_VACANCY', 'PARK_OTHER', '其他', 'other (text required)', true),
  r('CHALLENGE', 'CHALLENGE_TECH_MISMATCH', '技术路线不符', 'technical approach does not fit'),
  r('CHALLENGE', 'CHALLENGE_UNQUALIFIED', '资质不足', 'qualifications insufficient'),
  r('CHALLENGE', 'CHALLENGE_QUOTE_TOO_HIGH', '报价过高', 'quote too high'),
  r('CHALLENGE', 'CHALLENGE_INCOMPLETE_PROPOSAL', '方案不完整', 'proposal incomplete'),
  r('CHALLENGE', 'CHALLENGE_OTHER', '其他', 'other (text required)', true),
];

const BY_CODE = new Map(DECLINE_REASONS.map((x) => [x.code, x]));

/** The list of one kind, in display order. */
export function declineReasonsOf(kind: DeclineReasonKind): DeclineReason[] {
  return DECLINE_REASONS.filter((x) => x.kind === kind);
}

/** The reason of a stored code (undefined for an unknown one). */
export function declineReason(code: string | null | undefined): DeclineReason | undefined {
  return code == null ? undefined : BY_CODE.get(code);
}

/** Chinese label of a stored code, or null. */
export function declineReasonLabel(code: string | null | undefined): string | null {
  return declineReason(code)?.label ?? null;
}

/**
 * Why `code` (with `text`, already trimmed, null when empty) is not acceptable for `kind`, in
 * Chinese then English; null when it is. Missing, unknown, another kind's code, and 其他 without
 * text are each named.
 */
export function describeDeclineReasonProblem(kind: DeclineReasonKind, code: unknown, text: string | null | undefined): string | null {
  const kindLabel = DECLINE_REASON_KIND_LABELS[kind];
  const choices = declineReasonsOf(kind)
    .map((x) => `${x.code}（${x.label}）`)
    .join('、');
  if (code === undefined || code === null || code === '') {
    return `请选择${kindLabel}的理由代码：${choices} (a reason code from the ${kind} list is required)`;
  }
  if (typeof code !== 'string') return `理由代码须为文本 (the reason code must be a string)`;
  const found = BY_CODE.get(code);
  if (!found) return `未知的理由代码 ${Array.from(code).slice(0, 32).join('')}；${kindLabel}可选：${choices} (unknown reason code; the ${kind} list is: ${declineReasonsOf(kind).map((x) => x.code).join(', ')})`;
  if (found.kind !== kind) {
    return `理由代码 ${code}（${found.label}）属于${DECLINE_REASON_KIND_LABELS[found.kind]}的理由列表，不适用于${kindLabel}；可选：${choices} (${code} belongs to the ${found.kind} list, not ${kind})`;
  }
  if (found.requiresText && (text == null || text === '')) {
    return `选择「其他」（${code}）时请填写具体理由 (${code} requires a short text saying why)`;
  }
  return null;
}
