import { ORGANIZATION_KIND_LABELS, type OrganizationKind } from '../organizations/organization-kind.js';
import { MANAGER_ROLES, MEMBER_ROLE_LABELS, type MemberRole } from '../users/member-role.js';

/** Who is calling, as far as access decisions go. Loaded from the database on every request. */
export interface Actor {
  readonly userId: string;
  readonly organizationId: string;
  readonly kind: OrganizationKind;
  readonly verified: boolean;
  /** The session the access token names (`sid`); set for every caller authenticated by a token. */
  readonly sessionId?: string;
  /**
   * The user's role in its organization (loaded with the actor). Optional only so that actors built
   * by hand (tests, seeding) keep compiling; without a role, rules that require one refuse.
   */
  readonly role?: MemberRole;
}

export interface MutationRule {
  /** Organization kinds allowed; 'anyone' includes callers without a token. */
  readonly kinds: readonly OrganizationKind[] | 'anyone' | 'signed-in';
  /** The target row must belong to the caller's organization. */
  readonly ownRowsOnly?: boolean;
  /** The caller's organization must have been verified by the authority. */
  readonly verifiedOnly?: boolean;
  /** What an unverified caller is told (Chinese first: the reason and what to do); a default about publishing otherwise. */
  readonly unverifiedRefusal?: (mutation: string) => string;
  /** Kinds that may act on rows of other organizations (e.g. AUTHORITY closing a listing, 下架). */
  readonly overrideKinds?: readonly OrganizationKind[];
  /** Member roles allowed inside the organization; absent means any role (MEMBERs act for the organization). */
  readonly roles?: readonly MemberRole[];
}

/** Match requests and 揭榜 applications need a verified requester (issue 24, ADR 0031). */
const UNVERIFIED_REQUESTER = (mutation: string) =>
  `贵单位尚未通过认证（或认证已被主管部门撤销），暂不能发起对接申请或揭榜。请在“认证”中提交或补充材料（营业执照等；被撤销的请更正后重新提交），主管部门审核通过后即可申请；审核进度见“认证”页 (${mutation}: your organization has not been verified by the authority yet; submit or complete your documents under "认证", and send requests once it is verified)`;

const ALL_KINDS: readonly OrganizationKind[] = ['ENTERPRISE', 'SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'];
const LISTING_OWNERS: readonly OrganizationKind[] = ['SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'];

/**
 * The access table: every mutation of the public contract and who may call it. Resolvers ask
 * {@link decide} instead of checking roles themselves, so the rules live here and nowhere else.
 */
