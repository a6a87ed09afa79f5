import { ORGANIZATION_KIND_LABELS, type OrganizationKind } from '../organizations/organization-kind.js';
import { MANAGER_ROLES, type MemberRole } from '../users/member-role.js';
import type { Actor } from './access-policy.js';

/**
 * Who may read a query or a field. Reads are asked by signed-in callers only (the resolvers refuse
 * anonymous ones first, with the token's own problem when there is one), so there is no 'anyone'.
 */
export interface QueryRule {
  /** Organization kinds allowed to ask at all; 'signed-in' is any caller with a token. */
  readonly kinds: readonly OrganizationKind[] | 'signed-in';
  /** Member roles allowed inside the organization; absent means any role. */
  readonly roles?: readonly MemberRole[];
  /**
   * The row read is private to its parties (owner, applicant, the enterprise itself…): the caller's
   * organization must be one of them, or hold a grant when the rule accepts one.
   */
  readonly partiesOnly?: boolean;
  /** A grant the row's party gave the caller (a shared profile, an accepted request) opens the row. */
  readonly grants?: boolean;
  /** Kinds that read every row (the AUTHORITY's oversight). */
  readonly overrideKinds?: readonly OrganizationKind[];
  /**
   * What a refused caller is told (Chinese first), for queries that refuse; fields without one are
   * answered with null or an empty list instead (hidden, not refused).
   */
  readonly refusal?: string | ((actor: Actor) => string);
}

const AUTHORITY: readonly OrganizationKind[] = ['AUTHORITY'];
const insightsRefusal = (actor: Actor) => `统计分析仅限主管部门（AUTHORITY）查看，您的机构类型为 ${actor.kind} (insights are for the AUTHORITY only)`;
const importsRefusal = (actor: Actor) =>
  `企业名单导入仅限主管部门（AUTHORITY），您的机构类型为${ORGANIZATION_KIND_LABELS[actor.kind]} (imports are for the AUTHORITY only)`;

/**
 * The read side of the access table: every query, subscription and field of the schema that is not
 * public to signed-in callers, and who may read it. Queries marked 'signed-in' without more answer
 * with the caller's own rows or public ones (their statements filter by the caller). Resolvers and
 * services ask {@link decideQuery} / {@link seesRow} instead of checking kinds themselves.
 * `Type.field` names a field; other names are root fields.
 */
