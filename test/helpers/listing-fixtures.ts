import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from './graphql-client.js';
import { TEST_AUTHORITY, type TestApp } from './test-app.js';

/**
 * Listings over GraphQL: complete, valid inputs per kind (tests override what they need), the
 * mutations and helpers to register organizations of every kind and to read the outbox.
 */

export type ListingKind = 'SERVICE_OFFERING' | 'CREDIT_PRODUCT' | 'CHALLENGE' | 'PARK_VACANCY';
export type OrgKind = 'ENTERPRISE' | 'SERVICE_PROVIDER' | 'BANK' | 'ANCHOR_ENTERPRISE' | 'PARK_OPERATOR';

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 8 characters valid in a USCC organization-code body (no I, O, S, V, Z). */
export function usccTag(): string {
  return [...randomBytes(8)].map((b) => USCC_BODY[b % USCC_BODY.length]).join('');
}

/** yyyy-mm-dd of today in Beijing time, shifted by whole days. */
export function beijingDate(daysFromToday = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + daysFromToday);
  return d.toISOString().slice(0, 10);
}

export interface Org {
  token: string;
  organizationId: string;
  userId: string;
  email: string;
  password: string;
  kind: OrgKind;
}

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id organization { id } } } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`;

const KIND_NAMES: Record<OrgKind, string> = {
  ENTERPRISE: '精密制造有限公司',
  SERVICE_PROVIDER: '企业服务有限公司',
  BANK: '银行股份有限公司支行',
  ANCHOR_ENTERPRISE: '装备集团有限公司',
  PARK_OPERATOR: '园区运营管理有限公司',
};

export async function loginAuthority(app: TestApp): Promise<string> {
  const res = await app.gql(LOGIN, { i: TEST_AUTHORITY });
  expect(res.errors).toBeUndefined();
  return res.data!.login.accessToken as string;
}

/** Registers an organization of `kind`; verifies it with the authority's token when given one. */
export async function registerOrg(app: TestApp, kind: OrgKind, opts: { verifyWith?: string; regionCode?: string } = {}): Promise<Org> {
  const tag = usccTag();
  const regionCode = opts.regionCode ?? '330281';
  const input = {
    email: `listing-${tag.toLowerCase()}@listings.test`,
    password: 'listing-password-1',
    displayName: `测试 ${tag}`,
    organization: { kind, name: `余姚市测试${tag}${KIND_NAMES[kind]}`, uscc: makeUscc('91', regionCode, tag), regionCode },
  };
  const res = await app.gql(REGISTER, { i: input });
  expect(res.errors).toBeUndefined();
  const org: Org = {
    token: res.data!.register.accessToken,
    organizationId: res.data!.register.user.organization.id,
    userId: res.data!.register.user.id,
    email: input.email,
    password: input.password,
    kind,
  };
  if (opts.verifyWith) {
    const v = await app.gql(VERIFY, { id: org.organizationId }, opts.verifyWith);
    expect(v.data?.verifyOrganization.verified).toBe(true);
  }
  return org;
}

// ---------------------------------------------------------------- inputs

export function serviceOfferingInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `专精特新“小巨人”申报辅导 ${usccTag()}`,
    description: '对照工信部专精特新中小企业及“小巨人”认定标准逐项诊断，梳理研发投入、知识产权与主导产品材料，提供申报书撰写与答辩辅导。',
    regionCodes: ['330281'],
    industryCodes: ['C34'],
    tags: ['申报辅导', '政策咨询'],
    category: 'POLICY_APPLICATION',
    priceMin: 20_000,
    priceMax: 60_000,
    acceptsServiceVoucher: true,
    ...overrides,
  };
}

export function creditProductInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `知识产权质押贷 ${usccTag()}`,
    description: '以企业自有发明专利、商标专用权评估价值为质押，单户最高 1000 万元，适用于专精特新中小企业研发与扩产。',
    regionCodes: ['330200'],
    industryCodes: ['C'],
    tags: ['知识产权质押', '专精特新'],
    productType: 'IP_PLEDGE',
    amountMin: 1_000_000,
    amountMax: 10_000_000,
    annualRateMin: 3.2,
    annualRateMax: 4.5,
    termMonthsMax: 36,
    eligibility: { tiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 10_000_000, minInventionPatents: 1, minYearsInBusiness: 2, maxDebtRatio: 0.7 },
    rateType: 'LPR_FLOATING',
    guaranteeMethods: ['IP_PLEDGE'],
    pledgeRatioPercent: 50,
    partnerInvestor: null,
    ...overrides,
  };
}

export function challengeInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `高精度谐波减速器国产化攻关 ${usccTag()}`,
    description: '面向工业机器人关节，征集背隙 ≤ 10 弧秒、寿命 ≥ 10000 小时的谐波减速器国产化方案。',
    regionCodes: ['330200'],
    industryCodes: ['C34'],
    tags: ['揭榜挂帅', '机器人'],
    techField: '精密传动',
    requirements: '背隙 ≤ 10 弧秒；额定寿命 ≥ 10000 小时；12 个月内完成样机并通过第三方检测。',
    budget: 3_000_000,
    applyBy: beijingDate(30),
    ipOwnership: 'SHARED',
    cooperationMode: 'JOINT_RD',
    completionDeadline: beijingDate(400),
    indicators: ['背隙 ≤ 10 弧秒', '寿命 ≥ 10000 小时'],
    preferredTiers: ['SPECIALIZED_SME'],
    ...overrides,
  };
}

export function parkInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `余姚智能装备小微企业园 ${usccTag()}`,
    regionCode: '330281',
    starRating: 4,
    industries: ['C34', 'C38'],
    address: '浙江省余姚市经济开发区城东新区冶山路 1 号',
    ...overrides,
  };
}

export function parkVacancyInput(parkId: string, overrides: Record<string, unknown> = {}) {
  return {
    parkId,
    title: `标准厂房 3 号楼一层 ${usccTag()}`,
    description: '单层钢结构标准厂房，行车可装，双回路供电，适合精密机械加工与装配。',
    industryCodes: ['C34'],
    tags: ['标准厂房', '一层'],
    areaSqm: 1200,
    floor: 1,
    ceilingHeightM: 9,
    floorLoadKgPerSqm: 3000,
    rentPerSqmDay: 0.9,
    availableFrom: beijingDate(10),
    useClass: 'PRODUCTION',
    tenure: 'LEASE',
    powerCapacityKva: 800,
    minTaxPerMuWan: 30,
    entryConditions: '亩均税收不低于 30 万元/亩，年研发投入占营收 3% 以上',
    ...overrides,
  };
}

// ---------------------------------------------------------------- operations

export const LISTING_FIELDS = `id kind status version title description regionCodes industryCodes tags publishedAt closedReason createdAt updatedAt owner { id }`;

const KIND_FIELDS: Record<ListingKind, string> = {
  SERVICE_OFFERING: 'category priceMin priceMax acceptsServiceVoucher',
  CREDIT_PRODUCT:
    'productType amountMin amountMax annualRateMin annualRateMax termMonthsMax rateType guaranteeMethods pledgeRatioPercent partnerInvestor eligibility { tiers minAnnualRevenue minInventionPatents minYearsInBusiness maxDebtRatio }',
  CHALLENGE: 'techField requirements budget applyBy ipOwnership cooperationMode completionDeadline indicators preferredTiers',
  PARK_VACANCY:
    'areaSqm floor ceilingHeightM floorLoadKgPerSqm rentPerSqmDay availableFrom useClass tenure powerCapacityKva minTaxPerMuWan entryConditions park { id name regionCode operator { id } }',
};

const TYPE_NAME: Record<ListingKind, string> = {
  SERVICE_OFFERING: 'ServiceOffering',
  CREDIT_PRODUCT: 'CreditProduct',
  CHALLENGE: 'Challenge',
  PARK_VACANCY: 'ParkVacancy',
};

/** Every field of every kind, for queries returning `Listing`. */
export const ALL_LISTING_FIELDS = `__typename ${LISTING_FIELDS} ${(Object.keys(KIND_FIELDS) as ListingKind[])
  .map((k) => `... on ${TYPE_NAME[k]} { ${KIND_FIELDS[k]} }`)
  .join(' ')}`;

export const CREATE_MUTATION: Record<ListingKind, string> = {
  SERVICE_OFFERING: 'createServiceOffering',
  CREDIT_PRODUCT: 'createCreditProduct',
  CHALLENGE: 'createChallenge',
  PARK_VACANCY: 'createParkVacancy',
};
export const UPDATE_MUTATION: Record<ListingKind, string> = {
  SERVICE_OFFERING: 'updateServiceOffering',
  CREDIT_PRODUCT: 'updateCreditProduct',
  CHALLENGE: 'updateChallenge',
  PARK_VACANCY: 'updateParkVacancy',
};
const INPUT_TYPE: Record<ListingKind, string> = {
  SERVICE_OFFERING: 'ServiceOfferingInput',
  CREDIT_PRODUCT: 'CreditProductInput',
  CHALLENGE: 'ChallengeInput',
  PARK_VACANCY: 'ParkVacancyInput',
};

export const createMutation = (kind: ListingKind) =>
  `mutation($i: ${INPUT_TYPE[kind]}!) { ${CREATE_MUTATION[kind]}(input: $i) { ${LISTING_FIELDS} ${KIND_FIELDS[kind]} } }`;
export const updateMutation = (kind: ListingKind) =>
  `mutation($id: ID!, $i: ${INPUT_TYPE[kind]}!) { ${UPDATE_MUTATION[kind]}(id: $id, input: $i) { ${LISTING_FIELDS} ${KIND_FIELDS[kind]} } }`;

export const CREATE_PARK = `mutation($i: ParkInput!) { createPark(input: $i) { id name regionCode starRating industries address operator { id } } }`;
export const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { ${LISTING_FIELDS} } }`;
export const CLOSE = `mutation($id: ID!, $reason: String) { closeListing(id: $id, reason: $reason) { ${LISTING_FIELDS} } }`;
export const LISTING = `query($id: ID!) { listing(id: $id) { ${ALL_LISTING_FIELDS} } }`;
export const LISTINGS = `query($filter: ListingFilter, $first: Int, $after: String) {
  listings(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind status owner { id } } } }
}`;