export const MUTATION_RULES = {
  register: { kinds: 'anyone' },
  login: { kinds: 'anyone' },
  verifyOrganization: { kinds: ['AUTHORITY'] },
  // The verification desk (issue 13): decisions by the AUTHORITY, resubmission by the organization itself.
  rejectOrganization: { kinds: ['AUTHORITY'] },
  requestOrganizationInfo: { kinds: ['AUTHORITY'] },
  revokeVerification: { kinds: ['AUTHORITY'] },
  resolveUsccClaim: { kinds: ['AUTHORITY'] },
  resubmitOrganization: { kinds: ['ENTERPRISE', ...LISTING_OWNERS], ownRowsOnly: true, roles: MANAGER_ROLES },
  upsertEnterpriseProfile: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  // The partial form beside it (issue 24): the same caller.
  patchEnterpriseProfile: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  // Claimed vs confirmed titles (DOMAIN.md §8.10): the AUTHORITY decides on an enterprise's title.
  confirmCertification: { kinds: ['AUTHORITY'] },
  rejectCertificationClaim: { kinds: ['AUTHORITY'] },
  // 免申即享 payouts (issue 23): the AUTHORITY marks a payout line paid or withheld (coded reason).
  markPolicyPayoutPaid: { kinds: ['AUTHORITY'] },
  withholdPolicyPayout: { kinds: ['AUTHORITY'] },
  recordChallengeProjectFacts: { kinds: ['AUTHORITY'] },
  // 优质服务机构 selections (issue 23): the bureau records the year's selection and award.
  recordServiceProviderSelection: { kinds: ['AUTHORITY'] },
  createServiceOffering: { kinds: ['SERVICE_PROVIDER'] },
  updateServiceOffering: { kinds: ['SERVICE_PROVIDER'], ownRowsOnly: true },
  createCreditProduct: { kinds: ['BANK'] },
  updateCreditProduct: { kinds: ['BANK'], ownRowsOnly: true },
  createChallenge: { kinds: ['ANCHOR_ENTERPRISE'] },
  updateChallenge: { kinds: ['ANCHOR_ENTERPRISE'], ownRowsOnly: true },
  createPark: { kinds: ['PARK_OPERATOR'] },
  createParkVacancy: { kinds: ['PARK_OPERATOR'], ownRowsOnly: true },
  updateParkVacancy: { kinds: ['PARK_OPERATOR'], ownRowsOnly: true },
  // Listing lifecycle (issue 24, ADR 0031): parks are edited by their operator; drafts never published are deleted by their owner;
  // the owner appeals the AUTHORITY's takedown, which the AUTHORITY alone lifts.
  updatePark: { kinds: ['PARK_OPERATOR'], ownRowsOnly: true },
  deleteListing: { kinds: LISTING_OWNERS, ownRowsOnly: true },
  appealTakedown: { kinds: LISTING_OWNERS, ownRowsOnly: true },
  reinstateListing: { kinds: ['AUTHORITY'] },
  publishListing: { kinds: LISTING_OWNERS, ownRowsOnly: true, verifiedOnly: true },
  closeListing: { kinds: [...LISTING_OWNERS, 'AUTHORITY'], ownRowsOnly: true, overrideKinds: ['AUTHORITY'] },
  applyToChallenge: { kinds: ['ENTERPRISE'], verifiedOnly: true, unverifiedRefusal: UNVERIFIED_REQUESTER },
  decideChallengeApplication: { kinds: ['ANCHOR_ENTERPRISE'], ownRowsOnly: true },
  requestMatch: { kinds: ['ENTERPRISE'], verifiedOnly: true, unverifiedRefusal: UNVERIFIED_REQUESTER },
  respondToMatchRequest: { kinds: LISTING_OWNERS, ownRowsOnly: true },
  completeMatchRequest: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  cancelMatchRequest: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  // Deadlines (issue 17): the owner asks the firm for information (the clock pauses); the firm answers.
  requestMatchInformation: { kinds: LISTING_OWNERS, ownRowsOnly: true },
  provideMatchInformation: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  requestChallengeApplicationInformation: { kinds: ['ANCHOR_ENTERPRISE'], ownRowsOnly: true },
  provideChallengeApplicationInformation: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  // Outcomes that count (issue 17): the bank owning the credit product, the service institution owning the offering.
  recordCreditDecision: { kinds: ['BANK'], ownRowsOnly: true },
  recordServiceDelivery: { kinds: ['SERVICE_PROVIDER'], ownRowsOnly: true },
  // Beyond the contract: the authority's bulk onboarding of cultivation lists.
  importEnterprises: { kinds: ['AUTHORITY'] },
  // Asynchronous imports (issue 14): the same desk as importEnterprises.
  startEnterpriseImport: { kinds: ['AUTHORITY'] },
  confirmEnterpriseImport: { kinds: ['AUTHORITY'] },
  cancelEnterpriseImport: { kinds: ['AUTHORITY'] },
  // Beyond the contract: an applicant withdraws its own 揭榜 application while it is undecided.
  withdrawChallengeApplication: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  // Credentials and sessions (issue 13): a signed-in caller acts on its own account and sessions.
  logout: { kinds: 'signed-in' },
  revokeOtherSessions: { kinds: 'signed-in' },
  changePassword: { kinds: 'signed-in' },
  // Anonymous by nature: the caller has lost the password. Throttled per address and e-mail.
  requestPasswordReset: { kinds: 'anyone' },
  resetPassword: { kinds: 'anyone' },
  // The AUTHORITY for anyone; another organization for its own members, and only its OWNER (checked by
  // CredentialsService.unlockAccount from Actor.role once member roles exist).
  unlockAccount: { kinds: ['AUTHORITY', ...ALL_KINDS], ownRowsOnly: true, overrideKinds: ['AUTHORITY'] },
  // Beyond the contract: read state is each user's own, on their own organization's notifications.
  markNotificationsRead: { kinds: 'signed-in' },
  markAllNotificationsRead: { kinds: 'signed-in' },
  // Pushed recommendations (issue 18): a member's own preferences; the firm's "seen" record of a listing.
  updateRecommendationPushPreferences: { kinds: ['ENTERPRISE'] },
  markRecommendationSeen: { kinds: ['ENTERPRISE'] },
  // Members and invitations (issue 13): any kind of organization, managed by its OWNER or ADMIN.
  inviteMember: { kinds: 'signed-in', roles: MANAGER_ROLES },
  revokeInvitation: { kinds: 'signed-in', roles: MANAGER_ROLES, ownRowsOnly: true },
  changeMemberRole: { kinds: 'signed-in', roles: MANAGER_ROLES, ownRowsOnly: true },
  removeMember: { kinds: 'signed-in', roles: MANAGER_ROLES, ownRowsOnly: true },
  updateOrganization: { kinds: 'signed-in', roles: MANAGER_ROLES },
  // The token in the mail is the credential: anyone holding it may accept.
  acceptInvitation: { kinds: 'anyone' },
  // The AUTHORITY activates imported firms (any of its members: its staff act for it).
  inviteOrganizationOwner: { kinds: ['AUTHORITY'] },
  inviteImportedOwners: { kinds: ['AUTHORITY'] },
  // Re-reviews (复核) of certified titles (issue 15, DOMAIN.md §8.2): the AUTHORITY records them as pending, or clears that.
  recordTitleReviewPending: { kinds: ['AUTHORITY'] },
  clearTitleReviewPending: { kinds: ['AUTHORITY'] },
  // Conversations (issue 17 item 4): members of either side write (the service answers NOT_FOUND to
  // anyone else, as for an unknown id); the AUTHORITY reads every conversation but writes in none.
  sendMatchRequestMessage: { kinds: ALL_KINDS },
  sendChallengeApplicationMessage: { kinds: ['ENTERPRISE', 'ANCHOR_ENTERPRISE'] },
  // Consent to read the profile (issue 18, ADR 0035): the firm gives and revokes, by its OWNER or ADMIN.
  grantProfileConsent: { kinds: ['ENTERPRISE'], roles: MANAGER_ROLES },
  revokeProfileConsent: { kinds: ['ENTERPRISE'], roles: MANAGER_ROLES, ownRowsOnly: true },
  // Service vouchers (issue 22): the AUTHORITY runs programmes, grants and approvals; a firm (verified: checked by
  // VoucherGrantService, as eligibility) applies for
  // and attaches its own vouchers; the institution owning the match request claims; the firm confirms or disputes.
  createVoucherProgramme: { kinds: ['AUTHORITY'] },
  setVoucherProgrammeStatus: { kinds: ['AUTHORITY'] },
  changeVoucherProgrammeBudget: { kinds: ['AUTHORITY'] },
  addContractedInstitution: { kinds: ['AUTHORITY'] },
  removeContractedInstitution: { kinds: ['AUTHORITY'] },
  applyForVoucher: { kinds: ['ENTERPRISE'] },
  decideVoucherApplication: { kinds: ['AUTHORITY'] },
  grantVouchersToEligible: { kinds: ['AUTHORITY'] },
  cancelVoucher: { kinds: ['AUTHORITY'] },
  attachVoucher: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  submitVoucherClaim: { kinds: ['SERVICE_PROVIDER'], ownRowsOnly: true },
  confirmVoucherClaim: { kinds: ['ENTERPRISE'], ownRowsOnly: true },
  decideVoucherClaim: { kinds: ['AUTHORITY'] },
  settleVoucherClaims: { kinds: ['AUTHORITY'] },
  clawBackVoucherClaim: { kinds: ['AUTHORITY'] },
  reconcileVoucherLedger: { kinds: ['AUTHORITY'] },
  // REST: POST /attachments (multipart), an upload to a case the caller is a side of.
  uploadCaseAttachment: { kinds: ALL_KINDS },
} as const satisfies Record<string, MutationRule>;

