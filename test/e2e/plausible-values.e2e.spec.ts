import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { expectError } from '../helpers/expect-error.js';
import {
  beijingDate,
  challengeInput,
  createMutation,
  createPark,
  creditProductInput,
  loginAuthority,
  ok,
  parkVacancyInput,
  registerOrg,
  serviceOfferingInput,
  type Org,
} from '../helpers/listing-fixtures.js';
import { financialsEnding, profileInput, UPSERT_PROFILE } from '../helpers/profile-fixtures.js';

/**
 * Issue 24 item 2: implausible values are refused over GraphQL with BAD_USER_INPUT naming the field
 * and the allowed range (extensions.allowed, and in the Chinese message); the bounds themselves are
 * tested on both sides of every edge in test/unit/fuzz.
 */
let app: TestApp;
let authority: string;
let bank: Org;
let provider: Org;
let anchor: Org;
let operator: Org;
let firm: Org;
let parkId: string;

beforeAll(async () => {
  app = await startTestApp({ withWorkers: false });
  authority = await loginAuthority(app);
  [bank, provider, anchor, operator, firm] = await Promise.all(
    (['BANK', 'SERVICE_PROVIDER', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR', 'ENTERPRISE'] as const).map((k) => registerOrg(app, k, { verifyWith: authority })),
  );
  parkId = (await createPark(app, operator.token)).id;
});
afterAll(async () => {
  await app?.close();
});

const refused = (res: GraphQLResponse, field: string, allowed: string | RegExp) => {
  const error = expectError(res, 'BAD_USER_INPUT', field);
  expect(error.extensions?.allowed).toEqual(typeof allowed === 'string' ? allowed : expect.stringMatching(allowed));
  expect(error.message).toMatch(/^[\u4e00-\u9fff]/);
  return error;
};

describe('implausible values are refused naming the field and the allowed range', () => {
  it('a rate of 0 % or above 24 %, a credit line above 10^13 元', async () => {
    refused(await app.gql(createMutation('CREDIT_PRODUCT'), { i: creditProductInput({ annualRateMin: 0 }) }, bank.token), 'input.annualRateMin', '(0, 24] %');
    refused(await app.gql(createMutation('CREDIT_PRODUCT'), { i: creditProductInput({ annualRateMax: 24.5 }) }, bank.token), 'input.annualRateMax', '(0, 24] %');
    refused(await app.gql(createMutation('CREDIT_PRODUCT'), { i: creditProductInput({ amountMax: 9_000_000_000_000_000 }) }, bank.token), 'input.amountMax', '(0, 10,000,000,000,000] 元');
    // The unit is in the description: 3.45 means 3.45 %.
    const res = await app.gql(`{ __type(name: "CreditProductInput") { inputFields { name description } } }`);
    const rate = (res.data!.__type.inputFields as { name: string; description: string }[]).find((f) => f.name === 'annualRateMin')!;
    expect(rate.description).toMatch(/%/);
    expect(rate.description).toMatch(/\(0, 24\]/);
  });

  it('a service price and a challenge budget above 10^13 元, a challenge deadline in year 9999', async () => {
    refused(await app.gql(createMutation('SERVICE_OFFERING'), { i: serviceOfferingInput({ priceMax: 20_000_000_000_000 }) }, provider.token), 'input.priceMax', '[0, 10,000,000,000,000] 元');
    refused(await app.gql(createMutation('CHALLENGE'), { i: challengeInput({ budget: 10_000_000_000_001 }) }, anchor.token), 'input.budget', '[0, 10,000,000,000,000] 元');
    refused(await app.gql(createMutation('CHALLENGE'), { i: challengeInput({ applyBy: '9999-12-31', completionDeadline: null }) }, anchor.token), 'input.applyBy', /^\[\d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2}\]$/);
  });

  it('a vacancy available from 0001-01-01 or 9999-12-31, of 10^7 m², at 100 元/m²·天', async () => {
    const window = `[${shiftYears(beijingDate(0), -1)}, ${shiftYears(beijingDate(0), 5)}]`;
    for (const availableFrom of ['0001-01-01', '9999-12-31']) {
      refused(await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(parkId, { availableFrom }) }, operator.token), 'input.availableFrom', window);
    }
    refused(await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(parkId, { areaSqm: 10_000_000 }) }, operator.token), 'input.areaSqm', '(0, 1,000,000] m²');
    refused(await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(parkId, { rentPerSqmDay: 100 }) }, operator.token), 'input.rentPerSqmDay', '(0, 50] 元/m²·天');
    // The edges of the window are accepted.
    ok(await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(parkId, { availableFrom: shiftYears(beijingDate(0), 5) }) }, operator.token), 'createParkVacancy');
  });

  it('a profile with 9×10^15 元 of revenue or founded before 1949-10-01', async () => {
    const financials = financialsEnding();
    financials[0] = { ...financials[0]!, revenue: 9_000_000_000_000_000, mainBusinessRevenue: 1 };
    const revenue = refused(await app.gql(UPSERT_PROFILE, { i: profileInput({ financials }) }, firm.token), 'input.financials[0].revenue', '[0, 10,000,000,000,000] 元');
    expect(revenue.message).toMatch(/^营业收入须在/);
    refused(await app.gql(UPSERT_PROFILE, { i: profileInput({ foundedOn: '0001-01-01', mainBusinessSince: '2013-01-01' }) }, firm.token), 'input.foundedOn', `[1949-10-01, ${beijingDate(0)}]`);
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput({ foundedOn: '1949-10-01' }) }, firm.token), 'upsertEnterpriseProfile');
  });
});

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}
