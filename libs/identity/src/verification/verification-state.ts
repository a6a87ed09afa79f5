/**
 * The verification state machine of an organization (审核状态), pure: the desk service asks it
 * before writing anything. `organizations.verified` mirrors `state === 'VERIFIED'`.
 */
export const VERIFICATION_STATES = ['PENDING', 'NEEDS_INFO', 'VERIFIED', 'REJECTED', 'REVOKED'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const VERIFICATION_STATE_LABELS: Record<VerificationState, string> = {
  PENDING: '待审核',
  NEEDS_INFO: '待补充材料',
  VERIFIED: '已通过',
  REJECTED: '未通过',
  REVOKED: '已撤销资质',
};

/**
 * What the AUTHORITY (verify, reject, requestInfo, revoke, release a squatted USCC) or the
 * organization (resubmit) does. RELEASE_USCC is the rejection that `resolveUsccClaim(CLAIM_RELEASED)`
 * takes: the registrant is not the firm whose USCC it claimed (from any state but VERIFIED).
 */
export const VERIFICATION_ACTIONS = ['VERIFY', 'REJECT', 'REQUEST_INFO', 'REVOKE', 'RESUBMIT', 'RELEASE_USCC'] as const;
export type VerificationAction = (typeof VERIFICATION_ACTIONS)[number];

const ACTION_LABELS: Record<VerificationAction, string> = {
  VERIFY: '审核通过',
  REJECT: '驳回',
  REQUEST_INFO: '要求补充材料',
  REVOKE: '撤销资质',
  RESUBMIT: '重新提交审核',
  RELEASE_USCC: '释放其申领的统一社会信用代码',
};

/** The edges: action → the states it may start from, and where it leads. */
const EDGES: Record<VerificationAction, { from: readonly VerificationState[]; to: VerificationState }> = {
  VERIFY: { from: ['PENDING', 'NEEDS_INFO'], to: 'VERIFIED' },
  REJECT: { from: ['PENDING', 'NEEDS_INFO'], to: 'REJECTED' },
  REQUEST_INFO: { from: ['PENDING'], to: 'NEEDS_INFO' },
  REVOKE: { from: ['VERIFIED'], to: 'REVOKED' },
  RESUBMIT: { from: ['NEEDS_INFO', 'REJECTED', 'REVOKED'], to: 'PENDING' },
  RELEASE_USCC: { from: ['PENDING', 'NEEDS_INFO', 'REJECTED', 'REVOKED'], to: 'REJECTED' },
};

export type VerificationTransition =
  | { readonly ok: true; readonly to: VerificationState }
  /** Verifying a VERIFIED organization again changes nothing (kept from the first version of verifyOrganization). */
  | { readonly ok: true; readonly unchanged: true; readonly to: VerificationState }
  | { readonly ok: false; readonly code: 'CONFLICT'; readonly message: string };

/** Where `action` leads from `from`, or why it may not (CONFLICT, message Chinese first). */
export function verificationTransition(from: VerificationState, action: VerificationAction): VerificationTransition {
  if (action === 'VERIFY' && from === 'VERIFIED') return { ok: true, unchanged: true, to: 'VERIFIED' };
  const edge = EDGES[action];
  if (edge.from.includes(from)) return { ok: true, to: edge.to };
  const allowed = edge.from.map((s) => `${VERIFICATION_STATE_LABELS[s]}（${s}）`).join('或');
  return {
    ok: false,
    code: 'CONFLICT',
    message:
      `该机构当前审核状态为${VERIFICATION_STATE_LABELS[from]}（${from}），只有${allowed}的机构可以${ACTION_LABELS[action]} ` +
      `(organization is ${from}; ${action} is allowed only from ${edge.from.join(' or ')})`,
  };
}

/** Reasons and messages of decisions: 1–500 characters after trimming. */
export const VERIFICATION_REASON_MAX_CHARS = 500;

/** How the AUTHORITY decides a USCC claimed twice (the registrant's and an import's). */
export const USCC_CLAIM_OUTCOMES = ['CLAIMANT_CONFIRMED', 'CLAIM_RELEASED'] as const;
export type UsccClaimOutcome = (typeof USCC_CLAIM_OUTCOMES)[number];