export type MutationName = keyof typeof MUTATION_RULES;

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN'; readonly reason: string };

export interface DecisionContext {
  /** Owner of the row acted on, when the rule is about own rows. */
  readonly ownerOrganizationId?: string;
}

const kindList = (kinds: readonly OrganizationKind[]) =>
  kinds.map((k) => `${ORGANIZATION_KIND_LABELS[k]} (${k})`).join('、');

/** Decides whether `actor` may run `mutation` on the row described by `context`. Pure. */
export function decide(actor: Actor | undefined, mutation: MutationName, context: DecisionContext = {}): Decision {
  return check(actor, mutation, context);
}

/**
 * The part of {@link decide} that needs no row: sign-in, kind, role and verification. Services ask it
 * before they load the target, then {@link decide} with the row's owner once loaded. Pure.
 */
export function decideKind(actor: Actor | undefined, mutation: MutationName): Decision {
  return check(actor, mutation, null);
}

/** `context` null: the row is not loaded yet, its check is left to the call that has it. */
function check(actor: Actor | undefined, mutation: MutationName, context: DecisionContext | null): Decision {
  const rule: MutationRule = MUTATION_RULES[mutation];
  if (rule.kinds === 'anyone') return { allowed: true };
  if (!actor) {
    return { allowed: false, code: 'UNAUTHENTICATED', reason: `请先登录后再执行 ${mutation} (sign in first: send "Authorization: Bearer <token>")` };
  }
  if (rule.kinds !== 'signed-in' && !rule.kinds.includes(actor.kind)) {
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: `${mutation} 仅限 ${kindList(rule.kinds)} 使用，您的机构类型为 ${ORGANIZATION_KIND_LABELS[actor.kind]} (${actor.kind})`,
    };
  }
  if (rule.roles && !(actor.role !== undefined && rule.roles.includes(actor.role))) {
    const held = actor.role ? `${MEMBER_ROLE_LABELS[actor.role]} (${actor.role})` : '未知 (none)';
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: `${mutation} 仅限本机构的${rule.roles.map((r) => `${MEMBER_ROLE_LABELS[r]} (${r})`).join('、')}使用，您的角色为${held} (only these member roles may manage members and organization details)`,
    };
  }
  const overriding = rule.overrideKinds?.includes(actor.kind) ?? false;
  if (context && rule.ownRowsOnly && !overriding) {
    if (context.ownerOrganizationId === undefined) {
      throw new Error(`access check for ${mutation} needs the owner of the target row`);
    }
    if (context.ownerOrganizationId !== actor.organizationId) {
      return {
        allowed: false,
        code: 'FORBIDDEN',
        reason: `只能操作本机构的数据：该记录属于其他机构 (${mutation}: the target belongs to another organization)`,
      };
    }
  }
  if (rule.verifiedOnly && !actor.verified) {
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: rule.unverifiedRefusal?.(mutation) ?? `机构尚未通过主管部门审核，审核通过后才能发布 (${mutation}: your organization has not been verified by the authority yet)`,
    };
  }
  return { allowed: true };
}