export const APPLY = `mutation($i: ChallengeApplicationInput!) { applyToChallenge(input: $i) { id status proposal quote applicant { id } challenge { id } } }`;
export const DECIDE = `mutation($id: ID!, $d: ApplicationDecision!, $c: String, $r: String) { decideChallengeApplication(id: $id, decision: $d, comment: $c, reasonCode: $r) { id status decisionComment decidedAt } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawChallengeApplication(id: $id) { id status } }`;

const MATCH_REQUEST_FIELDS = 'id status shareProfile requestedAmount message responseMessage outcome rating createdAt updatedAt listing { id title } enterprise { id name }';
export const REQUEST_MATCH = `mutation($i: MatchRequestInput!) { requestMatch(input: $i) { ${MATCH_REQUEST_FIELDS} } }`;
export const RESPOND = `mutation($id: ID!, $accept: Boolean!, $m: String, $r: String) { respondToMatchRequest(id: $id, accept: $accept, message: $m, reasonCode: $r) { ${MATCH_REQUEST_FIELDS} } }`;
export const COMPLETE = `mutation($id: ID!, $o: MatchOutcome!, $r: Int) { completeMatchRequest(id: $id, outcome: $o, rating: $r) { ${MATCH_REQUEST_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!) { cancelMatchRequest(id: $id) { ${MATCH_REQUEST_FIELDS} } }`;
export const MATCH_REQUESTS = `query($role: MatchRequestRole!, $status: MatchRequestStatus, $first: Int, $after: String) {
  matchRequests(role: $role, status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${MATCH_REQUEST_FIELDS} } } } }`;

