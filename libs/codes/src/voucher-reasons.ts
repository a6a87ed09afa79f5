/**
 * Coded reasons of the service-voucher desk (issue 22), on the pattern of decline-reasons.ts: the
 * AUTHORITY declines a voucher application, or rejects (or asks more of) a claim, with a stable code
 * and its Chinese label; 其他 needs a short text. Pure data: no imports.
 */

export const VOUCHER_REASON_KINDS = ['VOUCHER_APPLICATION', 'VOUCHER_CLAIM'] as const;
export type VoucherReasonKind = (typeof VOUCHER_REASON_KINDS)[number];

export const VOUCHER_REASON_KIND_LABELS: Record<VoucherReasonKind, string> = {
  VOUCHER_APPLICATION: '服务券申请',
  VOUCHER_CLAIM: '服务券兑付申请',
};

export interface VoucherReason {
  readonly code: string;
  readonly kind: VoucherReasonKind;
  readonly label: string;
  readonly english: string;
  readonly requiresText: boolean;
}

const v = (kind: VoucherReasonKind, code: string, label: string, english: string, requiresText = false): VoucherReason => ({ code, kind, label, english, requiresText });

export const VOUCHER_REASONS: readonly VoucherReason[] = [
  v('VOUCHER_APPLICATION', 'VOUCHER_INELIGIBLE', '不符合申领条件', 'the firm does not meet the programme\'s conditions'),
  v('VOUCHER_APPLICATION', 'VOUCHER_PURPOSE_UNCLEAR', '用途不明确', 'the purpose is unclear'),
  v('VOUCHER_APPLICATION', 'VOUCHER_DUPLICATE', '重复申请', 'a duplicate application'),
  v('VOUCHER_APPLICATION', 'VOUCHER_BUDGET_EXHAUSTED', '预算已用完', 'the budget is used up'),
  v('VOUCHER_APPLICATION', 'VOUCHER_APPLICATION_OTHER', '其他', 'other (text required)', true),
  v('VOUCHER_CLAIM', 'CLAIM_EVIDENCE_INSUFFICIENT', '交付证明不足', 'evidence of delivery insufficient'),
  v('VOUCHER_CLAIM', 'CLAIM_INVOICE_INVALID', '发票无效或不符', 'the invoice is invalid or does not match'),
  v('VOUCHER_CLAIM', 'CLAIM_PRICE_UNREASONABLE', '价格明显不合理', 'the price is unreasonable'),
  v('VOUCHER_CLAIM', 'CLAIM_RELATED_PARTY', '关联交易', 'a related-party transaction'),
  v('VOUCHER_CLAIM', 'CLAIM_NOT_DELIVERED', '服务未实际交付', 'the service was not delivered'),
  v('VOUCHER_CLAIM', 'CLAIM_OTHER', '其他', 'other (text required)', true),
];

const BY_CODE = new Map(VOUCHER_REASONS.map((x) => [x.code, x]));

export function voucherReason(code: string | null | undefined): VoucherReason | undefined {
  return code == null ? undefined : BY_CODE.get(code);
}

/** Why `code` (with `text`, trimmed, null when empty) is not acceptable for `kind`; null when it is. */
export function describeVoucherReasonProblem(kind: VoucherReasonKind, code: unknown, text: string | null | undefined): string | null {
  const kindLabel = VOUCHER_REASON_KIND_LABELS[kind];
  const list = VOUCHER_REASONS.filter((x) => x.kind === kind);
  const choices = list.map((x) => `${x.code}（${x.label}）`).join('、');
  if (code === undefined || code === null || code === '') return `请选择${kindLabel}的理由代码：${choices} (a reason code from the ${kind} list is required)`;
  if (typeof code !== 'string') return '理由代码须为文本 (the reason code must be a string)';
  const found = BY_CODE.get(code);
  if (!found || found.kind !== kind) {
    return `理由代码 ${Array.from(code).slice(0, 32).join('')} 不适用于${kindLabel}；可选：${choices} (unknown reason code for ${kind}; the list is: ${list.map((x) => x.code).join(', ')})`;
  }
  if (found.requiresText && (text == null || text === '')) return `选择「其他」（${code}）时请填写具体理由 (${code} requires a short text saying why)`;
  return null;
}
