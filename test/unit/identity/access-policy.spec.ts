import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { buildSchema } from 'graphql';
import { MUTATION_RULES, decide, type Actor, type MutationName, type MutationRule } from '../../../libs/identity/src/access/access-policy.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../libs/identity/src/organizations/organization-kind.js';
import { MEMBER_ROLES, type MemberRole } from '../../../libs/identity/src/users/member-role.js';

/**
 * What each organization kind may do, written out by hand so that a change to MUTATION_RULES
 * has to be mirrored here on purpose. Per kind:
 *   yes   allowed whatever row it targets and whether or not the organization is verified
 *   own   allowed on its own organization's rows only
 *   own+v allowed on its own rows only, and only once the organization is verified
 *   v     allowed whatever row it targets, once the organization is verified (a verified requester, issue 24)
 *   any   allowed on any organization's rows (AUTHORITY's override, e.g. 下架 a listing)
 *   no    FORBIDDEN
 * Kinds left out of a row are `no`.
 */
type Cell = 'yes' | 'v' | 'own' | 'own+v' | 'any' | 'no';
type Row = Partial<Record<OrganizationKind, Cell>>;

const EVERYONE: Row = {
  ENTERPRISE: 'yes', SERVICE_PROVIDER: 'yes', BANK: 'yes', ANCHOR_ENTERPRISE: 'yes', PARK_OPERATOR: 'yes', AUTHORITY: 'yes',
};

/** Every kind, own rows only (member management acts on the caller's own organization). */
const EVERY_KIND_OWN: Row = {
  ENTERPRISE: 'own', SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own', AUTHORITY: 'own',
};

