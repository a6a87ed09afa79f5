import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { keptMails, tokenIn } from '../helpers/mailbox.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import {
  APPLY,
  beijingDate,
  createListing,
  createPark,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  type Org,
  type OrgKind,
} from '../helpers/listing-fixtures.js';
import { voucherFixture } from '../helpers/voucher-fixtures.js';

/**
 * Who may read what, driven through the running API: every query of the running schema × every
 * kind of caller, with "own" and "another organization's" targets. The mutation side is
 * access-table.e2e.spec.ts. A new query needs a row here.
 *
 * The world: enterprise A (profile, 揭榜 application to C), enterprise B (profile shared with bank
 * P's owner through a match request), bank BANK owns published credit product P and draft D, bank
 * BANK_OTHER owns nothing of it, anchor ANCHOR owns challenge C, ANCHOR_OTHER does not, a park
 * operator owns park K.
 */
/** Members invited into ENTERPRISE, BANK and the AUTHORITY (those without a role suffix are each organization's OWNER). */
const ROLE_ACTORS = ['ENTERPRISE:ADMIN', 'ENTERPRISE:MEMBER', 'BANK:MEMBER', 'AUTHORITY:MEMBER'] as const;
const ACTORS = ['anonymous', 'ENTERPRISE', 'ENTERPRISE_OTHER', 'SERVICE_PROVIDER', 'BANK', 'BANK_OTHER', 'ANCHOR', 'ANCHOR_OTHER', 'PARK_OPERATOR', 'AUTHORITY', ...ROLE_ACTORS] as const;
type ActorKey = (typeof ACTORS)[number];
type RoleActor = (typeof ROLE_ACTORS)[number];
/** A member's organization's OWNER: a member reads what its organization may, unless a row says otherwise. */
const baseOf = (a: ActorKey): ActorKey => a.replace(/:(ADMIN|MEMBER)$/, '') as ActorKey;
const KIND_OF: Record<Exclude<ActorKey, 'anonymous' | 'AUTHORITY' | RoleActor>, OrgKind> = {
  ENTERPRISE: 'ENTERPRISE',
  ENTERPRISE_OTHER: 'ENTERPRISE',
  SERVICE_PROVIDER: 'SERVICE_PROVIDER',
  BANK: 'BANK',
  BANK_OTHER: 'BANK',
  ANCHOR: 'ANCHOR_ENTERPRISE',
  ANCHOR_OTHER: 'ANCHOR_ENTERPRISE',
  PARK_OPERATOR: 'PARK_OPERATOR',
};

/** allowed: data and no error; hidden: allowed but the target is not there (null, or absent from the list). */
type Outcome = 'allowed' | 'hidden' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND';

interface World {
  org: (a: ActorKey) => Org;
  organizationOf: (a: ActorKey) => string;
  creditProduct: string;
  draft: string;
  challenge: string;
  application: string;
  park: string;
  /** A vacancy in park K published then closed (seen by all), and a draft one (its operator's only). */
  vacancy: string;
  draftVacancy: string;
  sharedMatchRequest: string;
  /** ENTERPRISE's pending invitation. */
  invitation: string;
  /** From the matches table after the world settled: each enterprise's match set (listing ids, sorted), and P's leads (enterprise ids, sorted). */
  matchSetOf: (organizationId: string) => string[];
  leadsOfProduct: string[];
  /** ENTERPRISE's voucher in an open programme, and SERVICE_PROVIDER's claim on it. */
  voucherProgramme: string;
  voucher: string;
  voucherClaim: string;
}

interface QueryCase {
  /** The query to send, given the world. */
  query: (w: World) => { text: string; variables?: Record<string, unknown> };
  outcomes: Partial<Record<ActorKey, Outcome>>;
  /** Every actor not named in outcomes gets this. */
  otherwise: Outcome;
  /** For allowed and hidden outcomes: does the answer show the target? */
  shows?: (data: any, w: World, actor: ActorKey) => boolean;
}

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const authorityOnly = (text: string, variables?: Record<string, unknown>): QueryCase => ({
  query: () => ({ text, variables }),
  outcomes: { anonymous: 'UNAUTHENTICATED', AUTHORITY: 'allowed' },
  otherwise: 'FORBIDDEN',
});
/** Any signed-in caller may ask; `outcomes` names who sees the target, everyone else gets `otherwise`. */
const signedIn = (c: Omit<QueryCase, 'outcomes' | 'otherwise'> & Partial<Pick<QueryCase, 'outcomes' | 'otherwise'>>): QueryCase => ({
  ...c,
  outcomes: { anonymous: 'UNAUTHENTICATED', ...c.outcomes },
  otherwise: c.otherwise ?? 'allowed',
});
const idsOf = (list: Array<{ id: string }>) => list.map((x) => x.id);

