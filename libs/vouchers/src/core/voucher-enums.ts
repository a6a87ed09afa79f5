/** Voucher states and labels (pure data). */

export const PROGRAMME_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, string> = { DRAFT: '草稿', OPEN: '开放申领', CLOSED: '已结束' };

/** APPLIED → GRANTED | DECLINED; GRANTED → REDEEMED | EXPIRED | CANCELLED. */
export const VOUCHER_STATUSES = ['APPLIED', 'DECLINED', 'GRANTED', 'REDEEMED', 'EXPIRED', 'CANCELLED'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];
export const VOUCHER_STATUS_LABELS: Record<VoucherStatus, string> = {
  APPLIED: '待审批',
  DECLINED: '未获批',
  GRANTED: '已发放',
  REDEEMED: '已兑付',
  EXPIRED: '已过期',
  CANCELLED: '已作废',
};

/**
 * SUBMITTED (awaiting the firm) → CONFIRMED | DISPUTED → (AUTHORITY) APPROVED | AWAITING_SECOND_APPROVAL
 * | REJECTED | INFO_REQUESTED; AWAITING_SECOND_APPROVAL → APPROVED | REJECTED; INFO_REQUESTED →
 * SUBMITTED (the institution resubmits); APPROVED → SETTLED → CLAWED_BACK.
 */
export const CLAIM_STATUSES = ['SUBMITTED', 'CONFIRMED', 'DISPUTED', 'INFO_REQUESTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'REJECTED', 'SETTLED', 'CLAWED_BACK'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  SUBMITTED: '待企业确认',
  CONFIRMED: '企业已确认',
  DISPUTED: '企业有异议',
  INFO_REQUESTED: '待补充材料',
  AWAITING_SECOND_APPROVAL: '待复核（第二审批人）',
  APPROVED: '已核准待结算',
  REJECTED: '已驳回',
  SETTLED: '已结算',
  CLAWED_BACK: '已追回',
};

/** Claims that hold the voucher (a second claim on it is refused). */
export const LIVE_CLAIM_STATUSES: readonly ClaimStatus[] = ['SUBMITTED', 'CONFIRMED', 'DISPUTED', 'INFO_REQUESTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'SETTLED'];

/**
 * Ledger movements (append-only): BUDGET changes the programme's budget (signed); RESERVE a grant;
 * RELEASE gives a reservation back (expiry, cancellation, the unused rest after redemption); REDEEM
 * turns reservation into an approved claim; SETTLE pays it; CLAW_BACK takes a settled claim back.
 */
export const LEDGER_KINDS = ['BUDGET', 'RESERVE', 'RELEASE', 'REDEEM', 'SETTLE', 'CLAW_BACK'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const CLAIM_DECISIONS = ['APPROVE', 'REJECT', 'REQUEST_INFO'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];