/** An enterprise's match request for a listing; returns its id. */
export async function requestMatch(app: TestApp, token: string, listingId: string, shareProfile = false, message?: string): Promise<string> {
  return ok<{ id: string }>(await app.gql(REQUEST_MATCH, { i: { listingId, shareProfile, message } }, token), 'requestMatch').id;
}

export const matchRequestStatus = async (app: TestApp, id: string): Promise<string> =>
  (await sql(app, 'SELECT status FROM match_requests WHERE id = $1', [id]))[0].status;

/** A listing input of any kind; `regionCodes` is absent for a vacancy (it takes its park's). */
export type ListingInput = Record<string, unknown> & { title: string; regionCodes?: string[] };

export function inputFor(kind: ListingKind, parkId?: string, overrides: Record<string, unknown> = {}): ListingInput {
  switch (kind) {
    case 'SERVICE_OFFERING':
      return serviceOfferingInput(overrides);
    case 'CREDIT_PRODUCT':
      return creditProductInput(overrides);
    case 'CHALLENGE':
      return challengeInput(overrides);
    case 'PARK_VACANCY':
      if (!parkId) throw new Error('a vacancy needs a park');
      return parkVacancyInput(parkId, overrides);
  }
}

/** Asserts success and returns `data[field]`. */
export function ok<T = any>(res: GraphQLResponse, field: string): T {
  expect(res.errors).toBeUndefined();
  return res.data![field] as T;
}