const ACCESS_TABLE: Record<MutationName, Row> = {
  register: EVERYONE,
  login: EVERYONE,
  verifyOrganization: { AUTHORITY: 'yes' },
  rejectOrganization: { AUTHORITY: 'yes' },
  requestOrganizationInfo: { AUTHORITY: 'yes' },
  revokeVerification: { AUTHORITY: 'yes' },
  resolveUsccClaim: { AUTHORITY: 'yes' },
  resubmitOrganization: { ENTERPRISE: 'own', SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own' },
  upsertEnterpriseProfile: { ENTERPRISE: 'own' },
  patchEnterpriseProfile: { ENTERPRISE: 'own' },
  confirmCertification: { AUTHORITY: 'yes' },
  rejectCertificationClaim: { AUTHORITY: 'yes' },
  markPolicyPayoutPaid: { AUTHORITY: 'yes' },
  withholdPolicyPayout: { AUTHORITY: 'yes' },
  recordChallengeProjectFacts: { AUTHORITY: 'yes' },
  recordServiceProviderSelection: { AUTHORITY: 'yes' },
  createServiceOffering: { SERVICE_PROVIDER: 'yes' },
  updateServiceOffering: { SERVICE_PROVIDER: 'own' },
  createCreditProduct: { BANK: 'yes' },
  updateCreditProduct: { BANK: 'own' },
  createChallenge: { ANCHOR_ENTERPRISE: 'yes' },
  updateChallenge: { ANCHOR_ENTERPRISE: 'own' },
  createPark: { PARK_OPERATOR: 'yes' },
  createParkVacancy: { PARK_OPERATOR: 'own' },
  updateParkVacancy: { PARK_OPERATOR: 'own' },
  // Listing lifecycle (issue 24): parks edited by their operator; drafts deleted and takedowns appealed by the owner; reinstated by the AUTHORITY.
  updatePark: { PARK_OPERATOR: 'own' },
  deleteListing: { SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own' },
  appealTakedown: { SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own' },
  reinstateListing: { AUTHORITY: 'yes' },
  publishListing: { SERVICE_PROVIDER: 'own+v', BANK: 'own+v', ANCHOR_ENTERPRISE: 'own+v', PARK_OPERATOR: 'own+v' },
  closeListing: { SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own', AUTHORITY: 'any' },
  applyToChallenge: { ENTERPRISE: 'v' },
  decideChallengeApplication: { ANCHOR_ENTERPRISE: 'own' },
  requestMatch: { ENTERPRISE: 'v' },
  respondToMatchRequest: { SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own' },
  completeMatchRequest: { ENTERPRISE: 'own' },
  cancelMatchRequest: { ENTERPRISE: 'own' },
  requestMatchInformation: { SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own' },
  provideMatchInformation: { ENTERPRISE: 'own' },
  requestChallengeApplicationInformation: { ANCHOR_ENTERPRISE: 'own' },
  provideChallengeApplicationInformation: { ENTERPRISE: 'own' },
  recordCreditDecision: { BANK: 'own' },
  recordServiceDelivery: { SERVICE_PROVIDER: 'own' },
  importEnterprises: { AUTHORITY: 'yes' },
  startEnterpriseImport: { AUTHORITY: 'yes' },
  confirmEnterpriseImport: { AUTHORITY: 'yes' },
  cancelEnterpriseImport: { AUTHORITY: 'yes' },
  withdrawChallengeApplication: { ENTERPRISE: 'own' },
  logout: EVERYONE,
  revokeOtherSessions: EVERYONE,
  changePassword: EVERYONE,
  requestPasswordReset: EVERYONE,
  resetPassword: EVERYONE,
  // Own members (the OWNER role is checked by the service from Actor.role), or any account for the AUTHORITY.
  // Each user marks their own read state on their own organization's notifications.
  markNotificationsRead: EVERYONE,
  markAllNotificationsRead: EVERYONE,
  updateRecommendationPushPreferences: { ENTERPRISE: 'yes' },
  markRecommendationSeen: { ENTERPRISE: 'yes' },
  unlockAccount: { ENTERPRISE: 'own', SERVICE_PROVIDER: 'own', BANK: 'own', ANCHOR_ENTERPRISE: 'own', PARK_OPERATOR: 'own', AUTHORITY: 'any' },
  inviteMember: EVERYONE,
  revokeInvitation: EVERY_KIND_OWN,
  changeMemberRole: EVERY_KIND_OWN,
  removeMember: EVERY_KIND_OWN,
  updateOrganization: EVERYONE,
  acceptInvitation: EVERYONE,
  inviteOrganizationOwner: { AUTHORITY: 'yes' },
  inviteImportedOwners: { AUTHORITY: 'yes' },
  recordTitleReviewPending: { AUTHORITY: 'yes' },
  clearTitleReviewPending: { AUTHORITY: 'yes' },
  // Conversations: every kind that can be a side; being a side of the case is the service's check (NOT_FOUND otherwise).
  // The AUTHORITY reads conversations but writes in none.
  sendMatchRequestMessage: { ENTERPRISE: 'yes', SERVICE_PROVIDER: 'yes', BANK: 'yes', ANCHOR_ENTERPRISE: 'yes', PARK_OPERATOR: 'yes' },
  sendChallengeApplicationMessage: { ENTERPRISE: 'yes', ANCHOR_ENTERPRISE: 'yes' },
  uploadCaseAttachment: { ENTERPRISE: 'yes', SERVICE_PROVIDER: 'yes', BANK: 'yes', ANCHOR_ENTERPRISE: 'yes', PARK_OPERATOR: 'yes' },
  // Consents (issue 18): the firm gives them and revokes its own.
  grantProfileConsent: { ENTERPRISE: 'yes' },
  revokeProfileConsent: { ENTERPRISE: 'own' },
  // Service vouchers (issue 22).
  createVoucherProgramme: { AUTHORITY: 'yes' },
  setVoucherProgrammeStatus: { AUTHORITY: 'yes' },
  changeVoucherProgrammeBudget: { AUTHORITY: 'yes' },
  addContractedInstitution: { AUTHORITY: 'yes' },
  removeContractedInstitution: { AUTHORITY: 'yes' },
  applyForVoucher: { ENTERPRISE: 'yes' },
  decideVoucherApplication: { AUTHORITY: 'yes' },
  grantVouchersToEligible: { AUTHORITY: 'yes' },
  cancelVoucher: { AUTHORITY: 'yes' },
  attachVoucher: { ENTERPRISE: 'own' },
  submitVoucherClaim: { SERVICE_PROVIDER: 'own' },
  confirmVoucherClaim: { ENTERPRISE: 'own' },
  decideVoucherClaim: { AUTHORITY: 'yes' },
  settleVoucherClaims: { AUTHORITY: 'yes' },
  clawBackVoucherClaim: { AUTHORITY: 'yes' },
  reconcileVoucherLedger: { AUTHORITY: 'yes' },
};

/**
 * The member-role dimension: roles allowed inside the organization, for the mutations that restrict
 * them. Every other mutation is open to all three roles (MEMBERs act for their organization).
 */
const MANAGERS: readonly MemberRole[] = ['OWNER', 'ADMIN'];
const ROLE_TABLE: Partial<Record<MutationName, readonly MemberRole[]>> = {
  inviteMember: MANAGERS,
  revokeInvitation: MANAGERS,
  changeMemberRole: MANAGERS,
  removeMember: MANAGERS,
  updateOrganization: MANAGERS,
  resubmitOrganization: MANAGERS,
  grantProfileConsent: MANAGERS,
  revokeProfileConsent: MANAGERS,
};

/** Mutations the server adds beyond the contract (the contract permits additions). */
const BEYOND_CONTRACT = [
  'importEnterprises',
  'startEnterpriseImport',
  'confirmEnterpriseImport',
  'cancelEnterpriseImport',
  'withdrawChallengeApplication',
  // Outcomes that count (issue 17).
  'recordCreditDecision',
  'recordServiceDelivery',
  'logout',
  'revokeOtherSessions',
  'changePassword',
  'requestPasswordReset',
  'resetPassword',
  'unlockAccount',
  'inviteMember',
  'revokeInvitation',
  'changeMemberRole',
  'removeMember',
  'updateOrganization',
  'acceptInvitation',
  'inviteOrganizationOwner',
  'inviteImportedOwners',
  'recordTitleReviewPending',
  'clearTitleReviewPending',
  'rejectOrganization',
  'requestOrganizationInfo',
  'revokeVerification',
  'resolveUsccClaim',
  'resubmitOrganization',
  'markNotificationsRead',
  'markAllNotificationsRead',
  'confirmCertification',
  'rejectCertificationClaim',
  'markPolicyPayoutPaid',
  'withholdPolicyPayout',
  'recordChallengeProjectFacts',
  'recordServiceProviderSelection',
  'requestMatchInformation',
  'provideMatchInformation',
  'requestChallengeApplicationInformation',
  'provideChallengeApplicationInformation',
  'sendMatchRequestMessage',
  'sendChallengeApplicationMessage',
  'uploadCaseAttachment',
  // Pushed recommendations (issue 18).
  'updateRecommendationPushPreferences',
  'markRecommendationSeen',
  'grantProfileConsent',
  'revokeProfileConsent',
  // Listing lifecycle and partial updates (issue 24).
  'updatePark',
  'deleteListing',
  'appealTakedown',
  'reinstateListing',
  'patchEnterpriseProfile',
  'createVoucherProgramme',
  'setVoucherProgrammeStatus',
  'changeVoucherProgrammeBudget',
  'addContractedInstitution',
  'removeContractedInstitution',
  'applyForVoucher',
  'decideVoucherApplication',
  'grantVouchersToEligible',
  'cancelVoucher',
  'attachVoucher',
  'submitVoucherClaim',
  'confirmVoucherClaim',
  'decideVoucherClaim',
  'settleVoucherClaims',
  'clawBackVoucherClaim',
  'reconcileVoucherLedger',
];

const PUBLIC_MUTATIONS = ['register', 'login', 'requestPasswordReset', 'resetPassword', 'acceptInvitation'];

const OWN_ORG = '00000000-0000-4000-8000-00000000000a';
const OTHER_ORG = '00000000-0000-4000-8000-00000000000b';

function actor(kind: OrganizationKind, verified: boolean, role: MemberRole | undefined = 'MEMBER'): Actor {
  return { userId: '00000000-0000-4000-8000-0000000000ff', organizationId: OWN_ORG, kind, verified, role };
}

function expectedAllowed(cell: Cell, ownRow: boolean, verified: boolean): boolean {
  switch (cell) {
    case 'yes':
    case 'any':
      return true;
    case 'v':
      return verified;
    case 'own':
      return ownRow;
    case 'own+v':
      return ownRow && verified;
    case 'no':
      return false;
  }
}

const mutations = Object.keys(ACCESS_TABLE) as MutationName[];
const cases = mutations.flatMap((mutation) =>
  ORGANIZATION_KINDS.flatMap((kind) =>
    (['own row', "other org's row"] as const).flatMap((row) =>
      ([true, false] as const).flatMap((verified) =>
        MEMBER_ROLES.map((role) => {
          const cell = ACCESS_TABLE[mutation][kind] ?? 'no';
          const roleOk = ROLE_TABLE[mutation]?.includes(role) ?? true;
          return {
            mutation,
            kind,
            row,
            role,
            verified: verified ? 'verified' : 'unverified',
            allowed: expectedAllowed(cell, row === 'own row', verified) && roleOk,
            isVerified: verified,
          };
        }),
      ),
    ),
  ),
);

describe('access table', () => {
  it('lists the same mutations as MUTATION_RULES', () => {
    expect([...mutations].sort()).toEqual(Object.keys(MUTATION_RULES).sort());
  });

  it.each(cases)('$mutation by $kind $role ($verified) on $row → allowed: $allowed', ({ mutation, kind, row, role, isVerified, allowed }) => {
    const owner = row === 'own row' ? OWN_ORG : OTHER_ORG;
    const decision = decide(actor(kind, isVerified, role), mutation, { ownerOrganizationId: owner });
    if (allowed) {
      expect(decision).toEqual({ allowed: true });
    } else {
      expect(decision).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      const reason = (decision as { reason: string }).reason;
      expect(reason.trim()).not.toBe('');
      expect(reason).toContain(mutation);
    }
  });

  it('says which kinds may act when the kind is wrong, and why when the row or verification is', () => {
    expect(decide(actor('BANK', true), 'createChallenge', { ownerOrganizationId: OWN_ORG })).toMatchObject({
      reason: expect.stringContaining('ANCHOR_ENTERPRISE'),
    });
    expect(decide(actor('BANK', true), 'updateCreditProduct', { ownerOrganizationId: OTHER_ORG })).toMatchObject({
      reason: expect.stringContaining('another organization'),
    });
    expect(decide(actor('BANK', false), 'publishListing', { ownerOrganizationId: OWN_ORG })).toMatchObject({
      reason: expect.stringContaining('verified'),
    });
    // An unverified requester is told why and what to do, in Chinese first (issue 24).
    for (const mutation of ['requestMatch', 'applyToChallenge'] as const) {
      expect(decide(actor('ENTERPRISE', false), mutation)).toMatchObject({ allowed: false, code: 'FORBIDDEN', reason: expect.stringMatching(/^贵单位尚未通过认证[\s\S]*请在“认证”中提交/) });
      expect(decide(actor('ENTERPRISE', true), mutation)).toEqual({ allowed: true });
    }
  });
});

describe('member roles', () => {
  const restricted = Object.keys(ROLE_TABLE) as MutationName[];

  it('the role table names only mutations with a role rule, and every role rule is in it', () => {
    const withRoles = (Object.keys(MUTATION_RULES) as MutationName[]).filter((m) => 'roles' in MUTATION_RULES[m]);
    expect([...withRoles].sort()).toEqual([...restricted].sort());
  });

  it.each(restricted)('%s by a MEMBER says which roles may, and that the caller is a MEMBER', (mutation) => {
    // A kind the rule allows, so that the role is what refuses.
    const rule: MutationRule = MUTATION_RULES[mutation];
    const kind = rule.kinds === 'signed-in' || rule.kinds === 'anyone' || rule.kinds.includes('BANK') ? 'BANK' : rule.kinds[0]!;
    const decision = decide(actor(kind, true, 'MEMBER'), mutation, { ownerOrganizationId: OWN_ORG });
    expect(decision).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    const reason = (decision as { reason: string }).reason;
    expect(reason).toContain(mutation);
    expect(reason).toContain('OWNER');
    expect(reason).toContain('成员 (MEMBER)');
  });

  it.each(restricted)('%s by an actor without a role (built by hand) is refused, not allowed', (mutation) => {
    expect(decide(actor('BANK', true, undefined), mutation, { ownerOrganizationId: OWN_ORG })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });

  it.each(restricted.filter((m) => ACCESS_TABLE[m].BANK === 'own'))('%s: the role is checked before the row (a MEMBER learns nothing about other organizations)', (mutation) => {
    expect(decide(actor('BANK', true, 'MEMBER'), mutation, { ownerOrganizationId: OTHER_ORG })).toMatchObject({ reason: expect.stringContaining('MEMBER') });
  });

  it('business mutations stay open to every role', () => {
    for (const role of MEMBER_ROLES) {
      expect(decide(actor('ENTERPRISE', false, role), 'upsertEnterpriseProfile', { ownerOrganizationId: OWN_ORG })).toEqual({ allowed: true });
      expect(decide(actor('BANK', true, role), 'publishListing', { ownerOrganizationId: OWN_ORG })).toEqual({ allowed: true });
    }
  });
});

describe('anonymous callers', () => {
  it.each(mutations)('%s', (mutation) => {
    const decision = decide(undefined, mutation, { ownerOrganizationId: OTHER_ORG });
    if (PUBLIC_MUTATIONS.includes(mutation)) {
      expect(decision).toEqual({ allowed: true });
    } else {
      expect(decision).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
      expect((decision as { reason: string }).reason).toContain(mutation);
    }
  });
});

describe('own-row rules need the owner', () => {
  const ownRowCells = mutations.flatMap((mutation) =>
    ORGANIZATION_KINDS.filter((k) => ['own', 'own+v'].includes(ACCESS_TABLE[mutation][k] ?? 'no')).map((kind) => [mutation, kind] as const),
  );

  it.each(ownRowCells)('%s by %s without ownerOrganizationId is a programming error, not a silent allow', (mutation, kind) => {
    expect(() => decide(actor(kind, true, 'OWNER'), mutation)).toThrow(mutation);
  });

  it('lets AUTHORITY close a listing without knowing the owner', () => {
    expect(decide(actor('AUTHORITY', true), 'closeListing')).toEqual({ allowed: true });
  });
});

describe('contract coverage', () => {
  const local = join(process.cwd(), 'test/contract/schema.graphql');
  const path = existsSync(local) ? local : '/work/shared/contract/schema.graphql';
  const schema = buildSchema(readFileSync(path, 'utf8'));
  const contractMutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();

  it('finds mutations in the contract', () => {
    expect(contractMutations.length).toBeGreaterThan(0);
  });

  it.each(contractMutations)('contract mutation %s has an access rule', (name) => {
    expect(Object.keys(MUTATION_RULES)).toContain(name);
  });

  it.each(Object.keys(MUTATION_RULES).filter((m) => !BEYOND_CONTRACT.includes(m)))('access rule %s is a mutation of the contract', (name) => {
    expect(contractMutations).toContain(name);
  });
});