const QUERIES: Record<string, QueryCase> = {
  sessions: signedIn({
    query: () => ({ text: '{ sessions { id current } }' }),
    // Only the caller's own sessions: the one of the token sent is listed as current.
    shows: (d) => d.sessions.length >= 1 && d.sessions.filter((s: { current: boolean }) => s.current).length === 1,
  }),
  me: signedIn({
    query: () => ({ text: '{ me { id organization { id } } }' }),
    // Whoever asks gets themselves, never someone else.
    shows: (d, w, a) => d.me.organization.id === w.organizationOf(a),
  }),
  organization: signedIn({
    query: (w) => ({ text: 'query($id: ID!) { organization(id: $id) { id name uscc } }', variables: { id: w.org('ENTERPRISE').organizationId } }),
    shows: (d, w) => d.organization?.id === w.org('ENTERPRISE').organizationId,
  }),
  enterpriseProfile: {
    query: (w) => ({ text: 'query($id: ID!) { enterpriseProfile(organizationId: $id) { organization { id } financials { year revenue } } }', variables: { id: w.org('ENTERPRISE').organizationId } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d) => d.enterpriseProfile?.financials?.length > 0,
  },
  // Consents (issue 18): each organization lists those it gave or received, never another's.
  profileConsents: signedIn({
    query: () => ({ text: '{ profileConsents(role: GIVEN, first: 20) { totalCount edges { node { id status grantor { id } } } } }' }),
    shows: (d, w, a) => d.profileConsents.edges.every((e: { node: { grantor: { id: string } } }) => e.node.grantor.id === w.organizationOf(a)),
  }),
  // The access log of A's data: A (any member) and the AUTHORITY; any other organization is refused.
  profileAccessLog: {
    query: (w) => ({ text: 'query($id: ID!) { profileAccessLog(organizationId: $id, first: 5) { totalCount edges { node { id sections outcome } } } }', variables: { id: w.org('ENTERPRISE').organizationId } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d) => d.profileAccessLog.totalCount >= 0,
  },
  enterprisesAtReviewRisk: authorityOnly('{ enterprisesAtReviewRisk { __typename } }'),
  enterprisesAtReviewRiskConnection: authorityOnly('{ enterprisesAtReviewRiskConnection(first: 5) { totalCount pageInfo { hasNextPage } edges { cursor node { organizationId } } } }'),
  // Deadlines (issue 17): the overdue desk.
  overdueRequests: authorityOnly('{ overdueRequests(first: 5, filter: { regionCode: "330200" }) { totalCount edges { node { id workingDaysOverdue ownerOrganization { id } } } } }'),
  // The verification desk (issue 13).
  organizations: authorityOnly('{ organizations(first: 5, filter: { verification: [PENDING] }) { totalCount edges { node { id verification { state reason } } } } }'),
  challengeApplication: {
    query: (w) => ({ text: 'query($id: ID!) { challengeApplication(id: $id) { id proposal quote applicant { id } } }', variables: { id: w.application } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ANCHOR: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d, w) => d.challengeApplication.id === w.application,
  },
  // An enterprise's own 揭榜 applications (ADR 0028): ENTERPRISE members of every role; A sees its application, B its own (none).
  myChallengeApplications: {
    query: () => ({ text: '{ myChallengeApplications(first: 100) { totalCount edges { node { id applicant { id } } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'hidden' },
    otherwise: 'FORBIDDEN',
    shows: (d, w, a) =>
      d.myChallengeApplications.edges.every((e: { node: { applicant: { id: string } } }) => e.node.applicant.id === w.organizationOf(a)) &&
      d.myChallengeApplications.edges.some((e: { node: { id: string } }) => e.node.id === w.application),
  },
  listing: signedIn({
    // A draft: only its owner sees it; to everyone else it does not exist.
    query: (w) => ({ text: 'query($id: ID!) { listing(id: $id) { id status } }', variables: { id: w.draft } }),
    outcomes: { BANK: 'allowed' },
    otherwise: 'hidden',
    shows: (d, w) => d.listing?.id === w.draft,
  }),
  listings: signedIn({
    query: () => ({ text: '{ listings(first: 100, filter: { kinds: [CREDIT_PRODUCT] }) { edges { node { id status } } } }' }),
    outcomes: { BANK: 'allowed' },
    otherwise: 'hidden',
    // The published product is listed to everyone; the draft only to its owner.
    shows: (d, w) => {
      const ids = d.listings.edges.map((e: { node: { id: string } }) => e.node.id);
      if (!ids.includes(w.creditProduct)) throw new Error('the published product is missing');
      return ids.includes(w.draft);
    },
  }),
  leads: {
    query: (w) => ({ text: 'query($id: ID!) { leads(listingId: $id) { enterprise { id } score } }', variables: { id: w.creditProduct } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', BANK: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    // The leads of P are exactly the enterprises whose match set holds P (A, not B in 镇海), none other.
    shows: (d, w) => {
      const ids = [...new Set(d.leads.map((l: { enterprise: { id: string } }) => l.enterprise.id) as string[])].sort();
      return w.leadsOfProduct.length > 0 && ids.length === d.leads.length && JSON.stringify(ids) === JSON.stringify(w.leadsOfProduct);
    },
  },
  leadsConnection: {
    query: (w) => ({ text: 'query($id: ID!) { leadsConnection(listingId: $id, first: 100) { totalCount edges { node { enterprise { id } score } } } }', variables: { id: w.creditProduct } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', BANK: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d, w) => {
      const ids = (d.leadsConnection.edges as Array<{ node: { enterprise: { id: string } } }>).map((e) => e.node.enterprise.id).sort();
      return d.leadsConnection.totalCount === w.leadsOfProduct.length && JSON.stringify(ids) === JSON.stringify(w.leadsOfProduct);
    },
  },
  matchRequests: signedIn({
    // Each caller sees the requests it sent or received, nobody else's.
    query: () => ({ text: '{ sent: matchRequests(role: SENT) { edges { node { id } } } received: matchRequests(role: RECEIVED) { edges { node { id } } } }' }),
    outcomes: { ENTERPRISE_OTHER: 'allowed', BANK: 'allowed' },
    otherwise: 'hidden',
    shows: (d, w) => [...d.sent.edges, ...d.received.edges].some((e: { node: { id: string } }) => e.node.id === w.sharedMatchRequest),
  }),
  notifications: signedIn({
    // ANCHOR was told of A's application; nobody else gets that notification.
    query: () => ({ text: '{ notifications(first: 100) { id kind } }' }),
    outcomes: { ANCHOR: 'allowed', BANK: 'allowed' },
    otherwise: 'hidden',
    shows: (d) => d.notifications.some((n: { kind: string }) => /challenge-application|match-request/.test(n.kind)),
  }),
  notificationsConnection: signedIn({
    // The same inbox as a Relay connection: only the recipient organization has the notification.
    query: () => ({ text: '{ notificationsConnection(first: 100) { totalCount edges { node { id kind } } } }' }),
    outcomes: { ANCHOR: 'allowed', BANK: 'allowed' },
    otherwise: 'hidden',
    shows: (d) => d.notificationsConnection.edges.some((e: { node: { kind: string } }) => /challenge-application|match-request/.test(e.node.kind)),
  }),
  unreadCount: signedIn({
    // The caller's own count: it matches the caller's own list (every caller has fewer than 100 here).
    query: () => ({ text: '{ unreadCount notifications(first: 100) { read } }' }),
    shows: (d) => d.unreadCount === d.notifications.filter((n: { read: boolean }) => !n.read).length,
  }),
  park: signedIn({
    query: (w) => ({ text: 'query($id: ID!) { park(id: $id) { id operator { id } } }', variables: { id: w.park } }),
    shows: (d, w) => d.park?.id === w.park,
  }),
  // Issue 24: the parks a PARK_OPERATOR operates (its own only); the AUTHORITY's desk of takedown appeals.
  myParks: {
    query: () => ({ text: '{ myParks(first: 100) { totalCount edges { node { id operator { id } } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', PARK_OPERATOR: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d, w, a) => d.myParks.edges.some((e: { node: { id: string } }) => e.node.id === w.park) && d.myParks.edges.every((e: { node: { operator: { id: string } } }) => e.node.operator.id === w.organizationOf(a)),
  },
  takedownAppeals: authorityOnly('{ takedownAppeals(first: 5) { totalCount edges { node { id status listing { id } owner { id } } } } }'),
  recommendations: {
    query: () => ({ text: '{ recommendations { score listing { id } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'allowed' },
    otherwise: 'FORBIDDEN',
    // The caller's own match set, not another enterprise's: the listings returned are exactly those of its organization's set.
    shows: (d, w, a) => {
      const ids = (d.recommendations as Array<{ listing: { id: string } }>).map((r) => r.listing.id).sort();
      const own = w.matchSetOf(w.organizationOf(a));
      return own.length > 0 && JSON.stringify(ids) === JSON.stringify(own);
    },
  },
  recommendationsConnection: {
    query: () => ({ text: '{ recommendationsConnection(first: 100) { totalCount edges { node { score listing { id } } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d, w, a) => {
      const ids = (d.recommendationsConnection.edges as Array<{ node: { listing: { id: string } } }>).map((e) => e.node.listing.id).sort();
      const own = w.matchSetOf(w.organizationOf(a));
      return own.length > 0 && d.recommendationsConnection.totalCount === own.length && JSON.stringify(ids) === JSON.stringify(own);
    },
  },
  searchConnection: signedIn({
    // As search: drafts are never searchable.
    query: () => ({ text: '{ searchConnection(input: { query: "", kinds: [CREDIT_PRODUCT] }, first: 100) { totalCount edges { node { listing { id } } } } }' }),
    otherwise: 'hidden',
    shows: (d, w) => {
      const ids = d.searchConnection.edges.map((e: { node: { listing: { id: string } } }) => e.node.listing.id);
      if (!ids.includes(w.creditProduct)) throw new Error('the published product is not searchable');
      return ids.includes(w.draft);
    },
  }),
  search: signedIn({
    // Drafts are never searchable, whoever asks (the owner included).
    query: () => ({ text: '{ search(input: { query: "", first: 100, kinds: [CREDIT_PRODUCT] }) { hits { listing { id } } } }' }),
    otherwise: 'hidden',
    shows: (d, w) => {
      const ids = d.search.hits.map((h: { listing: { id: string } }) => h.listing.id);
      if (!ids.includes(w.creditProduct)) throw new Error('the published product is not searchable');
      return ids.includes(w.draft);
    },
  }),
  members: signedIn({
    // Every member of every role sees its own organization's members, never another's.
    query: () => ({ text: '{ members { id role organization { id } } }' }),
    shows: (d, w, a) => d.members.length > 0 && d.members.every((m: { organization: { id: string } }) => m.organization.id === w.organizationOf(a)),
  }),
  invitations: signedIn({
    // OWNERs and ADMINs see their organization's pending invitations; a MEMBER is refused.
    query: () => ({ text: '{ invitations { id email role } }' }),
    outcomes: { ENTERPRISE: 'allowed', 'ENTERPRISE:ADMIN': 'allowed', 'ENTERPRISE:MEMBER': 'FORBIDDEN', 'BANK:MEMBER': 'FORBIDDEN', 'AUTHORITY:MEMBER': 'FORBIDDEN' },
    otherwise: 'hidden',
    shows: (d, w) => d.invitations.some((i: { id: string }) => i.id === w.invitation),
  }),
  // Conversations (issue 17 item 4): the two sides (any member) and the AUTHORITY; to anyone else the case does not exist.
  caseMessages: {
    query: (w) => ({ text: 'query($id: ID!) { caseMessages(subject: MATCH_REQUEST, id: $id) { totalCount edges { node { body } } } }', variables: { id: w.sharedMatchRequest } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE_OTHER: 'allowed', BANK: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'NOT_FOUND',
    shows: (d) => d.caseMessages.totalCount === 1,
  },
  // Asynchronous imports (issue 14).
  enterpriseImport: authorityOnly('query($id: ID!) { enterpriseImport(id: $id) { id status } }', { id: '00000000-0000-4000-8000-000000000000' }),
  enterpriseImports: authorityOnly('{ enterpriseImports(first: 5) { totalCount edges { node { id status } } } }'),
  auditLog: authorityOnly('{ auditLog(first: 5) { edges { node { operation } } } }'),
  tierPipeline: authorityOnly('{ tierPipeline { __typename } }'),
  matchmakingInsights: authorityOnly('query($p: InsightsPeriod!) { matchmakingInsights(period: $p) { __typename } }', { p: PERIOD }),
  financingInsights: authorityOnly('query($p: InsightsPeriod!) { financingInsights(period: $p) { __typename } }', { p: PERIOD }),
  // Issue 17: declines by reason (AUTHORITY); the reason lists are reference data for every signed-in caller.
  declineReasonInsights: authorityOnly('query($p: InsightsPeriod!) { declineReasonInsights(period: $p) { __typename } }', { p: PERIOD }),
  declineReasons: signedIn({ query: () => ({ text: '{ declineReasons(kind: CREDIT_PRODUCT) { code label } }' }) }),
  challengeInsights: authorityOnly('query($p: InsightsPeriod!) { challengeInsights(period: $p) { __typename } }', { p: PERIOD }),
  serviceInstitutionRanking: authorityOnly('query($p: InsightsPeriod!) { serviceInstitutionRanking(period: $p) { __typename } }', { p: PERIOD }),
  // Service vouchers (issue 22): open programmes for every signed-in caller, their money for the AUTHORITY only;
  // vouchers for their firm; claims for their firm and institution, the fraud findings for the AUTHORITY only.
  voucherProgrammes: signedIn({
    query: () => ({ text: '{ voucherProgrammes(first: 100, status: OPEN) { totalCount edges { node { id coverPercent capPerVoucher } } } }' }),
    shows: (d, w) => d.voucherProgrammes.edges.some((e: { node: { id: string } }) => e.node.id === w.voucherProgramme),
  }),
  voucherProgramme: signedIn({
    query: (w) => ({ text: 'query($id: ID!) { voucherProgramme(id: $id) { id budget { budget available } } }', variables: { id: w.voucherProgramme } }),
    outcomes: { AUTHORITY: 'allowed' },
    otherwise: 'hidden',
    shows: (d) => d.voucherProgramme?.budget != null,
  }),
  voucherReasons: signedIn({ query: () => ({ text: '{ voucherReasons(kind: VOUCHER_CLAIM) { code label } }' }) }),
  vouchers: {
    query: () => ({ text: '{ vouchers(first: 100) { totalCount edges { node { id amount balance } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'hidden', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    shows: (d, w) => d.vouchers.edges.some((e: { node: { id: string } }) => e.node.id === w.voucher),
  },
  voucherClaims: {
    query: () => ({ text: '{ voucherClaims(first: 100) { totalCount edges { node { id claimAmount findings { rule score } } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'hidden', SERVICE_PROVIDER: 'allowed', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
    // The claim is listed, with its findings for the AUTHORITY and without them for the parties.
    shows: (d, w, a) => {
      const node = d.voucherClaims.edges.map((e: { node: { id: string; findings: unknown } }) => e.node).find((n: { id: string }) => n.id === w.voucherClaim);
      return !!node && (node.findings !== null) === (baseOf(a) === 'AUTHORITY');
    },
  },
  voucherFigures: {
    query: (w) => ({ text: 'query($id: ID!) { voucherFigures(programmeId: $id) { budget { budget } redemptionRate } }', variables: { id: w.voucherProgramme } }),
    outcomes: { anonymous: 'UNAUTHENTICATED', AUTHORITY: 'allowed' },
    otherwise: 'FORBIDDEN',
  },
  // Issue 18: the funnel (AUTHORITY); each enterprise member's own push preferences.
  matchmakingFunnel: authorityOnly('query($p: InsightsPeriod!) { matchmakingFunnel(period: $p) { __typename } }', { p: PERIOD }),
  recommendationPushPreferences: {
    query: () => ({ text: '{ recommendationPushPreferences { minScore digestByMail } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'allowed' },
    otherwise: 'FORBIDDEN',
  },
  serviceInstitutionRankingConnection: authorityOnly('query($p: InsightsPeriod!) { serviceInstitutionRankingConnection(period: $p, first: 5) { totalCount edges { cursor node { score } } } }', { p: PERIOD }),
  // 惠企政策 (issue 23): a firm or service institution reads its own rewards (no organization id is taken: only its own);
  // the payout list, totals and what-if are the AUTHORITY's.
  myPolicyRewards: {
    query: () => ({ text: '{ myPolicyRewards { totalOwed nearMisses { policy { id } } } }' }),
    outcomes: { anonymous: 'UNAUTHENTICATED', ENTERPRISE: 'allowed', ENTERPRISE_OTHER: 'allowed', SERVICE_PROVIDER: 'allowed' },
    otherwise: 'FORBIDDEN',
  },
  policyPayoutList: authorityOnly('query($p: InsightsPeriod!) { policyPayoutList(policyId: "YUYAO-2022-LITTLE-GIANT", period: $p, first: 5) { totalCount } }', { p: PERIOD }),
  policyPayoutTotals: authorityOnly('query($p: InsightsPeriod!) { policyPayoutTotals(policyId: "YUYAO-2022-LITTLE-GIANT", period: $p) { __typename } }', { p: PERIOD }),
  policyWhatIf: authorityOnly(
    'query($d: DraftRewardPolicyInput!) { policyWhatIf(draft: $d) { beneficiaries cost } }',
    { d: { id: 'DRAFT-TEST', name: '草案', issuer: '测试', regionCodes: ['330281'], validFrom: '2025-01-01', trigger: 'TITLE_FIRST_CONFIRMED', tiers: ['LITTLE_GIANT'], formula: 'FIXED', amount: 10000 } },
  ),
};

describe('access table: every query × every kind of caller, own and other organizations’ rows', () => {
  let app: TestApp;
  const orgs = new Map<ActorKey, Org>();
  let authorityToken: string;
  let world: World;
  const token = (a: ActorKey) => (a === 'anonymous' ? undefined : a === 'AUTHORITY' ? authorityToken : orgs.get(a)!.token);

  beforeAll(async () => {
    app = await startTestApp();
    authorityToken = await loginAuthority(app);
    for (const [actor, kind] of Object.entries(KIND_OF) as Array<[ActorKey, OrgKind]>) {
      // B is in 镇海, the others in 余姚 (the default): P serves 余姚 only, so A's and B's match sets differ.
      orgs.set(actor, await registerOrg(app, kind, { verifyWith: authorityToken, ...(actor === 'ENTERPRISE_OTHER' ? { regionCode: '330211' } : {}) }));
    }
    const org = (a: ActorKey) => orgs.get(a)!;
    for (const a of ['ENTERPRISE', 'ENTERPRISE_OTHER'] as const) ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, org(a).token), 'upsertEnterpriseProfile');
    // P serves 余姚 with no tier or other eligibility condition, so A's set holds it (it has a lead) and B's, in 镇海, does not.
    const openToAll = { regionCodes: ['330281'], industryCodes: [], eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null } };
    const product = await createListing(app, org('BANK').token, 'CREDIT_PRODUCT', { overrides: openToAll });
    await publishListing(app, org('BANK').token, product.id);
    const draft = await createListing(app, org('BANK').token, 'CREDIT_PRODUCT');
    const challenge = await createListing(app, org('ANCHOR').token, 'CHALLENGE', { overrides: { applyBy: beijingDate(30) } });
    await publishListing(app, org('ANCHOR').token, challenge.id);
    const application = ok(await app.gql(APPLY, { i: { challengeId: challenge.id, proposal: '联合攻关，9 个月交付样机', quote: 1_500_000 } }, org('ENTERPRISE').token), 'applyToChallenge').id;
    const park = await createPark(app, org('PARK_OPERATOR').token);
    const vacancy = await createListing(app, org('PARK_OPERATOR').token, 'PARK_VACANCY', { parkId: park.id });
    await publishListing(app, org('PARK_OPERATOR').token, vacancy.id);
    // Closed after publishing: still shown to everyone, and in no enterprise's match set.
    ok(await app.gql('mutation($id: ID!) { closeListing(id: $id) { id } }', { id: vacancy.id }, org('PARK_OPERATOR').token), 'closeListing');
    const draftVacancy = await createListing(app, org('PARK_OPERATOR').token, 'PARK_VACANCY', { parkId: park.id });
    const sharedMatchRequest = await requestMatch(app, org('ENTERPRISE_OTHER').token, product.id, true, '申请授信，附企业档案');
    ok(await app.gql('mutation($id: ID!) { sendMatchRequestMessage(id: $id, input: { body: "财报已上传" }) { id } }', { id: sharedMatchRequest }, org('ENTERPRISE_OTHER').token), 'sendMatchRequestMessage');
    await app.drain();
    const authorityOrg = ok(await app.gql('{ me { organization { id } } }', {}, authorityToken), 'me').organization.id;
    // Colleagues in ENTERPRISE, BANK and the AUTHORITY, invited and accepted through the API.
    const inviteToken = async (owner: string, email: string, role: string) => {
      const inv = ok(await app.gql('mutation($e: String!, $r: MemberRole!) { inviteMember(email: $e, role: $r) { id } }', { e: email, r: role }, owner), 'inviteMember');
      const [mail] = await keptMails(app, email);
      return { id: inv.id as string, token: tokenIn(mail!.body) };
    };
    for (const key of ROLE_ACTORS) {
      const [base, role] = key.split(':') as [ActorKey, string];
      const ownerToken = base === 'AUTHORITY' ? authorityToken : org(base).token;
      const email = `query-${key.replace(':', '-').toLowerCase()}@members.test`;
      const { token: raw } = await inviteToken(ownerToken, email, role);
      const accepted = ok(
        await app.gql('mutation($t: String!, $p: String!, $n: String!) { acceptInvitation(token: $t, password: $p, displayName: $n) { accessToken user { id } } }', { t: raw, p: 'member-password-1', n: key }),
        'acceptInvitation',
      );
      const organizationId = base === 'AUTHORITY' ? authorityOrg : org(base).organizationId;
      orgs.set(key, { token: accepted.accessToken, organizationId, userId: accepted.user.id, email, password: 'member-password-1', kind: base === 'AUTHORITY' ? 'ENTERPRISE' : org(base).kind });
    }
    const invitation = (await inviteToken(org('ENTERPRISE').token, 'query-pending@members.test', 'MEMBER')).id;
    const organizationOf = (a: ActorKey) => (a === 'AUTHORITY' ? authorityOrg : org(a).organizationId);
    const matchRows: Array<{ e: string; l: string }> = await sql(app, 'SELECT enterprise_organization_id AS e, listing_id AS l FROM matches ORDER BY l');
    const matchSetOf = (organizationId: string) => matchRows.filter((r) => r.e === organizationId).map((r) => r.l).sort();
    const leadsOfProduct = matchRows.filter((r) => r.l === product.id).map((r) => r.e).sort();
    // The sets the rows' `shows` compare with: A has P and C, B (镇海) only C; P's one lead is A.
    expect(matchSetOf(org('ENTERPRISE').organizationId)).toEqual([product.id, challenge.id].sort());
    expect(matchSetOf(org('ENTERPRISE_OTHER').organizationId)).toEqual([challenge.id]);
    expect(leadsOfProduct).toEqual([org('ENTERPRISE').organizationId]);
    const vouchers = await voucherFixture(app, 'SUBMITTED', org('ENTERPRISE').organizationId, org('SERVICE_PROVIDER').organizationId);
    world = {
      org, organizationOf, creditProduct: product.id, draft: draft.id, challenge: challenge.id, application, park: park.id, vacancy: vacancy.id, draftVacancy: draftVacancy.id, sharedMatchRequest, invitation, matchSetOf, leadsOfProduct,
      voucherProgramme: vouchers.programmeId, voucher: vouchers.voucherId!, voucherClaim: vouchers.claimId!,
    };
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists exactly the queries of the running schema', async () => {
    const res = await app.gql('{ __schema { queryType { fields(includeDeprecated: true) { name } } } }');
    const inSchema = (res.data!.__schema.queryType.fields as Array<{ name: string }>).map((f) => f.name).sort();
    expect(Object.keys(QUERIES).sort()).toEqual(inSchema);
  });

  const cases = Object.entries(QUERIES).flatMap(([name, c]) => ACTORS.map((actor) => ({ name, actor, outcome: c.outcomes[actor] ?? c.outcomes[baseOf(actor)] ?? c.otherwise })));

  it.each(cases)('$name as $actor → $outcome', async ({ name, actor, outcome }) => {
    const c = QUERIES[name]!;
    const { text, variables } = c.query(world);
    const res: GraphQLResponse = await app.gql(text, variables, token(actor));
    if (outcome === 'allowed' || outcome === 'hidden') {
      expect(res.errors).toBeUndefined();
      if (c.shows) expect(c.shows(res.data, world, actor)).toBe(outcome === 'allowed');
      return;
    }
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe(outcome);
    expect(res.errors![0]!.message.trim()).not.toBe('');
    expect(res.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    // A nullable field answers null next to its error; a non-null one nulls the whole data.
    expect(res.data?.[name] ?? null).toBeNull();
  });

  describe('fields that carry another organization’s data', () => {
    const APPLICATIONS = 'query($id: ID!) { listing(id: $id) { ... on Challenge { applications { id proposal quote } } } }';

    it.each([
      ['ANCHOR', true],
      ['AUTHORITY', true],
      ['ENTERPRISE', true], // its own application
      ['ENTERPRISE_OTHER', false],
      ['ANCHOR_OTHER', false],
      ['BANK', false],
    ] as const)('Challenge.applications as %s shows the application: %s', async (actor, visible) => {
      const res = await app.gql(APPLICATIONS, { id: world.challenge }, token(actor));
      expect(res.errors).toBeUndefined();
      expect(idsOf(res.data!.listing.applications).includes(world.application)).toBe(visible);
    });

    it.each([
      ['ANCHOR', true],
      ['AUTHORITY', true],
      ['AUTHORITY:MEMBER', true],
      ['ENTERPRISE', true], // it applied: it was told of every change anyway
      ['ENTERPRISE:MEMBER', true],
      ['ENTERPRISE_OTHER', false],
      ['ANCHOR_OTHER', false],
      ['BANK', false],
    ] as const)('Challenge.history as %s is shown: %s', async (actor, visible) => {
      const res = await app.gql('query($id: ID!) { listing(id: $id) { ... on Challenge { history { totalCount entries { kind } } } } }', { id: world.challenge }, token(actor));
      expect(res.errors).toBeUndefined();
      const history = res.data!.listing.history;
      expect(history !== null).toBe(visible);
      if (visible) expect(history.entries.map((e: { kind: string }) => e.kind)).toEqual(['STATUS_CHANGED']);
    });

    it.each([
      ['PARK_OPERATOR', true],
      ['ENTERPRISE', false],
      ['AUTHORITY', false],
      ['BANK', false],
    ] as const)('Park.vacancies as %s lists the operator’s draft vacancy: %s (the published, now closed one: everyone)', async (actor, visible) => {
      const res = await app.gql('query($id: ID!) { park(id: $id) { vacancies(first: 100) { totalCount edges { node { id status } } } } }', { id: world.park }, token(actor));
      expect(res.errors).toBeUndefined();
      const ids = res.data!.park.vacancies.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids).toContain(world.vacancy);
      expect(ids.includes(world.draftVacancy)).toBe(visible);
      expect(res.data!.park.vacancies.totalCount).toBe(visible ? 2 : 1);
    });

    it('a shared profile is readable by the listing owner only, and only while the request grants it', async () => {
      const b = world.org('ENTERPRISE_OTHER').organizationId;
      const read = (actor: ActorKey) => app.gql('query($id: ID!) { enterpriseProfile(organizationId: $id) { financials { year } } }', { id: b }, token(actor));
      expect((await read('BANK')).errors).toBeUndefined();
      expect((await read('BANK_OTHER')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await read('ANCHOR')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // The grant ends with the request: once B cancels, the bank is refused again.
      ok(await app.gql('mutation($id: ID!) { cancelMatchRequest(id: $id) { status } }', { id: world.sharedMatchRequest }, token('ENTERPRISE_OTHER')), 'cancelMatchRequest');
      expect((await read('BANK')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const [{ status }] = await sql(app, 'SELECT status FROM match_requests WHERE id = $1', [world.sharedMatchRequest]);
      expect(status).toBe('CANCELLED');
    });

    it.each([
      ['ENTERPRISE', true],
      ['ENTERPRISE:MEMBER', true],
      ['AUTHORITY', true],
      ['AUTHORITY:MEMBER', true],
      ['ANCHOR', false], // A's application to C is not accepted
      ['BANK', false],
      ['ENTERPRISE_OTHER', false],
    ] as const)('Organization.contact of ENTERPRISE as %s is shown: %s', async (actor, visible) => {
      const res = await app.gql('query($id: ID!) { organization(id: $id) { contact { name } } }', { id: world.org('ENTERPRISE').organizationId }, token(actor));
      expect(res.errors).toBeUndefined();
      expect(res.data!.organization.contact !== null).toBe(visible);
    });

    it.each([
      ['BANK', true],
      ['BANK:MEMBER', true],
      ['AUTHORITY', true],
      ['AUTHORITY:MEMBER', true],
      ['BANK_OTHER', false],
      ['ENTERPRISE', false],
      ['ANCHOR', false],
    ] as const)('Listing.reach of the bank’s product as %s is shown: %s', async (actor, visible) => {
      const res = await app.gql('query($id: ID!) { listing(id: $id) { id reach { recommendedTo pushedTo viewedBy requestedBy } } }', { id: world.creditProduct }, token(actor));
      expect(res.errors).toBeUndefined();
      expect(res.data!.listing.reach !== null).toBe(visible);
    });

    it('Organization.matchStats is null for enterprises (no figures about a firm’s requests to others)', async () => {
      const res = await app.gql('query($id: ID!) { organization(id: $id) { matchStats { pending } } }', { id: world.org('ENTERPRISE_OTHER').organizationId }, token('BANK_OTHER'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.organization.matchStats).toBeNull();
    });
  });
});