export async function createPark(app: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  return ok(await app.gql(CREATE_PARK, { i: parkInput(overrides) }, token), 'createPark');
}

/** Creates a DRAFT listing of `kind` as `token` (a vacancy needs `parkId`). */
export async function createListing(
  app: TestApp,
  token: string,
  kind: ListingKind,
  opts: { parkId?: string; overrides?: Record<string, unknown> } = {},
): Promise<{ id: string; version: number; status: string; title: string }> {
  const res = await app.gql(createMutation(kind), { i: inputFor(kind, opts.parkId, opts.overrides) }, token);
  return ok(res, CREATE_MUTATION[kind]);
}

export async function publishListing(app: TestApp, token: string, id: string) {
  return ok<{ id: string; status: string; version: number }>(await app.gql(PUBLISH, { id }, token), 'publishListing');
}

/** Creates and publishes a credit product open only to `tiers` (no other eligibility condition); returns its id. */
export async function publishTierOnlyCreditProduct(app: TestApp, token: string, title: string, tiers: string[]): Promise<string> {
  const { id } = await createListing(app, token, 'CREDIT_PRODUCT', {
    overrides: creditProductInput({ title, eligibility: { tiers, minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null } }),
  });
  await publishListing(app, token, id);
  return id;
}

export async function closeListing(app: TestApp, token: string, id: string, reason?: string) {
  return ok<{ id: string; status: string; version: number; closedReason: string | null }>(await app.gql(CLOSE, { id, reason }, token), 'closeListing');
}

// ---------------------------------------------------------------- database

export const sql = (app: TestApp, text: string, params: unknown[] = []): Promise<any[]> =>
  app.started.runtime.database.dataSource.query(text, params);

export interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
}

export const outboxFor = (app: TestApp, aggregateId: string): Promise<OutboxRow[]> =>
  sql(app, 'SELECT id, type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id', [aggregateId]);

/** Events written by workers on their own (after scoring), which a refused API call cannot cause. */
const WORKER_EVENTS = `type NOT IN ('enterprise-assessment.changed', 'notification.created', 'recommendation.pushed')`;

export const outboxCount = async (app: TestApp): Promise<number> => (await sql(app, `SELECT count(*)::int AS n FROM outbox_events WHERE ${WORKER_EVENTS}`))[0].n;

/** The listing row (common part), or undefined. */
export const listingRow = async (app: TestApp, id: string) =>
  (await sql(app, 'SELECT id, status, version, title, closed_reason, owner_organization_id FROM listings WHERE id = $1', [id]))[0] as
    | { id: string; status: string; version: number; title: string; closed_reason: string | null; owner_organization_id: string }
    | undefined;

const LISTING_TABLES = ['listings', 'parks', 'service_offerings', 'credit_products', 'challenges', 'park_vacancies', 'challenge_applications', 'match_requests', 'listing_takedown_appeals'] as const;

/**
 * A fingerprint of every listing table (whole rows) and the outbox size, to prove a refused call
 * wrote nothing. Compare two snapshots with toEqual.
 */
export async function writeSnapshot(app: TestApp): Promise<Record<string, string | number>> {
  const parts = LISTING_TABLES.map((t) => `(SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${t} t) AS ${t}`);
  const [row] = await sql(app, `SELECT (SELECT count(*)::int FROM outbox_events WHERE ${WORKER_EVENTS}) AS outbox_events, ${parts.join(', ')}`);
  return row as Record<string, string | number>;
}