export const QUERY_RULES = {
  // Public to signed-in callers: each answers with the caller's own rows, or rows that are public.
  me: { kinds: 'signed-in' },
  sessions: { kinds: 'signed-in' },
  members: { kinds: 'signed-in' },
  organization: { kinds: 'signed-in' },
  // Drafts stay with their owner (canSeeListing and its SQL twin in libs/listings): hidden, not refused.
  listing: { kinds: 'signed-in' },
  listings: { kinds: 'signed-in' },
  search: { kinds: 'signed-in' },
  searchConnection: { kinds: 'signed-in' },
  park: { kinds: 'signed-in' },
  // A park's vacancies: published and closed ones for everyone, drafts only for the operator (as listings).
  'Park.vacancies': { kinds: 'signed-in' },
  // Parks the caller operates (issue 24).
  myParks: { kinds: ['PARK_OPERATOR'], refusal: (actor) => `我的园区（myParks）仅面向园区运营方，您的机构类型为${ORGANIZATION_KIND_LABELS[actor.kind]} (only park operators have parks)` },
  matchRequests: { kinds: 'signed-in' },
  notifications: { kinds: 'signed-in' },
  notificationsConnection: { kinds: 'signed-in' },
  unreadCount: { kinds: 'signed-in' },
  matchRequestUpdated: { kinds: 'signed-in' },
  // Reference data (issue 17): the coded decline/rejection reasons, the same for everyone.
  declineReasons: { kinds: 'signed-in' },
  notificationAdded: { kinds: 'signed-in' },

  // 一企一档: the enterprise itself, the AUTHORITY, or an owner the enterprise shared it with through a match request or a 揭榜 application.
  enterpriseProfile: {
    kinds: 'signed-in',
    partiesOnly: true,
    grants: true,
    overrideKinds: AUTHORITY,
    refusal:
      '无权查看该企业档案：仅企业本身、主管部门或企业通过对接申请、揭榜申请授权的机构可查看 (not allowed to read this enterprise profile: only the enterprise, the authority, or an organization it shared its profile with through a match request or a 揭榜 application)',
  },
  recommendations: { kinds: ['ENTERPRISE'], refusal: (actor) => `推荐仅面向企业 (recommendations are for ENTERPRISE organizations; yours is ${actor.kind})` },
  // Pushed recommendations (issue 18): each ENTERPRISE member's own preferences and live feed.
  recommendationPushPreferences: { kinds: ['ENTERPRISE'], refusal: (actor) => `推荐推送设置仅面向企业成员 (push preferences are for ENTERPRISE members; yours is ${actor.kind})` },
  recommendationAdded: { kinds: ['ENTERPRISE'], refusal: (actor) => `推荐推送仅面向企业 (recommendationAdded is for ENTERPRISE organizations; yours is ${actor.kind})` },
  // A listing's reach (counts only): its owner and the AUTHORITY; null for others.
  'Listing.reach': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  recommendationsConnection: { kinds: ['ENTERPRISE'], refusal: (actor) => `推荐仅面向企业 (recommendations are for ENTERPRISE organizations; yours is ${actor.kind})` },
  // A listing's leads: its owner, and the AUTHORITY.
  leads: { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY, refusal: '只有该信息的发布机构可以查看匹配企业 (leads: only the listing owner may see its leads)' },
  leadsConnection: { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY, refusal: '只有该信息的发布机构可以查看匹配企业 (leads: only the listing owner may see its leads)' },
  // The firm's own figures quoted in a lead's reasons: once it shared its profile with the listing's owner (else a figure-free label).
  'Lead.reasons': { kinds: 'signed-in', partiesOnly: true, grants: true, overrideKinds: AUTHORITY },
  // 揭榜 applications: the applicant, the challenge's owner, and the AUTHORITY.
  challengeApplication: {
    kinds: 'signed-in',
    partiesOnly: true,
    overrideKinds: AUTHORITY,
    refusal: '无权查看该揭榜申请：仅申请企业、发榜企业和主管部门可以查看 (only the applicant, the challenge owner and AUTHORITY may see this application)',
  },
  'Challenge.applications': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  'Challenge.applicationsConnection': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  // An enterprise's own 揭榜 applications (ADR 0028): every member of an ENTERPRISE.
  myChallengeApplications: { kinds: ['ENTERPRISE'], refusal: (actor) => `揭榜申请列表仅面向企业 (myChallengeApplications is for ENTERPRISE organizations; yours is ${actor.kind})` },
  // A challenge's history (edits, closure): its owner and the AUTHORITY; its applicants too (granted), who were told of each change anyway.
  'Challenge.history': { kinds: 'signed-in', partiesOnly: true, grants: true, overrideKinds: AUTHORITY },
  // Conversations on cases (issue 17 item 4): the two sides and the AUTHORITY; others are told the case does not exist.
  caseMessages: { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  caseMessageAdded: { kinds: 'signed-in' },
  'MatchRequest.messages': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  'ChallengeApplication.messages': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  // Both sides' contact persons, once the case was accepted (as Organization.contact grants).
  'MatchRequest.contacts': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  'ChallengeApplication.contacts': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  // Members and invitations (issue 13).
  invitations: {
    kinds: 'signed-in',
    roles: MANAGER_ROLES,
    refusal: 'invitations 仅限本机构的负责人 (OWNER)、管理员 (ADMIN) 查看 (only OWNERs and ADMINs see invitations)',
  },
  // Contact details: the organization, the AUTHORITY, the other side of an accepted match request or 揭榜 application.
  'Organization.contact': { kinds: 'signed-in', partiesOnly: true, grants: true, overrideKinds: AUTHORITY },
  // Verification reasons, who decided and the history: the organization itself and the AUTHORITY; others see the state.
  'Organization.verification': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  'Organization.verificationHistory': { kinds: 'signed-in', partiesOnly: true, overrideKinds: AUTHORITY },
  'Organization.claimConflict': { kinds: AUTHORITY },
  // The name of the person who decided (verification, a title's provenance): the AUTHORITY only; others see the organization.
  'VerificationDecider.displayName': { kinds: AUTHORITY },

  // Consents (issue 18): each organization lists those it gave or received (its own rows only).
  profileConsents: { kinds: 'signed-in' },
  // The access log of an organization's protected data (a firm's profile, a case's attachments): the organization itself (any member) and the AUTHORITY (any, or all).
  profileAccessLog: {
    kinds: 'signed-in',
    partiesOnly: true,
    overrideKinds: AUTHORITY,
    refusal: '只能查看本机构数据的访问记录：其他机构的访问记录仅限该机构本身和主管部门查看 (the access log of an organization is for itself and the AUTHORITY)',
  },

  // The AUTHORITY's desks.
  organizations: { kinds: AUTHORITY, refusal: '仅主管部门可查看机构审核台 (organizations: AUTHORITY only)' },
  enterprisesAtReviewRisk: { kinds: AUTHORITY, refusal: '仅主管部门可查看复核风险名单 (AUTHORITY only)' },
  // Owners' appeals against takedowns (issue 24, ADR 0031).
  takedownAppeals: { kinds: AUTHORITY, refusal: '仅主管部门可查看下架申诉台账 (takedownAppeals: AUTHORITY only)' },
  enterprisesAtReviewRiskConnection: { kinds: AUTHORITY, refusal: '仅主管部门可查看复核风险名单 (AUTHORITY only)' },
  overdueRequests: { kinds: AUTHORITY, refusal: '仅主管部门可查看逾期督办台账 (the overdue desk is for the AUTHORITY only)' },
  enterpriseImport: { kinds: AUTHORITY, refusal: importsRefusal },
  enterpriseImports: { kinds: AUTHORITY, refusal: importsRefusal },
  enterpriseImportProgress: { kinds: AUTHORITY, refusal: importsRefusal },
  tierPipeline: { kinds: AUTHORITY, refusal: insightsRefusal },
  matchmakingInsights: { kinds: AUTHORITY, refusal: insightsRefusal },
  financingInsights: { kinds: AUTHORITY, refusal: insightsRefusal },
  declineReasonInsights: { kinds: AUTHORITY, refusal: insightsRefusal },
  matchmakingFunnel: { kinds: AUTHORITY, refusal: insightsRefusal },
  challengeInsights: { kinds: AUTHORITY, refusal: insightsRefusal },
  serviceInstitutionRanking: { kinds: AUTHORITY, refusal: insightsRefusal },
  serviceInstitutionRankingConnection: { kinds: AUTHORITY, refusal: insightsRefusal },
  auditLog: { kinds: AUTHORITY, refusal: insightsRefusal },
  // Service vouchers (issue 22): open programmes to every signed-in caller (drafts to the AUTHORITY), their money
  // figures to the AUTHORITY only; vouchers to their firm; claims to their firm and institution; the desk to the AUTHORITY.
  voucherProgrammes: { kinds: 'signed-in' },
  voucherProgramme: { kinds: 'signed-in' },
  voucherReasons: { kinds: 'signed-in' },
  'VoucherProgramme.budget': { kinds: AUTHORITY },
  vouchers: { kinds: ['ENTERPRISE', 'AUTHORITY'], refusal: (actor) => `服务券仅企业本身和主管部门可查看，您的机构类型为${ORGANIZATION_KIND_LABELS[actor.kind]} (vouchers: the firm itself and the AUTHORITY only)` },
  voucherClaims: {
    kinds: ['ENTERPRISE', 'SERVICE_PROVIDER', 'AUTHORITY'],
    refusal: (actor) => `兑付申请仅相关企业、服务机构和主管部门可查看，您的机构类型为${ORGANIZATION_KIND_LABELS[actor.kind]} (voucher claims: their firm, institution and the AUTHORITY only)`,
  },
  'VoucherClaim.findings': { kinds: AUTHORITY },
  voucherFigures: { kinds: AUTHORITY, refusal: insightsRefusal },
  // REST: GET /exports/vouchers/settlements/<batchId>.xlsx, the finance office's list of a settlement batch.
  voucherSettlementExport: { kinds: AUTHORITY, refusal: insightsRefusal },
  // 惠企政策 (issue 23): a firm or service institution reads its own rewards; the AUTHORITY the payout lists, totals and what-if.
  myPolicyRewards: {
    kinds: ['ENTERPRISE', 'SERVICE_PROVIDER'],
    refusal: (actor) => `政策奖励仅面向企业和服务机构查看本机构应享奖励，您的机构类型为${ORGANIZATION_KIND_LABELS[actor.kind]} (myPolicyRewards is for ENTERPRISE and SERVICE_PROVIDER organizations)`,
  },
  policyPayoutList: { kinds: AUTHORITY, refusal: '免申即享兑付清单仅限主管部门（AUTHORITY）查看 (AUTHORITY only)' },
  policyPayoutTotals: { kinds: AUTHORITY, refusal: '免申即享兑付汇总仅限主管部门（AUTHORITY）查看 (AUTHORITY only)' },
  policyWhatIf: { kinds: AUTHORITY, refusal: '政策测算仅限主管部门（AUTHORITY）(AUTHORITY only)' },
  // REST: GET /exports/policy-payouts/<policyId>.xlsx, the lines of policyPayoutList.
  policyPayoutExport: { kinds: AUTHORITY, refusal: '免申即享兑付清单仅限主管部门（AUTHORITY）导出 (AUTHORITY only)' },
  // REST: GET /exports/insights/<report>.xlsx, the tables of the insight queries above (GET /imports/enterprises/<id>/report.xlsx is enterpriseImport).
  insightsExport: { kinds: AUTHORITY, refusal: insightsRefusal },
} as const satisfies Record<string, QueryRule>;

export type QueryName = keyof typeof QUERY_RULES;

/** The row read, for rules with `partiesOnly`. */
export interface ReadContext {
  /** Organizations the row belongs to: its owner, applicant, the enterprise it describes… */
  readonly parties: readonly (string | null | undefined)[];
  /** One of the parties granted the caller access (answered by the context that keeps grants). */
  readonly granted?: boolean;
}

export type ReadDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Whether `actor` may read `query` (and the row described by `row`, for rules about rows). Pure.
 * A refusal carries the rule's message; fields without one are hidden by their resolver.
 */
export function decideQuery(actor: Actor, query: QueryName, row?: ReadContext): ReadDecision {
  const rule: QueryRule = QUERY_RULES[query];
  const refused = (): ReadDecision => ({
    allowed: false,
    reason: typeof rule.refusal === 'function' ? rule.refusal(actor) : (rule.refusal ?? `${query}: not readable by this caller`),
  });
  if (rule.kinds !== 'signed-in' && !rule.kinds.includes(actor.kind)) return refused();
  if (rule.roles && !(actor.role !== undefined && rule.roles.includes(actor.role))) return refused();
  if (rule.partiesOnly && !(rule.overrideKinds?.includes(actor.kind) ?? false)) {
    if (!row) throw new Error(`read check for ${query} needs the row read`);
    const party = row.parties.includes(actor.organizationId);
    if (!party && !(rule.grants && row.granted === true)) return refused();
  }
  return { allowed: true };
}

/** For fields that hide rather than refuse: true when the caller may read; false for no caller. */
export function seesRow(actor: Actor | undefined, query: QueryName, row?: ReadContext): boolean {
  return actor !== undefined && decideQuery(actor, query, row).allowed;
}
