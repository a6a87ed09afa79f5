import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { throttleKeys } from '../../libs/identity/src/auth/login-throttle.js';
import { MUTATION_RULES } from '../../libs/identity/src/access/access-policy.js';
import { actorChanged } from '../../libs/identity/src/auth/actor-cache.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { keptMails, tokenIn } from '../helpers/mailbox.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { addMonthsClamped } from '../../libs/tiers/src/validity.js';
import { voucherFixture, voucherSnapshot } from '../helpers/voucher-fixtures.js';
import {
  APPLY,
  beijingDate,
  CANCEL,
  CLOSE,
  COMPLETE,
  RESPOND,
  REQUEST_MATCH,
  matchRequestStatus,
  requestMatch,
  CREATE_PARK,
  DECIDE,
  PUBLISH,
  WITHDRAW,
  challengeInput,
  createListing,
  createMutation,
  createPark,
  creditProductInput,
  inputFor,
  listingRow,
  ok,
  parkInput,
  parkVacancyInput,
  publishListing,
  registerOrg,
  serviceOfferingInput,
  sql,
  updateMutation,
  writeSnapshot,
  UPDATE_MUTATION,
  type ListingKind,
  type Org,
} from '../helpers/listing-fixtures.js';

const REQUEST_INFO = 'mutation($id: ID!, $m: String!) { requestMatchInformation(id: $id, message: $m) { id status } }';
const REQUEST_APP_INFO = 'mutation($id: ID!, $m: String!) { requestChallengeApplicationInformation(id: $id, message: $m) { id awaitingInformationSince } }';
const PROVIDE_APP_INFO = 'mutation($id: ID!, $m: String!) { provideChallengeApplicationInformation(id: $id, message: $m) { id awaitingInformationSince } }';
const PROVIDE_INFO = 'mutation($id: ID!, $m: String!) { provideMatchInformation(id: $id, message: $m) { id status } }';

/**
 * Who may call which mutation, driven through the running API. Every mutation of the running
 * schema must appear here: an issue that adds a mutation adds its row and its driver below.
 */
const KINDS = ['ENTERPRISE', 'SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'] as const;
type Kind = (typeof KINDS)[number];
const BASE_ACTORS = ['anonymous', ...KINDS.flatMap((k) => [`${k}:verified`, `${k}:unverified`] as const), 'AUTHORITY'] as const;
type BaseActorKey = (typeof BASE_ACTORS)[number];
/**
 * The member-role dimension: `X:verified` and `AUTHORITY` are each organization's registrant, its
 * OWNER; `X:verified:ADMIN` / `:MEMBER` are colleagues invited into that same organization.
 */
const ROLES = ['ADMIN', 'MEMBER'] as const;
const ROLE_ACTORS = [...KINDS.flatMap((k) => ROLES.map((r) => `${k}:verified:${r}` as const)), ...ROLES.map((r) => `AUTHORITY:${r}` as const)];
const ACTORS = [...BASE_ACTORS, ...ROLE_ACTORS] as const;
type ActorKey = (typeof ACTORS)[number];
type Outcome = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';
/** The OWNER whose organization a role actor belongs to (itself for the others). */
const baseOf = (a: ActorKey): BaseActorKey => a.replace(/:(ADMIN|MEMBER)$/, '') as BaseActorKey;
const roleOf = (a: ActorKey): 'OWNER' | 'ADMIN' | 'MEMBER' => (/:ADMIN$/.test(a) ? 'ADMIN' : /:MEMBER$/.test(a) ? 'MEMBER' : 'OWNER');

const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');
const everyone = (outcome: Outcome) => Object.fromEntries(ACTORS.map((a) => [a, outcome])) as Record<ActorKey, Outcome>;
/** Rows written with `only` are about kinds: every member role gets the outcome of its organization's OWNER. */
const only = (allowed: readonly ActorKey[]): Record<ActorKey, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(baseOf(a)) ? 'allowed' : 'FORBIDDEN'])) as Record<ActorKey, Outcome>;
/** Like `only`, for OWNERs and ADMINs: a MEMBER of an allowed organization is FORBIDDEN. */
const managers = (allowed: readonly ActorKey[]): Record<ActorKey, Outcome> =>
  Object.fromEntries(Object.entries(only(allowed)).map(([a, o]) => [a, o === 'allowed' && roleOf(a as ActorKey) === 'MEMBER' ? 'FORBIDDEN' : o])) as Record<ActorKey, Outcome>;
/** Like `only`, for OWNERs alone, except that every member of the AUTHORITY acts for it. */
const ownersOrAuthority = (allowed: readonly ActorKey[]): Record<ActorKey, Outcome> =>
  Object.fromEntries(
    Object.entries(only(allowed)).map(([a, o]) => [a, o === 'allowed' && roleOf(a as ActorKey) !== 'OWNER' && baseOf(a as ActorKey) !== 'AUTHORITY' ? 'FORBIDDEN' : o]),
  ) as Record<ActorKey, Outcome>;
/** Both the verified and the unverified organization of `kind`. */
const both = (kind: Kind): ActorKey[] => [`${kind}:verified`, `${kind}:unverified`];

/** The listing kind each organization kind owns. */
const LISTING_OF: Partial<Record<Kind, ListingKind>> = {
  SERVICE_PROVIDER: 'SERVICE_OFFERING',
  BANK: 'CREDIT_PRODUCT',
  ANCHOR_ENTERPRISE: 'CHALLENGE',
  PARK_OPERATOR: 'PARK_VACANCY',
};
const LISTING_OWNER_KINDS = Object.keys(LISTING_OF) as Kind[];

const EXPECTED: Record<string, Record<ActorKey, Outcome>> = {
  register: everyone('allowed'),
  login: everyone('allowed'),
  verifyOrganization: only(['AUTHORITY']),
  // The verification desk (issue 13): the AUTHORITY decides; a member of any other kind resubmits its own organization.
  rejectOrganization: only(['AUTHORITY']),
  requestOrganizationInfo: only(['AUTHORITY']),
  revokeVerification: only(['AUTHORITY']),
  resolveUsccClaim: only(['AUTHORITY']),
  // Correcting the organization's data is management: OWNERs and ADMINs.
  resubmitOrganization: managers(KINDS.flatMap(both)),
  upsertEnterpriseProfile: only(['ENTERPRISE:verified', 'ENTERPRISE:unverified']),
  // Its partial form (issue 24): the same callers.
  patchEnterpriseProfile: only(['ENTERPRISE:verified', 'ENTERPRISE:unverified']),
  // Claimed vs confirmed titles (DOMAIN.md §8.10): the AUTHORITY decides, any of its staff.
  confirmCertification: only(['AUTHORITY']),
  rejectCertificationClaim: only(['AUTHORITY']),
  // 免申即享 payouts (issue 23): the AUTHORITY marks lines paid or withheld, any of its staff.
  markPolicyPayoutPaid: only(['AUTHORITY']),
  withholdPolicyPayout: only(['AUTHORITY']),
  recordChallengeProjectFacts: only(['AUTHORITY']),
  recordServiceProviderSelection: only(['AUTHORITY']),
  importEnterprises: only(['AUTHORITY']),
  // Asynchronous imports (issue 14): the AUTHORITY's desk, any of its staff.
  startEnterpriseImport: only(['AUTHORITY']),
  confirmEnterpriseImport: only(['AUTHORITY']),
  cancelEnterpriseImport: only(['AUTHORITY']),
  // Listings (issue 4). Drivers make the caller the owner of the target row whenever its kind could
  // own one, so these rows are about kinds and verification; the non-owner cases follow the table.
  createServiceOffering: only(both('SERVICE_PROVIDER')),
  updateServiceOffering: only(both('SERVICE_PROVIDER')),
  createCreditProduct: only(both('BANK')),
  updateCreditProduct: only(both('BANK')),
  createChallenge: only(both('ANCHOR_ENTERPRISE')),
  updateChallenge: only(both('ANCHOR_ENTERPRISE')),
  createPark: only(both('PARK_OPERATOR')),
  createParkVacancy: only(both('PARK_OPERATOR')),
  updateParkVacancy: only(both('PARK_OPERATOR')),
  // Listing lifecycle (issue 24, ADR 0031): the operator edits its park; the owner deletes a draft it never
  // published and appeals a takedown of its listing; the AUTHORITY (any of its staff) reinstates.
  updatePark: only(both('PARK_OPERATOR')),
  deleteListing: only(LISTING_OWNER_KINDS.flatMap(both)),
  appealTakedown: only(LISTING_OWNER_KINDS.flatMap(both)),
  reinstateListing: only(['AUTHORITY']),
  // Only a verified owner publishes: the unverified owner of the draft is refused.
  publishListing: only(['SERVICE_PROVIDER:verified', 'BANK:verified', 'ANCHOR_ENTERPRISE:verified', 'PARK_OPERATOR:verified']),
  // The owner (verified or not), or the AUTHORITY (下架, with a reason) on another organization's listing.
  closeListing: only([...LISTING_OWNER_KINDS.flatMap(both), 'AUTHORITY']),
  // A verified requester (issue 24): the unverified enterprise is told to get verified first.
  applyToChallenge: only(['ENTERPRISE:verified']),
  decideChallengeApplication: only(both('ANCHOR_ENTERPRISE')),
  withdrawChallengeApplication: only(both('ENTERPRISE')),
  // Match requests (issue 6): enterprises request, complete and cancel their own; owners respond to theirs.
  requestMatch: only(['ENTERPRISE:verified']),
  respondToMatchRequest: only(LISTING_OWNER_KINDS.flatMap(both)),
  completeMatchRequest: only(both('ENTERPRISE')),
  cancelMatchRequest: only(both('ENTERPRISE')),
  // Deadlines (issue 17): the owner asks its own request's firm for information; that firm answers.
  requestMatchInformation: only(LISTING_OWNER_KINDS.flatMap(both)),
  provideMatchInformation: only(both('ENTERPRISE')),
  requestChallengeApplicationInformation: only(both('ANCHOR_ENTERPRISE')),
  provideChallengeApplicationInformation: only(both('ENTERPRISE')),
  // Outcomes (issue 17): the bank owning the credit product, the service institution owning the offering.
  recordCreditDecision: only(both('BANK')),
  recordServiceDelivery: only(both('SERVICE_PROVIDER')),
  // Credentials and sessions (issue 13): on the caller's own account; reset by anyone holding a mailed token.
  logout: only(SIGNED_IN),
  revokeOtherSessions: only(SIGNED_IN),
  changePassword: only(SIGNED_IN),
  requestPasswordReset: everyone('allowed'),
  resetPassword: everyone('allowed'),
  // Drivers target the caller's own account (a member of its organization); the AUTHORITY another's.
  // …and only an OWNER unlocks its members; any of the AUTHORITY's staff unlocks anyone.
  unlockAccount: ownersOrAuthority(SIGNED_IN),
  // Notifications (issue 13): every signed-in user marks its own read state, whatever the kind.
  markNotificationsRead: only(ACTORS.filter((a) => a !== 'anonymous')),
  markAllNotificationsRead: only(ACTORS.filter((a) => a !== 'anonymous')),
  // Pushed recommendations (issue 18): every member of an enterprise, verified or not, sets its own
  // push preferences and records that its firm opened a listing.
  updateRecommendationPushPreferences: only(both('ENTERPRISE')),
  markRecommendationSeen: only(both('ENTERPRISE')),
  // Members and invitations (issue 13): every kind manages its own members, OWNERs and ADMINs only.
  inviteMember: managers(SIGNED_IN),
  revokeInvitation: managers(SIGNED_IN),
  changeMemberRole: managers(SIGNED_IN),
  removeMember: managers(SIGNED_IN),
  updateOrganization: managers(SIGNED_IN),
  // The mailed token is the credential.
  acceptInvitation: everyone('allowed'),
  // The AUTHORITY (any of its members) activates imported firms.
  inviteOrganizationOwner: only(['AUTHORITY']),
  inviteImportedOwners: only(['AUTHORITY']),
  // Re-reviews (issue 15, §8.2): the AUTHORITY (any of its staff) records or clears a pending 复核.
  recordTitleReviewPending: only(['AUTHORITY']),
  clearTitleReviewPending: only(['AUTHORITY']),
  // Conversations (issue 17 item 4): members of either side, any role; the AUTHORITY reads but writes in none.
  // Drivers make the caller a side whenever its kind can be one; other kinds are refused by kind.
  sendMatchRequestMessage: only(KINDS.flatMap(both)),
  sendChallengeApplicationMessage: only([...both('ENTERPRISE'), ...both('ANCHOR_ENTERPRISE')]),
  // Consents (issue 18): a firm's OWNER or ADMIN gives and revokes its own; a MEMBER is refused.
  grantProfileConsent: managers(both('ENTERPRISE')),
  revokeProfileConsent: managers(both('ENTERPRISE')),
  // Service vouchers (issue 22): the AUTHORITY (any of its staff) runs programmes, grants, approvals and settlement;
  // a verified firm applies (the unverified one is refused by the service); the firm attaches and confirms on its own
  // vouchers, the institution owning the match request claims.
  createVoucherProgramme: only(['AUTHORITY']),
  setVoucherProgrammeStatus: only(['AUTHORITY']),
  changeVoucherProgrammeBudget: only(['AUTHORITY']),
  addContractedInstitution: only(['AUTHORITY']),
  removeContractedInstitution: only(['AUTHORITY']),
  applyForVoucher: only(['ENTERPRISE:verified']),
  decideVoucherApplication: only(['AUTHORITY']),
  grantVouchersToEligible: only(['AUTHORITY']),
  cancelVoucher: only(['AUTHORITY']),
  attachVoucher: only(both('ENTERPRISE')),
  submitVoucherClaim: only(both('SERVICE_PROVIDER')),
  confirmVoucherClaim: only(both('ENTERPRISE')),
  decideVoucherClaim: only(['AUTHORITY']),
  settleVoucherClaims: only(['AUTHORITY']),
  clawBackVoucherClaim: only(['AUTHORITY']),
  reconcileVoucherLedger: only(['AUTHORITY']),
};

interface Actor {
  token?: string;
  organizationId?: string;
}

interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Checks that a refused call left no trace. */
  unchanged?: () => Promise<void>;
  /**
   * Sent instead of the actor's shared token (null: none): another organization of the actor's kind
   * set up by the driver, or a fresh sign-in for calls that end sessions.
   */
  token?: string | null;
  /** Runs after the call, allowed or not: undoes what would break the shared tokens and passwords. */
  after?: () => Promise<void>;
}

function registration(kind: Kind) {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  return {
    email: `access-${tag.toLowerCase()}@access.test`,
    password: 'access-password-1',
    displayName: `Access ${tag}`,
    organization: { kind, name: `访问测试 ${kind} ${tag}`, uscc: makeUscc('91', '330211', tag), regionCode: '330211' },
  };
}

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id organization { id } } } }`;
const INVITE = `mutation($e: String!, $r: MemberRole!) { inviteMember(email: $e, role: $r) { id } }`;
const ACCEPT = `mutation($t: String!, $p: String!, $n: String!) { acceptInvitation(token: $t, password: $p, displayName: $n) { accessToken user { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`;
const CREDIT_DECISION = `mutation($id: ID!, $i: CreditDecisionInput!) { recordCreditDecision(requestId: $id, input: $i) { id } }`;
const SERVICE_DELIVERY = `mutation($id: ID!, $i: ServiceDeliveryInput!) { recordServiceDelivery(requestId: $id, input: $i) { id } }`;
const CHANGE_ROLE = `mutation($u: ID!, $r: MemberRole!) { changeMemberRole(userId: $u, role: $r) { id role } }`;
const REMOVE = `mutation($u: ID!) { removeMember(userId: $u) { id } }`;
const UPDATE_ORG = `mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id description } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const RESUBMIT = `mutation($i: ResubmitOrganizationInput!) { resubmitOrganization(input: $i) { id } }`;

describe('access table: every mutation × every kind of caller', () => {
  let app: TestApp;
  const actors = new Map<ActorKey, Actor>();
  const passwords = new Map<ActorKey, { email: string; password: string }>();

  async function register(kind: Kind): Promise<{ token: string; organizationId: string; email: string; password: string }> {
    const input = registration(kind);
    const res = await app.gql(REGISTER, { i: input });
    expect(res.errors).toBeUndefined();
    return { token: res.data!.register.accessToken, organizationId: res.data!.register.user.organization.id, email: input.email, password: input.password };
  }

  const verifiedFlag = async (organizationId: string): Promise<boolean> => {
    const [row] = await app.started.runtime.database.dataSource.query('SELECT verified FROM organizations WHERE id = $1', [organizationId]);
    return row.verified as boolean;
  };

  /** An import waiting for confirmation, of an empty list (a run of it writes nothing). */
  const previewReadyImport = async (): Promise<string> => {
    const [row] = await sql(
      app,
      `INSERT INTO enterprise_imports (status, filename, content, file_bytes, created_by, parsed_rows, preview)
       SELECT 'PREVIEW_READY', 'access.csv', '\\x00'::bytea, 1, id, '[]'::jsonb, '{"wouldCreate":0,"wouldUpdate":0,"rejected":[]}'::jsonb FROM users LIMIT 1 RETURNING id`,
    );
    return row.id as string;
  };

  /** How to call each mutation as `actor` so that, if allowed, it succeeds. */
  const DRIVERS: Record<string, (actor: ActorKey) => Promise<Call>> = {
    register: async () => ({ query: REGISTER, variables: { i: registration('ENTERPRISE') } }),
    importEnterprises: async () => {
      const uscc = makeUscc('91', '330281', randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A'));
      const csv = [
        'uscc,name,regionCode,industryCode,tier,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense',
        `${uscc},余姚市访问测试导入有限公司,330281,C3484,NONE,2015-01-01,2015-01-01,2025,10000000,9000000,500000`,
      ].join('\n');
      return {
        query: `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { created } }`,
        variables: { i: { filename: 'access.csv', contentBase64: Buffer.from(csv).toString('base64') } },
        unchanged: async () => {
          const rows = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM organizations WHERE uscc = $1', [uscc]);
          expect(rows[0].n).toBe(0);
        },
      };
    },
    startEnterpriseImport: async () => {
      const filename = `access-${randomBytes(4).toString('hex')}.csv`;
      return {
        query: `mutation($i: EnterpriseImportInput!) { startEnterpriseImport(input: $i) { id status } }`,
        variables: { i: { filename, contentBase64: Buffer.from('uscc,name\n').toString('base64') } },
        unchanged: async () => {
          const rows = await sql(app, 'SELECT count(*)::int AS n FROM enterprise_imports WHERE filename = $1', [filename]);
          expect(rows[0].n).toBe(0);
        },
      };
    },
    confirmEnterpriseImport: async () => {
      const id = await previewReadyImport();
      return {
        query: `mutation($id: ID!) { confirmEnterpriseImport(id: $id) { id status } }`,
        variables: { id },
        unchanged: async () => expect((await sql(app, 'SELECT status FROM enterprise_imports WHERE id = $1', [id]))[0].status).toBe('PREVIEW_READY'),
      };
    },
    cancelEnterpriseImport: async () => {
      const id = await previewReadyImport();
      return {
        query: `mutation($id: ID!) { cancelEnterpriseImport(id: $id) { id status } }`,
        variables: { id },
        unchanged: async () => expect((await sql(app, 'SELECT status FROM enterprise_imports WHERE id = $1', [id]))[0].status).toBe('PREVIEW_READY'),
      };
    },
    confirmCertification: async () =>
      titleDecisionDriver(`mutation($id: ID!) { confirmCertification(organizationId: $id, tier: LITTLE_GIANT, certifiedOn: "2025-03-01") { tierProvenance } }`),
    rejectCertificationClaim: async () =>
      titleDecisionDriver(`mutation($id: ID!) { rejectCertificationClaim(organizationId: $id, reason: "未见认定文件") { tierProvenance } }`),
    markPolicyPayoutPaid: async () =>
      payoutDriver(`mutation($id: ID!) { markPolicyPayoutPaid(input: { entitlementId: $id, paidOn: "2025-06-30", reference: "YY-2025-001" }) { id } }`),
    recordChallengeProjectFacts: async () => {
      const applicationId = await applicationTo(await publishedListingOf('ANCHOR_ENTERPRISE:verified'), 'ENTERPRISE:verified');
      ok(await app.gql(DECIDE, { id: applicationId, d: 'ACCEPT' }, tokenOf('ANCHOR_ENTERPRISE:verified')), 'decideChallengeApplication');
      return {
        query: `mutation($id: ID!) { recordChallengeProjectFacts(input: { applicationId: $id, category: INDUSTRIAL, plannedInvestment: 2000000 }) { applicationId } }`,
        variables: { id: applicationId },
        unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM challenge_project_records WHERE application_id = $1', [applicationId]))[0].n).toBe(0),
      };
    },
    recordServiceProviderSelection: async () => {
      const provider = await register('SERVICE_PROVIDER');
      await sql(app, 'UPDATE organizations SET verified = true WHERE id = $1', [provider.organizationId]);
      await actorChanged(app.started.runtime.database.dataSource, { organizationIds: [provider.organizationId] });
      return {
        query: `mutation($id: ID!) { recordServiceProviderSelection(input: { organizationId: $id, year: 2025, award: 300000, selectedOn: "2025-12-20" }) { year } }`,
        variables: { id: provider.organizationId },
        unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM service_provider_selections WHERE organization_id = $1', [provider.organizationId]))[0].n).toBe(0),
      };
    },
    withholdPolicyPayout: async () => payoutDriver(`mutation($id: ID!) { withholdPolicyPayout(input: { entitlementId: $id, reasonCode: "POOR_CREDIT" }) { id } }`),
    upsertEnterpriseProfile: async (actor) => ({
      query: UPSERT_PROFILE,
      variables: { i: profileInput() },
      unchanged: async () => {
        const orgId = actors.get(actor)?.organizationId;
        const rows = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM enterprise_profiles WHERE organization_id = $1', [orgId ?? '00000000-0000-0000-0000-000000000000']);
        expect(rows[0].n).toBe(0);
      },
    }),
    login: async (actor) => ({ query: LOGIN, variables: { i: passwords.get(actor) ?? TEST_AUTHORITY } }),
    verifyOrganization: async () => {
      const target = await register('BANK');
      return {
        query: `mutation($id: ID!) { verifyOrganization(id: $id) { id verified } }`,
        variables: { id: target.organizationId },
        unchanged: async () => expect(await verifiedFlag(target.organizationId)).toBe(false),
      };
    },

    rejectOrganization: async () => decisionDriver('rejectOrganization', 'PENDING', { reason: '材料不全' }),
    requestOrganizationInfo: async () => decisionDriver('requestOrganizationInfo', 'PENDING', { message: '请补充营业执照' }),
    revokeVerification: async () => decisionDriver('revokeVerification', 'VERIFIED', { reason: '资质存疑' }),
    resolveUsccClaim: async () => {
      // A PENDING registrant with an open claim conflict (the row an import writes); an allowed call confirms it.
      const target = await register('ENTERPRISE');
      await sql(app, `INSERT INTO uscc_claim_conflicts (organization_id, uscc, imported_name) SELECT id, uscc, '访问测试导入企业' FROM organizations WHERE id = $1`, [target.organizationId]);
      const stateOf = async () =>
        (
          await sql(
            app,
            `SELECT o.verification_state AS state, o.uscc IS NULL AS released, c.outcome, (SELECT count(*)::int FROM organization_verification_decisions d WHERE d.organization_id = o.id) AS n
               FROM organizations o JOIN uscc_claim_conflicts c ON c.organization_id = o.id WHERE o.id = $1`,
            [target.organizationId],
          )
        )[0];
      const unchanged = await nothingWritten();
      return {
        query: `mutation($id: ID!) { resolveUsccClaim(organizationId: $id, outcome: CLAIMANT_CONFIRMED, reason: "核实为本企业") { id } }`,
        variables: { id: target.organizationId },
        unchanged: async () => {
          await unchanged();
          expect(await stateOf()).toEqual({ state: 'PENDING', released: false, outcome: null, n: 0 });
        },
      };
    },
    resubmitOrganization: async (actor) => {
      // A fresh organization of the caller's kind, so the shared actors keep their state: rejected
      // ("unverified") or verified then revoked ("verified"); the AUTHORITY and anonymous call as themselves.
      if (actor === 'anonymous' || baseOf(actor) === 'AUTHORITY') return { query: RESUBMIT, variables: { i: { note: '已更正' } } };
      const kind = actor.split(':')[0] as Kind;
      const org = await register(kind);
      const authority = tokenOf('AUTHORITY');
      if (actor.endsWith(':verified')) {
        ok(await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: org.organizationId }, authority), 'verifyOrganization');
        ok(await app.gql(`mutation($id: ID!) { revokeVerification(id: $id, reason: "资质存疑") { id } }`, { id: org.organizationId }, authority), 'revokeVerification');
      } else {
        ok(await app.gql(`mutation($id: ID!) { rejectOrganization(id: $id, reason: "材料不全") { id } }`, { id: org.organizationId }, authority), 'rejectOrganization');
      }
      if (roleOf(actor) === 'OWNER') return { query: RESUBMIT, variables: { i: { note: '已更正' } }, token: org.token };
      // An ADMIN or MEMBER of that fresh organization calls.
      const email = `resubmit-${randomBytes(5).toString('hex')}@access.test`;
      ok(await app.gql(INVITE, { e: email, r: roleOf(actor) }, org.token), 'inviteMember');
      const [mail] = await keptMails(app, email);
      const member = ok<{ accessToken: string }>(await app.gql(ACCEPT, { t: tokenIn(mail!.body), p: 'member-password-1', n: '更正材料的同事' }), 'acceptInvitation');
      return { query: RESUBMIT, variables: { i: { note: '已更正' } }, token: member.accessToken };
    },

    createServiceOffering: async () => ({ query: createMutation('SERVICE_OFFERING'), variables: { i: serviceOfferingInput() }, unchanged: await nothingWritten() }),
    createCreditProduct: async () => ({ query: createMutation('CREDIT_PRODUCT'), variables: { i: creditProductInput() }, unchanged: await nothingWritten() }),
    createChallenge: async () => ({ query: createMutation('CHALLENGE'), variables: { i: challengeInput() }, unchanged: await nothingWritten() }),
    createPark: async () => ({ query: CREATE_PARK, variables: { i: parkInput() }, unchanged: await nothingWritten() }),
    createParkVacancy: async (actor) => {
      const park = await createPark(app, tokenOf(ownerFor(actor, 'PARK_OPERATOR')));
      return { query: createMutation('PARK_VACANCY'), variables: { i: parkVacancyInput(park.id) }, unchanged: await nothingWritten() };
    },
    updatePark: async (actor) => {
      const park = await createPark(app, tokenOf(ownerFor(actor, 'PARK_OPERATOR')));
      const unchanged = await nothingWritten();
      return { query: `mutation($id: ID!, $p: ParkPatch!) { updatePark(id: $id, patch: $p) { id name } }`, variables: { id: park.id, p: { name: '改名后的园区' } }, unchanged };
    },
    deleteListing: async (actor) => {
      // The caller's own draft when it can own listings; otherwise a verified provider's.
      const target = await draftOf(isListingOwner(actor) ? actor : 'SERVICE_PROVIDER:verified');
      const unchanged = await nothingWritten();
      return { query: `mutation($id: ID!) { deleteListing(id: $id) }`, variables: { id: target.id }, unchanged };
    },
    appealTakedown: async (actor) => {
      // The caller's own listing, taken down by the AUTHORITY; others meet a provider's taken-down listing.
      const owner = isListingOwner(actor) ? actor : 'SERVICE_PROVIDER:verified';
      const id = await publishedListingOf(owner);
      ok(await app.gql(CLOSE, { id, reason: '信息与实际不符，予以下架' }, tokenOf('AUTHORITY')), 'closeListing');
      const unchanged = await nothingWritten();
      return { query: `mutation($id: ID!, $m: String!) { appealTakedown(id: $id, message: $m) { id status } }`, variables: { id, m: '已按要求更正服务价格' }, unchanged };
    },
    reinstateListing: async () => {
      const id = await publishedListingOf('SERVICE_PROVIDER:verified');
      ok(await app.gql(CLOSE, { id, reason: '信息与实际不符，予以下架' }, tokenOf('AUTHORITY')), 'closeListing');
      const unchanged = await nothingWritten();
      return {
        query: `mutation($id: ID!, $n: String!) { reinstateListing(id: $id, note: $n) { id status } }`,
        variables: { id, n: '已核实更正，恢复发布' },
        unchanged: async () => {
          await unchanged();
          expect((await listingRow(app, id))?.status).toBe('CLOSED');
        },
      };
    },
    patchEnterpriseProfile: async (actor) => {
      // The caller's own profile when it is an enterprise (written whole first); others meet their own lack of one.
      if (actor !== 'anonymous' && baseOf(actor).startsWith('ENTERPRISE:')) {
        const has = (await sql(app, 'SELECT count(*)::int AS n FROM enterprise_profiles WHERE organization_id = $1', [actors.get(baseOf(actor))!.organizationId]))[0].n;
        if (has === 0) ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, tokenOf(baseOf(actor))), 'upsertEnterpriseProfile');
      }
      return {
        query: `mutation($p: EnterpriseProfilePatch!) { patchEnterpriseProfile(patch: $p) { organization { id } capabilities } }`,
        variables: { p: { capabilities: `访问测试修改的核心技术 ${randomBytes(3).toString('hex')}` } },
      };
    },
    updateServiceOffering: (actor) => updateDriver(actor, 'SERVICE_PROVIDER'),
    updateCreditProduct: (actor) => updateDriver(actor, 'BANK'),
    updateChallenge: (actor) => updateDriver(actor, 'ANCHOR_ENTERPRISE'),
    updateParkVacancy: (actor) => updateDriver(actor, 'PARK_OPERATOR'),
    publishListing: async (actor) => {
      // The caller's own draft when it can own listings; otherwise a verified provider's draft.
      const owner = isListingOwner(actor) ? actor : 'SERVICE_PROVIDER:verified';
      const target = await draftOf(owner);
      const unchanged = await nothingWritten();
      return {
        query: PUBLISH,
        variables: { id: target.id },
        unchanged: async () => {
          await unchanged();
          expect(await listingRow(app, target.id)).toMatchObject({ status: 'DRAFT', version: 1 });
        },
      };
    },
    closeListing: async (actor) => {
      // An owner closes its own draft; anyone else (AUTHORITY, ENTERPRISE) meets a provider's published offering.
      const owner = isListingOwner(actor) ? actor : 'SERVICE_PROVIDER:verified';
      const target = await draftOf(owner);
      if (owner !== actor) await publishListing(app, tokenOf(owner), target.id);
      const unchanged = await nothingWritten();
      return {
        query: CLOSE,
        variables: { id: target.id, reason: '信息与实际不符，予以下架' },
        unchanged: async () => {
          await unchanged();
          expect((await listingRow(app, target.id))?.status).toBe('PUBLISHED');
        },
      };
    },
    applyToChallenge: async () => {
      const challengeId = await publishedListingOf('ANCHOR_ENTERPRISE:verified');
      const unchanged = await nothingWritten();
      return {
        query: APPLY,
        // With the profile-sharing consent (ADR 0028): the argument opens nothing to a caller the mutation refuses.
        variables: { i: { challengeId, proposal: '采用国产谐波齿形优化方案，10 个月完成样机。', quote: 2_000_000, shareProfile: true } },
        unchanged: async () => {
          await unchanged();
          expect((await sql(app, 'SELECT count(*)::int AS n FROM challenge_applications WHERE challenge_id = $1', [challengeId]))[0].n).toBe(0);
        },
      };
    },
    decideChallengeApplication: async (actor) => {
      const owner = actor.startsWith('ANCHOR_ENTERPRISE:') ? actor : 'ANCHOR_ENTERPRISE:verified';
      const applicationId = await applicationTo(await publishedListingOf(owner), 'ENTERPRISE:verified');
      const unchanged = await nothingWritten();
      return {
        query: DECIDE,
        variables: { id: applicationId, d: 'SHORTLIST', c: '方案思路清晰，进入入围名单' },
        unchanged: async () => {
          await unchanged();
          expect(await applicationStatus(applicationId)).toBe('SUBMITTED');
        },
      };
    },
    requestChallengeApplicationInformation: async (actor) => {
      const owner = actor.startsWith('ANCHOR_ENTERPRISE:') ? actor : 'ANCHOR_ENTERPRISE:verified';
      const applicationId = await applicationTo(await publishedListingOf(owner), 'ENTERPRISE:verified');
      const unchanged = await nothingWritten();
      return { query: REQUEST_APP_INFO, variables: { id: applicationId, m: '请补充样机测试报告' }, unchanged };
    },
    provideChallengeApplicationInformation: async (actor) => {
      const applicant = actor.startsWith('ENTERPRISE:') ? actor : 'ENTERPRISE:verified';
      const applicationId = await applicationTo(await publishedListingOf('ANCHOR_ENTERPRISE:verified'), applicant);
      ok(await app.gql(REQUEST_APP_INFO, { id: applicationId, m: '请补充样机测试报告' }, tokenOf('ANCHOR_ENTERPRISE:verified')), 'requestChallengeApplicationInformation');
      const unchanged = await nothingWritten();
      return { query: PROVIDE_APP_INFO, variables: { id: applicationId, m: '测试报告已补充' }, unchanged };
    },
    withdrawChallengeApplication: async (actor) => {
      const applicant = actor.startsWith('ENTERPRISE:') ? actor : 'ENTERPRISE:verified';
      const applicationId = await applicationTo(await publishedListingOf('ANCHOR_ENTERPRISE:verified'), applicant);
      const unchanged = await nothingWritten();
      return {
        query: WITHDRAW,
        variables: { id: applicationId },
        unchanged: async () => {
          await unchanged();
          expect(await applicationStatus(applicationId)).toBe('SUBMITTED');
        },
      };
    },
    requestMatch: async () => {
      const listingId = await publishedListingOf('SERVICE_PROVIDER:verified');
      const unchanged = await nothingWritten();
      return {
        query: REQUEST_MATCH,
        variables: { i: { listingId, shareProfile: true, message: '希望了解服务方案与报价' } },
        unchanged: async () => {
          await unchanged();
          expect((await sql(app, 'SELECT count(*)::int AS n FROM match_requests WHERE listing_id = $1', [listingId]))[0].n).toBe(0);
        },
      };
    },
    respondToMatchRequest: async (actor) => {
      // The caller's own listing when it can own one; otherwise a verified bank's.
      const owner = isListingOwner(actor) ? actor : 'BANK:verified';
      const requestId = await requestAs('ENTERPRISE:verified', await publishedListingOf(owner));
      return stateUnchanged(requestId, 'PENDING', { query: RESPOND, variables: { id: requestId, accept: true, m: '欢迎对接，请提供近两年财报' } });
    },
    completeMatchRequest: async (actor) => {
      const requester = actor.startsWith('ENTERPRISE:') ? actor : 'ENTERPRISE:verified';
      const requestId = await requestAs(requester, await publishedListingOf('BANK:verified'));
      ok(await app.gql(RESPOND, { id: requestId, accept: true }, tokenOf('BANK:verified')), 'respondToMatchRequest');
      return stateUnchanged(requestId, 'ACCEPTED', { query: COMPLETE, variables: { id: requestId, o: 'SUCCESS', r: 5 } });
    },
    sendMatchRequestMessage: async (actor) => {
      // The caller's organization is the enterprise or the listing's owner when its kind can be; else a request between two others.
      const base = actor === 'anonymous' ? 'AUTHORITY' : baseOf(actor);
      const requester = base.startsWith('ENTERPRISE:') ? base : 'ENTERPRISE:verified';
      const owner = isListingOwner(base) ? base : 'BANK:verified';
      const requestId = await requestAs(requester, await publishedListingOf(owner));
      return messageDriver(requestId, `mutation($id: ID!) { sendMatchRequestMessage(id: $id, input: { body: "请提供近两年财报" }) { id } }`);
    },
    grantProfileConsent: async (actor) => {
      // A standing consent of the caller's organization (the verified firm's for other kinds) to the verified bank.
      const grantor = actors.get(actor === 'anonymous' ? 'ENTERPRISE:verified' : baseOf(actor))?.organizationId ?? actors.get('ENTERPRISE:verified')!.organizationId!;
      const bank = actors.get('BANK:verified')!.organizationId!;
      const grantee = grantor === bank ? actors.get('ENTERPRISE:verified')!.organizationId! : bank;
      const count = async () => (await sql(app, 'SELECT count(*)::int AS n FROM profile_consents WHERE grantor_organization_id = $1', [grantor]))[0].n as number;
      const before = await count();
      return {
        query: 'mutation($i: GrantProfileConsentInput!) { grantProfileConsent(input: $i) { id status } }',
        variables: { i: { granteeOrganizationId: grantee, sections: ['BASIC'] } },
        unchanged: async () => expect(await count()).toBe(before),
      };
    },
    revokeProfileConsent: async (actor) => {
      // A consent the caller's firm gave (the verified firm's for other kinds), given by its OWNER.
      const firm = actor.startsWith('ENTERPRISE:') ? baseOf(actor) : 'ENTERPRISE:verified';
      const given = ok(
        await app.gql('mutation($i: GrantProfileConsentInput!) { grantProfileConsent(input: $i) { id } }', { i: { granteeOrganizationId: actors.get('BANK:verified')!.organizationId, sections: ['BASIC'] } }, tokenOf(firm)),
        'grantProfileConsent',
      ).id as string;
      return {
        query: 'mutation($id: ID!) { revokeProfileConsent(id: $id) { id status } }',
        variables: { id: given },
        unchanged: async () => expect((await sql(app, 'SELECT revoked_at FROM profile_consents WHERE id = $1', [given]))[0].revoked_at).toBeNull(),
      };
    },
    sendChallengeApplicationMessage: async (actor) => {
      const base = actor === 'anonymous' ? 'AUTHORITY' : baseOf(actor);
      const applicant = base.startsWith('ENTERPRISE:') ? base : 'ENTERPRISE:verified';
      const anchor = base.startsWith('ANCHOR_ENTERPRISE:') ? base : 'ANCHOR_ENTERPRISE:verified';
      const applicationId = await applicationTo(await publishedListingOf(anchor), applicant);
      return messageDriver(applicationId, `mutation($id: ID!) { sendChallengeApplicationMessage(id: $id, input: { body: "样机进度如何？" }) { id } }`);
    },
    cancelMatchRequest: async (actor) => {
      const requester = actor.startsWith('ENTERPRISE:') ? actor : 'ENTERPRISE:verified';
      const requestId = await requestAs(requester, await publishedListingOf('BANK:verified'));
      return stateUnchanged(requestId, 'PENDING', { query: CANCEL, variables: { id: requestId } });
    },
    requestMatchInformation: async (actor) => {
      const owner = isListingOwner(actor) ? actor : 'BANK:verified';
      const requestId = await requestAs('ENTERPRISE:verified', await publishedListingOf(owner));
      return stateUnchanged(requestId, 'PENDING', { query: REQUEST_INFO, variables: { id: requestId, m: '请补充近两年财务报表' } });
    },
    provideMatchInformation: async (actor) => {
      const requester = actor.startsWith('ENTERPRISE:') ? actor : 'ENTERPRISE:verified';
      const requestId = await requestAs(requester, await publishedListingOf('BANK:verified'));
      ok(await app.gql(REQUEST_INFO, { id: requestId, m: '请补充近两年财务报表' }, tokenOf('BANK:verified')), 'requestMatchInformation');
      return stateUnchanged(requestId, 'PENDING', { query: PROVIDE_INFO, variables: { id: requestId, m: '财务报表已补充，请查收' } });
    },
    recordCreditDecision: async (actor) => {
      const requestId = await acceptedRequestOf(actor.startsWith('BANK:') ? actor : 'BANK:verified');
      const variables = { id: requestId, i: { approved: false, declineReasonCode: 'CREDIT_INELIGIBLE' } };
      return outcomeUnchanged(requestId, await stateUnchanged(requestId, 'ACCEPTED', { query: CREDIT_DECISION, variables }));
    },
    recordServiceDelivery: async (actor) => {
      const requestId = await acceptedRequestOf(actor.startsWith('SERVICE_PROVIDER:') ? actor : 'SERVICE_PROVIDER:verified');
      const variables = { id: requestId, i: { deliveredOn: beijingDate(0), price: 80_000 } };
      return outcomeUnchanged(requestId, await stateUnchanged(requestId, 'ACCEPTED', { query: SERVICE_DELIVERY, variables }));
    },

    // Session-ending calls use a fresh sign-in of the actor; `after` puts back what the shared token needs.
    logout: async (actor) => ({ query: `mutation { logout }`, token: await freshToken(actor), unchanged: await sessionsUnchanged() }),
    revokeOtherSessions: async (actor) => ({
      query: `mutation { revokeOtherSessions }`,
      token: await freshToken(actor),
      unchanged: await sessionsUnchanged(),
      after: () => restoreAccount(actor),
    }),
    changePassword: async (actor) => ({
      query: `mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }`,
      variables: { c: passwords.get(actor)?.password ?? 'access-password-1', n: 'changed-access-password-1' },
      token: await freshToken(actor),
      unchanged: await sessionsUnchanged(),
      after: await restoreAccountLater(actor),
    }),
    requestPasswordReset: async () => ({
      query: `mutation($e: String!) { requestPasswordReset(email: $e) }`,
      variables: { e: `reset-${randomBytes(4).toString('hex')}@access.test` },
    }),
    resetPassword: async () => {
      // A throwaway account with an open reset token (its sessions end; nobody else's).
      const target = await register('ENTERPRISE');
      const raw = randomBytes(32).toString('base64url');
      await sql(app, `INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) SELECT $1, id, now() + interval '30 minutes' FROM users WHERE email = $2`, [
        createHash('sha256').update(raw).digest('hex'),
        target.email,
      ]);
      return { query: `mutation($t: String!, $n: String!) { resetPassword(token: $t, next: $n) }`, variables: { t: raw, n: 'reset-access-password-1' } };
    },
    unlockAccount: async (actor) => {
      // The caller's own account (a member of its organization); for the AUTHORITY and anonymous, a new one.
      const email = actor === 'AUTHORITY' || actor === 'anonymous' ? (await register('BANK')).email : passwords.get(actor)!.email;
      const [{ id }] = await sql(app, 'SELECT id FROM users WHERE email = $1', [email]);
      await sql(app, `INSERT INTO login_throttle (key, window_start, failures, locked_until) VALUES ($1, now(), 5, now() + interval '15 minutes') ON CONFLICT (key) DO UPDATE SET locked_until = EXCLUDED.locked_until`, [
        throttleKeys.pair(email, '203.0.113.250'),
      ]);
      return {
        query: `mutation($u: ID!) { unlockAccount(userId: $u) }`,
        variables: { u: id },
        unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM login_throttle WHERE key = $1 AND locked_until > now()', [throttleKeys.pair(email, '203.0.113.250')]))[0].n).toBe(1),
      };
    },
    markNotificationsRead: (actor) => notificationDriver(actor, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', true),
    markAllNotificationsRead: (actor) => notificationDriver(actor, 'mutation { markAllNotificationsRead }', false),
    updateRecommendationPushPreferences: async () => {
      const before = (await sql(app, 'SELECT count(*)::int AS n FROM recommendation_preferences'))[0].n;
      return {
        query: 'mutation($i: RecommendationPushPreferencesInput!) { updateRecommendationPushPreferences(input: $i) { minScore } }',
        variables: { i: { minScore: 42, digestByMail: true } },
        unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM recommendation_preferences'))[0].n).toBe(before),
      };
    },
    markRecommendationSeen: async () => {
      const listingId = await publishedListingOf('BANK:verified');
      return {
        query: 'mutation($id: ID!) { markRecommendationSeen(listingId: $id) }',
        variables: { id: listingId },
        unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM recommendation_views WHERE listing_id = $1', [listingId]))[0].n).toBe(0),
      };
    },
  };

  // ------------------------------------------------------------ member drivers

  /** The organization a caller acts in, as its OWNER; anonymous callers meet a verified enterprise's rows. */
  const orgOwner = (actor: ActorKey): BaseActorKey => (actor === 'anonymous' ? 'ENTERPRISE:verified' : baseOf(actor));

  /** Invites `email` into `owner`'s organization and returns the raw token from the kept mail. */
  async function invitationToken(owner: BaseActorKey, email: string, role = 'MEMBER'): Promise<{ id: string; token: string }> {
    const inv = ok<{ id: string }>(await app.gql(INVITE, { e: email, r: role }, tokenOf(owner)), 'inviteMember');
    const [mail] = await keptMails(app, email);
    return { id: inv.id, token: tokenIn(mail!.body) };
  }

  /** A new MEMBER of `owner`'s organization; returns its user id and token. */
  async function newMember(owner: BaseActorKey, role = 'MEMBER'): Promise<{ userId: string; token: string }> {
    const email = `member-${randomBytes(5).toString('hex')}@access.test`;
    const { token } = await invitationToken(owner, email, role);
    const res = ok<{ accessToken: string; user: { id: string } }>(await app.gql(ACCEPT, { t: token, p: 'member-password-1', n: '访问测试成员' }), 'acceptInvitation');
    return { userId: res.user.id, token: res.accessToken };
  }

  const userRow = async (id: string) => (await sql(app, 'SELECT organization_id, role FROM users WHERE id = $1', [id]))[0];

  /** An ENTERPRISE organization as the import creates it: verified, no account; `contactEmail` as its 邮箱. */
  async function importedFirm(contactEmail: string | null): Promise<string> {
    const [row] = await sql(
      app,
      `INSERT INTO organizations (kind, name, uscc, region_code, verified, verified_at, contact_email) VALUES ('ENTERPRISE', $1, $2, '330281', true, now(), $3) RETURNING id`,
      [`余姚市访问测试导入${randomBytes(3).toString('hex')}有限公司`, makeUscc('91', '330281', randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A')), contactEmail],
    );
    return row.id as string;
  }

  /** An imported 小巨人 whose title expired yesterday, with a pending re-review until `pendingUntil` (or none). */
  async function titledFirm(pendingUntil: string | null): Promise<string> {
    const org = await importedFirm(null);
    await sql(
      app,
      `INSERT INTO enterprise_profiles (organization_id, industry_code, tier, tier_certified_on, founded_on, main_business_since, tier_review_pending_until)
       VALUES ($1, 'C34', 'LITTLE_GIANT', $2::date, '2010-01-01', '2010-01-01', $3::date)`,
      [org, addMonthsClamped(beijingDate(-1), -36), pendingUntil],
    );
    return org;
  }
  const pendingUntilOf = async (org: string) =>
    (await sql(app, 'SELECT tier_review_pending_until::text AS d FROM enterprise_profiles WHERE organization_id = $1', [org]))[0].d as string | null;

  const invitationCount = async (where: string, params: unknown[]) => (await sql(app, `SELECT count(*)::int AS n FROM invitations WHERE ${where}`, params))[0].n as number;

  // ------------------------------------------------------------ service vouchers (issue 22)

  /** A voucher call whose refusal must leave every voucher table (and the listing tables) as it was. */
  async function voucherCall(query: string, variables: Record<string, unknown>): Promise<Call> {
    const before = await voucherSnapshot(app);
    const unchanged = await nothingWritten();
    return {
      query,
      variables,
      unchanged: async () => {
        await unchanged();
        expect(await voucherSnapshot(app)).toBe(before);
      },
    };
  }
  const orgOf = (actor: ActorKey) => actors.get(orgOwner(actor))!.organizationId!;
  const firmFor = (actor: ActorKey) => orgOf(ownerFor(actor, 'ENTERPRISE'));
  const institutionFor = (actor: ActorKey) => orgOf(ownerFor(actor, 'SERVICE_PROVIDER'));

  Object.assign(DRIVERS, {
    createVoucherProgramme: async (): Promise<Call> =>
      voucherCall(`mutation($i: VoucherProgrammeInput!) { createVoucherProgramme(input: $i) { id status } }`, {
        i: { name: `访问测试项目 ${randomBytes(3).toString('hex')}`, issuer: '宁波市经济和信息化局', budget: '100000', coverPercent: 50, capPerVoucher: '20000', capPerFirmYear: '100000', serviceCategories: ['POLICY_APPLICATION'], applyFrom: beijingDate(0), applyUntil: beijingDate(90), validityMonths: 9 },
      }),
    setVoucherProgrammeStatus: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'DRAFT_PROGRAMME');
      return voucherCall(`mutation($id: ID!) { setVoucherProgrammeStatus(id: $id, status: OPEN) { id status } }`, { id: f.programmeId });
    },
    changeVoucherProgrammeBudget: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'OPEN_PROGRAMME');
      return voucherCall(`mutation($id: ID!) { changeVoucherProgrammeBudget(id: $id, budget: "20000.50", reason: "追加预算") { id } }`, { id: f.programmeId });
    },
    addContractedInstitution: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'OPEN_PROGRAMME');
      return voucherCall(`mutation($p: ID!, $i: ID!) { addContractedInstitution(programmeId: $p, institutionId: $i, reason: "招标入围") { id } }`, { p: f.programmeId, i: orgOf('SERVICE_PROVIDER:verified') });
    },
    removeContractedInstitution: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'OPEN_PROGRAMME', undefined, orgOf('SERVICE_PROVIDER:verified'));
      return voucherCall(`mutation($p: ID!, $i: ID!) { removeContractedInstitution(programmeId: $p, institutionId: $i, reason: "服务质量不达标") { id } }`, { p: f.programmeId, i: orgOf('SERVICE_PROVIDER:verified') });
    },
    applyForVoucher: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'OPEN_PROGRAMME');
      return voucherCall(`mutation($p: ID!) { applyForVoucher(programmeId: $p, serviceCategory: "POLICY_APPLICATION", amount: "1000", purpose: "专精特新申报辅导") { id status } }`, { p: f.programmeId });
    },
    decideVoucherApplication: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'APPLIED', orgOf('ENTERPRISE:verified'));
      return voucherCall(`mutation($v: ID!) { decideVoucherApplication(voucherId: $v, approve: true) { id status } }`, { v: f.voucherId });
    },
    grantVouchersToEligible: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'OPEN_PROGRAMME');
      await sql(app, `UPDATE voucher_programmes SET eligible_organization_ids = ARRAY[$2::uuid] WHERE id = $1`, [f.programmeId, orgOf('ENTERPRISE:verified')]);
      return voucherCall(`mutation($p: ID!) { grantVouchersToEligible(programmeId: $p, serviceCategory: "POLICY_APPLICATION", amount: "500") { id status } }`, { p: f.programmeId });
    },
    cancelVoucher: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'GRANTED', orgOf('ENTERPRISE:verified'));
      return voucherCall(`mutation($v: ID!) { cancelVoucher(voucherId: $v, reason: "企业已注销") { id status } }`, { v: f.voucherId });
    },
    attachVoucher: async (actor: ActorKey): Promise<Call> => {
      const f = await voucherFixture(app, 'ATTACHED', firmFor(actor), orgOf('SERVICE_PROVIDER:verified'));
      await sql(app, `UPDATE vouchers SET match_request_id = NULL WHERE id = $1`, [f.voucherId]);
      return voucherCall(`mutation($v: ID!, $r: ID!) { attachVoucher(voucherId: $v, matchRequestId: $r) { id matchRequestId } }`, { v: f.voucherId, r: f.requestId });
    },
    submitVoucherClaim: async (actor: ActorKey): Promise<Call> => {
      const f = await voucherFixture(app, 'ATTACHED', orgOf('ENTERPRISE:verified'), institutionFor(actor));
      return voucherCall(`mutation($v: ID!, $i: VoucherClaimInput!) { submitVoucherClaim(voucherId: $v, input: $i) { id status } }`, {
        v: f.voucherId,
        i: { contractValue: '1500', claimAmount: '600', invoiceNumber: 'INV-ACCESS', deliveredOn: beijingDate(0) },
      });
    },
    confirmVoucherClaim: async (actor: ActorKey): Promise<Call> => {
      const f = await voucherFixture(app, 'SUBMITTED', firmFor(actor), orgOf('SERVICE_PROVIDER:verified'));
      return voucherCall(`mutation($c: ID!) { confirmVoucherClaim(claimId: $c, confirmed: true) { id status } }`, { c: f.claimId });
    },
    decideVoucherClaim: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'CONFIRMED', orgOf('ENTERPRISE:verified'), orgOf('SERVICE_PROVIDER:verified'));
      return voucherCall(`mutation($c: ID!) { decideVoucherClaim(claimId: $c, decision: APPROVE) { id status } }`, { c: f.claimId });
    },
    settleVoucherClaims: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'APPROVED', orgOf('ENTERPRISE:verified'), orgOf('SERVICE_PROVIDER:verified'));
      return voucherCall(`mutation($p: ID!, $c: [ID!]!) { settleVoucherClaims(programmeId: $p, claimIds: $c) { id total } }`, { p: f.programmeId, c: [f.claimId] });
    },
    clawBackVoucherClaim: async (): Promise<Call> => {
      const f = await voucherFixture(app, 'SETTLED', orgOf('ENTERPRISE:verified'), orgOf('SERVICE_PROVIDER:verified'));
      return voucherCall(`mutation($c: ID!) { clawBackVoucherClaim(claimId: $c, reason: "抽查发现未交付") { id status } }`, { c: f.claimId });
    },
    reconcileVoucherLedger: async (): Promise<Call> => voucherCall(`mutation { reconcileVoucherLedger { programmes discrepancies { figure } } }`, {}),
  });

  Object.assign(DRIVERS, {
    inviteMember: async (): Promise<Call> => {
      const email = `invitee-${randomBytes(5).toString('hex')}@access.test`;
      const unchanged = await nothingWritten();
      return {
        query: INVITE,
        variables: { e: email, r: 'MEMBER' },
        unchanged: async () => {
          await unchanged();
          expect(await invitationCount('email = $1', [email])).toBe(0);
        },
      };
    },
    revokeInvitation: async (actor: ActorKey): Promise<Call> => {
      const { id } = await invitationToken(orgOwner(actor), `revoke-${randomBytes(5).toString('hex')}@access.test`);
      const unchanged = await nothingWritten();
      return {
        query: REVOKE,
        variables: { id },
        unchanged: async () => {
          await unchanged();
          expect(await invitationCount('id = $1 AND revoked_at IS NULL', [id])).toBe(1);
        },
      };
    },
    changeMemberRole: async (actor: ActorKey): Promise<Call> => {
      const target = await newMember(orgOwner(actor));
      const unchanged = await nothingWritten();
      return {
        query: CHANGE_ROLE,
        variables: { u: target.userId, r: 'ADMIN' },
        unchanged: async () => {
          await unchanged();
          expect((await userRow(target.userId)).role).toBe('MEMBER');
        },
      };
    },
    removeMember: async (actor: ActorKey): Promise<Call> => {
      const target = await newMember(orgOwner(actor));
      const unchanged = await nothingWritten();
      return {
        query: REMOVE,
        variables: { u: target.userId },
        unchanged: async () => {
          await unchanged();
          expect((await userRow(target.userId)).organization_id).not.toBeNull();
        },
      };
    },
    updateOrganization: async (actor: ActorKey): Promise<Call> => {
      const description = `访问测试简介 ${randomBytes(4).toString('hex')}`;
      const unchanged = await nothingWritten();
      return {
        query: UPDATE_ORG,
        variables: { i: { description } },
        unchanged: async () => {
          await unchanged();
          expect((await sql(app, 'SELECT count(*)::int AS n FROM organizations WHERE description = $1', [description]))[0].n).toBe(0);
          void actor;
        },
      };
    },
    acceptInvitation: async (): Promise<Call> => {
      const { token } = await invitationToken('ENTERPRISE:verified', `accept-${randomBytes(5).toString('hex')}@access.test`);
      return { query: ACCEPT, variables: { t: token, p: 'member-password-1', n: '接受邀请的人' } };
    },
    inviteOrganizationOwner: async (): Promise<Call> => {
      const org = await importedFirm(null);
      const unchanged = await nothingWritten();
      return {
        query: `mutation($o: ID!, $e: String!) { inviteOrganizationOwner(organizationId: $o, email: $e) { id } }`,
        variables: { o: org, e: `owner-${randomBytes(5).toString('hex')}@access.test` },
        unchanged: async () => {
          await unchanged();
          expect(await invitationCount('organization_id = $1', [org])).toBe(0);
        },
      };
    },
    recordTitleReviewPending: async (): Promise<Call> => {
      const org = await titledFirm(null);
      const unchanged = await nothingWritten();
      return {
        query: `mutation($i: RecordTitleReviewPendingInput!) { recordTitleReviewPending(input: $i) { id } }`,
        variables: { i: { organizationIds: [org], pendingUntil: beijingDate(30) } },
        unchanged: async () => {
          await unchanged();
          expect(await pendingUntilOf(org)).toBeNull();
        },
      };
    },
    clearTitleReviewPending: async (): Promise<Call> => {
      const org = await titledFirm(beijingDate(30));
      const unchanged = await nothingWritten();
      return {
        query: `mutation($i: ClearTitleReviewPendingInput!) { clearTitleReviewPending(input: $i) { id } }`,
        variables: { i: { organizationIds: [org] } },
        unchanged: async () => {
          await unchanged();
          expect(await pendingUntilOf(org)).toBe(beijingDate(30));
        },
      };
    },
    inviteImportedOwners: async (): Promise<Call> => {
      const org = await importedFirm(`sheet-${randomBytes(5).toString('hex')}@access.test`);
      const unchanged = await nothingWritten();
      return {
        query: `mutation($ids: [ID!]!) { inviteImportedOwners(organizationIds: $ids) { organizationId outcome } }`,
        variables: { ids: [org] },
        unchanged: async () => {
          await unchanged();
          expect(await invitationCount('organization_id = $1', [org])).toBe(0);
        },
      };
    },
  });

  /** An AUTHORITY decision on a fresh BANK in `state`; a refusal leaves its state and history alone. */
  async function decisionDriver(mutation: string, state: 'PENDING' | 'VERIFIED', args: Record<string, string>): Promise<Call> {
    const target = await register('BANK');
    if (state === 'VERIFIED') ok(await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: target.organizationId }, tokenOf('AUTHORITY')), 'verifyOrganization');
    const stateOf = async () =>
      (await sql(app, `SELECT o.verification_state AS state, (SELECT count(*)::int FROM organization_verification_decisions d WHERE d.organization_id = o.id) AS n FROM organizations o WHERE o.id = $1`, [target.organizationId]))[0];
    const before = await stateOf();
    const unchanged = await nothingWritten();
    const params = Object.keys(args).map((k) => `$${k}: String!`).join(', ');
    const passed = Object.keys(args).map((k) => `${k}: $${k}`).join(', ');
    return {
      query: `mutation($id: ID!, ${params}) { ${mutation}(id: $id, ${passed}) { id } }`,
      variables: { id: target.organizationId, ...args },
      unchanged: async () => {
        await unchanged();
        expect(await stateOf()).toEqual(before);
        expect(before.state).toBe(state);
      },
    };
  }

  /**
   * An unread notification of the caller's organization (a fixture row: which notices a kind gets is
   * tested elsewhere), so an allowed call marks at least one; a refusal must write no read state.
   */
  async function notificationDriver(actor: ActorKey, query: string, withIds: boolean): Promise<Call> {
    const token = actors.get(actor)!.token;
    const organizationId = token
      ? ok<{ organization: { id: string } }>(await app.gql('{ me { organization { id } } }', {}, token), 'me').organization.id
      : actors.get('ENTERPRISE:verified')!.organizationId!;
    const [row] = await sql(
      app,
      `INSERT INTO notifications (organization_id, kind, title, body, source_event_id) VALUES ($1, 'test.access-table', '访问测试', '访问测试', $2) RETURNING id`,
      [organizationId, String(Date.now() * 1000 + Math.floor(Math.random() * 1000))],
    );
    const reads = async () => (await sql(app, 'SELECT count(*)::int AS n FROM notification_reads'))[0].n as number;
    const before = await reads();
    const unchanged = await nothingWritten();
    return {
      query,
      variables: withIds ? { ids: [row.id] } : {},
      unchanged: async () => {
        await unchanged();
        expect(await reads()).toBe(before);
      },
    };
  }

  /** A new sign-in of `actor` (none for anonymous), so ending it leaves the shared token alone. */
  async function freshToken(actor: ActorKey): Promise<string | null> {
    if (actor === 'anonymous') return null;
    const res = await app.gql(LOGIN, { i: passwords.get(actor)! });
    expect(res.errors).toBeUndefined();
    return res.data!.login.accessToken as string;
  }

  const userIdOf = (actor: ActorKey): string | undefined => {
    const token = actors.get(actor)?.token;
    return token ? (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string) : undefined;
  };

  /** Sessions ended so far; a refused call ends none. */
  async function sessionsUnchanged(): Promise<() => Promise<void>> {
    const count = async () => (await sql(app, 'SELECT count(*)::int AS n FROM user_sessions WHERE revoked_at IS NOT NULL'))[0].n as number;
    const before = await count();
    return async () => expect(await count()).toBe(before);
  }

  /** Re-opens the sessions of `actor`'s account that a call ended (the shared token among them). */
  async function restoreAccount(actor: ActorKey, passwordHash?: string): Promise<void> {
    const userId = userIdOf(actor);
    if (!userId) return;
    await sql(app, `UPDATE user_sessions SET revoked_at = NULL, revoked_reason = NULL WHERE user_id = $1 AND revoked_reason IN ('REVOKED_BY_USER', 'PASSWORD_CHANGED')`, [userId]);
    if (passwordHash) await sql(app, 'UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
  }

  /** Remembers the password hash now; the returned hook restores it and the sessions. */
  async function restoreAccountLater(actor: ActorKey): Promise<() => Promise<void>> {
    const userId = userIdOf(actor);
    const hash = userId ? (await sql(app, 'SELECT password_hash FROM users WHERE id = $1', [userId]))[0].password_hash : undefined;
    return () => restoreAccount(actor, hash);
  }

  /** A call on match request `id` whose refusal must leave it in `status` with nothing else written. */
  /** A request from a verified enterprise to a fresh listing of `owner`, accepted by it. */
  async function acceptedRequestOf(owner: ActorKey): Promise<string> {
    const requestId = await requestAs('ENTERPRISE:verified', await publishedListingOf(owner));
    ok(await app.gql(RESPOND, { id: requestId, accept: true }, tokenOf(owner)), 'respondToMatchRequest');
    return requestId;
  }

  /** …and no outcome recorded on it. */
  function outcomeUnchanged(id: string, call: Call): Call {
    return {
      ...call,
      unchanged: async () => {
        await call.unchanged!();
        expect((await sql(app, 'SELECT outcome_recorded_at FROM match_requests WHERE id = $1', [id]))[0].outcome_recorded_at).toBeNull();
      },
    };
  }

  async function stateUnchanged(id: string, status: string, call: Omit<Call, 'unchanged'>): Promise<Call> {
    const unchanged = await nothingWritten();
    return {
      ...call,
      unchanged: async () => {
        await unchanged();
        expect(await matchRequestStatus(app, id)).toBe(status);
      },
    };
  }

  // ------------------------------------------------------------ listing helpers for the drivers

  const tokenOf = (actor: ActorKey) => actors.get(actor)!.token!;
  const isListingOwner = (actor: ActorKey) => LISTING_OWNER_KINDS.some((k) => actor.startsWith(`${k}:`));
  /** The caller when it is of `kind` (so an allowed call acts on its own row), else the verified organization of `kind`. */
  const ownerFor = (actor: ActorKey, kind: Kind): ActorKey => (actor.startsWith(`${kind}:`) ? actor : `${kind}:verified`);

  /** A fresh enterprise that claims 小巨人 itself; an allowed call confirms or rejects the claim, a refused one leaves it CLAIMED. */
  async function titleDecisionDriver(query: string): Promise<Call> {
    const target = await register('ENTERPRISE');
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'LITTLE_GIANT', tierCertifiedOn: '2025-03-01' }) }, target.token), 'upsertEnterpriseProfile');
    const stateOf = async () => (await sql(app, 'SELECT tier_provenance AS p, version, (SELECT count(*)::int FROM enterprise_title_decisions d WHERE d.organization_id = $1) AS n FROM enterprise_profiles WHERE organization_id = $1', [target.organizationId]))[0];
    const unchanged = await nothingWritten();
    return {
      query,
      variables: { id: target.organizationId },
      unchanged: async () => {
        await unchanged();
        expect(await stateOf()).toEqual({ p: 'CLAIMED', version: 1, n: 0 });
      },
    };
  }

  /** A message on case `caseId`; a refusal writes no message (and no event: the snapshot counts them). */
  async function messageDriver(caseId: string, query: string): Promise<Call> {
    const messages = async () => (await sql(app, 'SELECT count(*)::int AS n FROM case_messages WHERE subject_id = $1', [caseId]))[0].n as number;
    const unchanged = await nothingWritten();
    return {
      query,
      variables: { id: caseId },
      unchanged: async () => {
        await unchanged();
        expect(await messages()).toBe(0);
      },
    };
  }

  /** Snapshot now; the returned check proves nothing was written since. */
  /** An entitlement of a new 余姚 enterprise to the 余姚 小巨人 reward (written directly: the evaluation is not what is tested here). */
  async function payoutDriver(query: string): Promise<Call> {
    const target = await register('ENTERPRISE');
    const [{ id }] = await sql(
      app,
      `INSERT INTO policy_entitlements (organization_id, policy_id, trigger_key, triggered_on, region_code, status, amount, arithmetic, tranches, facts, policy_set_version, evaluator_version, as_of)
       VALUES ($1, 'YUYAO-2022-LITTLE-GIANT', 'title:LITTLE_GIANT', '2025-03-01', '330281', 'ENTITLED', 500000, '定额 50万元',
               '[{"label":"一次性拨付","amount":500000,"status":"DUE","dueOn":"2025-03-01"}]', '[]', 'test', 'test', '2025-06-01') RETURNING id`,
      [target.organizationId],
    );
    return {
      query,
      variables: { id },
      unchanged: async () => expect((await sql(app, 'SELECT count(*)::int AS n FROM policy_payouts WHERE entitlement_id = $1', [id]))[0].n).toBe(0),
    };
  }

  async function nothingWritten(): Promise<() => Promise<void>> {
    const before = await writeSnapshot(app);
    return async () => expect(await writeSnapshot(app)).toEqual(before);
  }

  /** A new DRAFT listing of the owner's kind (a vacancy in a new park of its own). */
  async function draftOf(owner: ActorKey): Promise<{ id: string; kind: ListingKind; parkId?: string }> {
    const kind = LISTING_OF[owner.split(':')[0] as Kind]!;
    const parkId = kind === 'PARK_VACANCY' ? (await createPark(app, tokenOf(owner))).id : undefined;
    const listing = await createListing(app, tokenOf(owner), kind, { parkId });
    expect(listing).toMatchObject({ status: 'DRAFT', version: 1 });
    return { id: listing.id, kind, parkId };
  }

  async function updateDriver(actor: ActorKey, kind: Kind): Promise<Call> {
    const target = await draftOf(ownerFor(actor, kind));
    const listingKind = LISTING_OF[kind]!;
    const unchanged = await nothingWritten();
    return {
      query: updateMutation(listingKind),
      variables: { id: target.id, i: inputFor(listingKind, target.parkId, { title: '修改后的标题' }) },
      unchanged: async () => {
        await unchanged();
        expect(await listingRow(app, target.id)).toMatchObject({ version: 1, status: 'DRAFT' });
      },
    };
  }

  /**
   * A PUBLISHED listing of `owner`'s kind (a challenge for an anchor). An unverified owner cannot
   * publish (see publishListing), so its draft is put into PUBLISHED directly: deciding on
   * applications and responding to match requests need no verification.
   */
  async function publishedListingOf(owner: ActorKey): Promise<string> {
    const { id } = await draftOf(owner);
    if (owner.endsWith(':verified')) await publishListing(app, tokenOf(owner), id);
    else await sql(app, `UPDATE listings SET status = 'PUBLISHED', published_at = now(), version = version + 1 WHERE id = $1`, [id]);
    return id;
  }

  /**
   * Runs `work` with `actor`'s organization verified for the moment. Only a verified enterprise sends
   * a match request or a 揭榜 application (issue 24); the unverified one's rows on other mutations are
   * about a case it already has (sent while it was verified), so setup writes that case this way.
   */
  async function whileVerified<T>(actor: ActorKey, work: () => Promise<T>): Promise<T> {
    const base = baseOf(actor);
    if (!base.endsWith(':unverified')) return work();
    const org = actors.get(base)!.organizationId!;
    // Written behind the service's back, so the actor cache (ADR 0041) is told as the service would.
    const setVerified = async (verified: boolean) => {
      await sql(app, 'UPDATE organizations SET verified = $2 WHERE id = $1', [org, verified]);
      await actorChanged(app.started.runtime.database.dataSource, { organizationIds: [org] });
    };
    await setVerified(true);
    try {
      return await work();
    } finally {
      await setVerified(false);
    }
  }

  const requestAs = (requester: ActorKey, listingId: string): Promise<string> => whileVerified(requester, () => requestMatch(app, tokenOf(requester), listingId));

  async function applicationTo(challengeId: string, applicant: ActorKey): Promise<string> {
    const res = await whileVerified(applicant, () => app.gql(APPLY, { i: { challengeId, proposal: '产学研联合攻关，12 个月交付样机。' } }, tokenOf(applicant)));
    return ok<{ id: string }>(res, 'applyToChallenge').id;
  }

  const applicationStatus = async (id: string): Promise<string> =>
    (await sql(app, 'SELECT status FROM challenge_applications WHERE id = $1', [id]))[0].status;

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await app.gql(LOGIN, { i: TEST_AUTHORITY });
    expect(authority.errors).toBeUndefined();
    actors.set('anonymous', {});
    actors.set('AUTHORITY', { token: authority.data!.login.accessToken });
    passwords.set('AUTHORITY', TEST_AUTHORITY);
    for (const kind of KINDS) {
      for (const state of ['verified', 'unverified'] as const) {
        const org = await register(kind);
        const key = `${kind}:${state}` as ActorKey;
        if (state === 'verified') {
          const res = await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: org.organizationId }, actors.get('AUTHORITY')!.token);
          expect(res.data?.verifyOrganization.verified).toBe(true);
        }
        actors.set(key, { token: org.token, organizationId: org.organizationId });
        passwords.set(key, { email: org.email, password: org.password });
      }
    }
    // Colleagues: an ADMIN and a MEMBER in every verified organization and in the AUTHORITY.
    for (const key of ROLE_ACTORS) {
      const owner = baseOf(key);
      const email = `${key.replace(/[^A-Za-z]+/g, '-').toLowerCase()}-${randomBytes(3).toString('hex')}@access.test`;
      const { token } = await invitationToken(owner, email, roleOf(key));
      const res = ok<{ accessToken: string }>(await app.gql(ACCEPT, { t: token, p: 'member-password-1', n: `访问测试 ${key}` }), 'acceptInvitation');
      actors.set(key, { token: res.accessToken, organizationId: actors.get(owner)!.organizationId });
      passwords.set(key, { email, password: 'member-password-1' });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists exactly the mutations of the running schema, each with a policy rule and a driver', async () => {
    const res = await app.gql(`{ __schema { mutationType { fields { name } } } }`);
    expect(res.errors).toBeUndefined();
    const inSchema = (res.data!.__schema.mutationType.fields as Array<{ name: string }>).map((f) => f.name).sort();
    const missingFromTable = inSchema.filter((m) => !(m in EXPECTED));
    // A new mutation needs a row in EXPECTED and a driver in DRIVERS above.
    expect({ missingFromTable }).toEqual({ missingFromTable: [] });
    expect(Object.keys(EXPECTED).sort()).toEqual(inSchema);
    expect(Object.keys(DRIVERS).sort()).toEqual(inSchema);
    const withoutRule = inSchema.filter((m) => !(m in MUTATION_RULES));
    expect({ withoutRule }).toEqual({ withoutRule: [] });
  });

  it('has a verified and an unverified organization of every kind', async () => {
    for (const kind of KINDS) {
      expect(await verifiedFlag(actors.get(`${kind}:verified`)!.organizationId!)).toBe(true);
      expect(await verifiedFlag(actors.get(`${kind}:unverified`)!.organizationId!)).toBe(false);
    }
  });

  const cases = Object.entries(EXPECTED).flatMap(([mutation, row]) => ACTORS.map((actor) => ({ mutation, actor, outcome: row[actor] })));

  it.each(cases)('$mutation as $actor → $outcome', async ({ mutation, actor, outcome }) => {
    const call = await DRIVERS[mutation]!(actor);
    const token = call.token === undefined ? actors.get(actor)!.token : (call.token ?? undefined);
    const res: GraphQLResponse = await app.gql(call.query, call.variables, token).finally(() => call.after?.());
    if (outcome === 'allowed') {
      expect(res.errors).toBeUndefined();
      expect(res.data?.[mutation]).toBeTruthy();
      return;
    }
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0]!;
    expect(error.extensions?.code).toBe(outcome);
    expect(error.message.trim()).not.toBe('');
    if (outcome === 'FORBIDDEN') expect(error.message).toContain(mutation);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(res.data ?? null).toBeNull();
    await call.unchanged?.();
  });

  describe('ownership: an organization of the right kind acting on another organization’s row', () => {
    /** A second verified organization of every kind: right kind, wrong owner. */
    const others = new Map<Kind, Org>();
    beforeAll(async () => {
      for (const kind of KINDS) others.set(kind, await registerOrg(app, kind, { verifyWith: tokenOf('AUTHORITY') }));
    });
    const other = (kind: Kind) => others.get(kind)!;

    async function expectRefused(code: 'FORBIDDEN' | 'NOT_FOUND', mutation: string, query: string, variables: Record<string, unknown>, token: string) {
      const unchanged = await nothingWritten();
      const res = await app.gql(query, variables, token);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions?.code).toBe(code);
      if (code === 'FORBIDDEN') expect(res.errors![0]!.message).toContain(mutation);
      expect(res.data ?? null).toBeNull();
      await unchanged();
    }

    async function publishedOf(owner: ActorKey) {
      const target = await draftOf(owner);
      await publishListing(app, tokenOf(owner), target.id);
      return target;
    }

    it.each(LISTING_OWNER_KINDS)('update of a published listing of a %s by another of the same kind → FORBIDDEN', async (kind) => {
      const target = await publishedOf(`${kind}:verified`);
      const listingKind = LISTING_OF[kind]!;
      // A vacancy update names a park: the intruder names its own, so the listing's owner is what refuses it.
      const parkId = kind === 'PARK_OPERATOR' ? (await createPark(app, other(kind).token)).id : undefined;
      const mutation = UPDATE_MUTATION[listingKind];
      await expectRefused('FORBIDDEN', mutation, updateMutation(listingKind), { id: target.id, i: inputFor(listingKind, parkId, { title: '他人篡改的标题' }) }, other(kind).token);
      expect(await listingRow(app, target.id)).toMatchObject({ status: 'PUBLISHED', version: 2 });
      // …while the owner may.
      const mine = await app.gql(updateMutation(listingKind), { id: target.id, i: inputFor(listingKind, target.parkId, { title: '本机构修改的标题' }) }, tokenOf(`${kind}:verified`));
      expect(ok(mine, mutation)).toMatchObject({ status: 'PUBLISHED', version: 3, title: '本机构修改的标题' });
    });

    it.each(LISTING_OWNER_KINDS)('update of a draft of a %s by another of the same kind → NOT_FOUND (drafts stay hidden)', async (kind) => {
      const target = await draftOf(`${kind}:verified`);
      const listingKind = LISTING_OF[kind]!;
      const parkId = kind === 'PARK_OPERATOR' ? (await createPark(app, other(kind).token)).id : undefined;
      await expectRefused('NOT_FOUND', UPDATE_MUTATION[listingKind], updateMutation(listingKind), { id: target.id, i: inputFor(listingKind, parkId) }, other(kind).token);
    });

    it("updateParkVacancy moving one's own vacancy into another operator's park → FORBIDDEN", async () => {
      const victimPark = await createPark(app, tokenOf('PARK_OPERATOR:verified'));
      const ownPark = await createPark(app, other('PARK_OPERATOR').token);
      const own = await createListing(app, other('PARK_OPERATOR').token, 'PARK_VACANCY', { parkId: ownPark.id });
      await expectRefused('FORBIDDEN', 'updateParkVacancy', updateMutation('PARK_VACANCY'), { id: own.id, i: parkVacancyInput(victimPark.id) }, other('PARK_OPERATOR').token);
    });

    it("createParkVacancy in another operator's park → FORBIDDEN", async () => {
      const victimPark = await createPark(app, tokenOf('PARK_OPERATOR:verified'));
      await expectRefused('FORBIDDEN', 'createParkVacancy', createMutation('PARK_VACANCY'), { i: parkVacancyInput(victimPark.id) }, other('PARK_OPERATOR').token);
    });

    it.each(LISTING_OWNER_KINDS)('publishListing of a closed listing of a %s by another verified one of the same kind → FORBIDDEN', async (kind) => {
      const target = await publishedOf(`${kind}:verified`);
      ok(await app.gql(CLOSE, { id: target.id }, tokenOf(`${kind}:verified`)), 'closeListing');
      await expectRefused('FORBIDDEN', 'publishListing', PUBLISH, { id: target.id }, other(kind).token);
      expect(await listingRow(app, target.id)).toMatchObject({ status: 'CLOSED', version: 3 });
    });

    it.each(LISTING_OWNER_KINDS)('closeListing of a published listing of a %s by another of the same kind → FORBIDDEN, even with a reason', async (kind) => {
      const target = await publishedOf(`${kind}:verified`);
      await expectRefused('FORBIDDEN', 'closeListing', CLOSE, { id: target.id, reason: '竞争对手恶意下架' }, other(kind).token);
      expect(await listingRow(app, target.id)).toMatchObject({ status: 'PUBLISHED', version: 2, closed_reason: null });
    });

    it("closeListing by the AUTHORITY on another organization's listing needs a reason (BAD_USER_INPUT reason)", async () => {
      const target = await publishedOf('BANK:verified');
      const unchanged = await nothingWritten();
      const res = await app.gql(CLOSE, { id: target.id }, tokenOf('AUTHORITY'));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      await unchanged();
      const closed = ok(await app.gql(CLOSE, { id: target.id, reason: '产品利率信息过期，予以下架' }, tokenOf('AUTHORITY')), 'closeListing');
      expect(closed).toMatchObject({ status: 'CLOSED', closedReason: '产品利率信息过期，予以下架' });
    });

    it('decideChallengeApplication by another anchor enterprise → FORBIDDEN', async () => {
      const applicationId = await applicationTo(await publishedListingOf('ANCHOR_ENTERPRISE:verified'), 'ENTERPRISE:verified');
      await expectRefused('FORBIDDEN', 'decideChallengeApplication', DECIDE, { id: applicationId, d: 'ACCEPT' }, other('ANCHOR_ENTERPRISE').token);
      expect(await applicationStatus(applicationId)).toBe('SUBMITTED');
    });

    it.each(LISTING_OWNER_KINDS)('respondToMatchRequest on a request for a %s listing by another of the same kind → FORBIDDEN', async (kind) => {
      const requestId = await requestAs('ENTERPRISE:verified', await publishedListingOf(`${kind}:verified`));
      await expectRefused('FORBIDDEN', 'respondToMatchRequest', RESPOND, { id: requestId, accept: true }, other(kind).token);
      expect(await matchRequestStatus(app, requestId)).toBe('PENDING');
    });

    it('recordCreditDecision and recordServiceDelivery by another institution of the same kind → FORBIDDEN', async () => {
      const credit = await acceptedRequestOf('BANK:verified');
      await expectRefused('FORBIDDEN', 'recordCreditDecision', CREDIT_DECISION, { id: credit, i: { approved: false, declineReasonCode: 'CREDIT_INELIGIBLE' } }, other('BANK').token);
      const service = await acceptedRequestOf('SERVICE_PROVIDER:verified');
      await expectRefused('FORBIDDEN', 'recordServiceDelivery', SERVICE_DELIVERY, { id: service, i: { deliveredOn: beijingDate(0), price: 80_000 } }, other('SERVICE_PROVIDER').token);
      const recorded = await sql(app, 'SELECT count(*)::int AS n FROM match_requests WHERE id = ANY($1::uuid[]) AND outcome_recorded_at IS NOT NULL', [[credit, service]]);
      expect(recorded[0].n).toBe(0);
    });

    it('updatePark and appealTakedown by another organization of the same kind → FORBIDDEN, deleteListing → NOT_FOUND; nothing written', async () => {
      const park = await createPark(app, tokenOf('PARK_OPERATOR:verified'));
      const draft = await draftOf('SERVICE_PROVIDER:verified');
      const takenDown = await publishedListingOf('BANK:verified');
      ok(await app.gql(CLOSE, { id: takenDown, reason: '信息与实际不符，予以下架' }, tokenOf('AUTHORITY')), 'closeListing');
      const unchanged = await nothingWritten();
      await expectRefused('FORBIDDEN', 'updatePark', `mutation($id: ID!, $p: ParkPatch!) { updatePark(id: $id, patch: $p) { id } }`, { id: park.id, p: { name: '别人的园区' } }, other('PARK_OPERATOR').token);
      // Another's draft is invisible to it: as if it did not exist.
      await expectRefused('NOT_FOUND', 'deleteListing', `mutation($id: ID!) { deleteListing(id: $id) }`, { id: draft.id }, other('SERVICE_PROVIDER').token);
      await expectRefused('FORBIDDEN', 'appealTakedown', `mutation($id: ID!, $m: String!) { appealTakedown(id: $id, message: $m) { id } }`, { id: takenDown, m: '替别人申诉' }, other('BANK').token);
      await unchanged();
    });

    it('completeMatchRequest and cancelMatchRequest by another enterprise → FORBIDDEN', async () => {
      const pending = await requestAs('ENTERPRISE:verified', await publishedListingOf('BANK:verified'));
      await expectRefused('FORBIDDEN', 'cancelMatchRequest', CANCEL, { id: pending }, other('ENTERPRISE').token);
      const accepted = await requestAs('ENTERPRISE:verified', await publishedListingOf('BANK:verified'));
      ok(await app.gql(RESPOND, { id: accepted, accept: true }, tokenOf('BANK:verified')), 'respondToMatchRequest');
      await expectRefused('FORBIDDEN', 'completeMatchRequest', COMPLETE, { id: accepted, o: 'SUCCESS', r: 5 }, other('ENTERPRISE').token);
      expect([await matchRequestStatus(app, pending), await matchRequestStatus(app, accepted)]).toEqual(['PENDING', 'ACCEPTED']);
    });

    it('an OWNER managing another organization’s members or invitations → FORBIDDEN', async () => {
      const victim = await newMember('BANK:verified');
      const { id: invitationId } = await invitationToken('BANK:verified', `victim-${randomBytes(5).toString('hex')}@access.test`);
      await expectRefused('FORBIDDEN', 'changeMemberRole', CHANGE_ROLE, { u: victim.userId, r: 'ADMIN' }, other('BANK').token);
      await expectRefused('FORBIDDEN', 'removeMember', REMOVE, { u: victim.userId }, other('BANK').token);
      await expectRefused('FORBIDDEN', 'revokeInvitation', REVOKE, { id: invitationId }, other('BANK').token);
      expect(await userRow(victim.userId)).toMatchObject({ role: 'MEMBER', organization_id: actors.get('BANK:verified')!.organizationId });
      expect(await invitationCount('id = $1 AND revoked_at IS NULL', [invitationId])).toBe(1);
    });

    it('withdrawChallengeApplication by another enterprise → FORBIDDEN', async () => {
      const applicationId = await applicationTo(await publishedListingOf('ANCHOR_ENTERPRISE:verified'), 'ENTERPRISE:verified');
      await expectRefused('FORBIDDEN', 'withdrawChallengeApplication', WITHDRAW, { id: applicationId }, other('ENTERPRISE').token);
      expect(await applicationStatus(applicationId)).toBe('SUBMITTED');
    });
  });
});
