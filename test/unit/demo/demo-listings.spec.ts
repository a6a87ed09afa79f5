import { describe, expect, it } from '@jest/globals';
import { DEMO_ORGANIZATIONS } from '../../../apps/api/src/demo/demo-data.js';
import { addDays, demoListings } from '../../../apps/api/src/demo/demo-listings.js';
import { DEMO_MATCH_REQUESTS } from '../../../apps/api/src/demo/demo-match-requests.js';
import { LISTING_OWNER_KIND } from '../../../libs/listings/src/listing-enums.js';
import {
  validateChallenge,
  validateCreditProduct,
  validatePark,
  validateParkVacancy,
  validateServiceOffering,
} from '../../../libs/listings/src/listing-input.js';

const TODAY = '2026-11-21';
const data = demoListings(TODAY);
const PARK_ID = '00000000-0000-4000-8000-000000000001';
const org = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key);

const vacancies = data.parks.flatMap((p) => p.vacancies.map((v) => ({ ...v, ownerKey: p.ownerKey })));
const all = [
  ...data.services.map((s) => ({ kind: 'SERVICE_OFFERING' as const, ...s })),
  ...data.credit.map((c) => ({ kind: 'CREDIT_PRODUCT' as const, ...c })),
  ...data.challenges.map((c) => ({ kind: 'CHALLENGE' as const, ...c })),
  ...vacancies.map((v) => ({ kind: 'PARK_VACANCY' as const, ...v })),
];

describe('demo listings', () => {
  it('has the counts per kind the demo promises', () => {
    expect(data.services).toHaveLength(12);
    expect(data.credit).toHaveLength(10);
    expect(data.challenges).toHaveLength(6);
    expect(data.parks).toHaveLength(2);
    expect(vacancies).toHaveLength(8);
  });

  it.each(data.services.map((s) => [s.input.title, s] as const))('service offering %s passes validation', (_t, s) => {
    expect(() => validateServiceOffering(s.input)).not.toThrow();
  });

  it.each(data.credit.map((c) => [c.input.title, c] as const))('credit product %s passes validation', (_t, c) => {
    expect(() => validateCreditProduct(c.input)).not.toThrow();
  });

  it.each(data.challenges.map((c) => [c.input.title, c] as const))('challenge %s passes validation and is open for a while', (_t, c) => {
    const { details } = validateChallenge(c.input);
    expect(details.applyBy >= addDays(TODAY, 30)).toBe(true);
    expect(details.applyBy <= addDays(TODAY, 180)).toBe(true);
    expect(details.indicators.length).toBeGreaterThanOrEqual(3);
  });

  it.each(data.parks.map((p) => [p.input.name, p] as const))('park %s and its vacancies pass validation', (_n, p) => {
    expect(() => validatePark(p.input)).not.toThrow();
    for (const v of p.vacancies) {
      const { details } = validateParkVacancy({ ...v.input, parkId: PARK_ID });
      expect(details.rentPerSqmDay).toBeGreaterThanOrEqual(0.6);
      expect(details.rentPerSqmDay).toBeLessThanOrEqual(1.5);
    }
  });

  it('offers several 知识产权质押 and 贷投联动 products from at least five banks', () => {
    const types = data.credit.map((c) => c.input.productType);
    expect(types.filter((t) => t === 'IP_PLEDGE').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'LOAN_INVESTMENT_LINKAGE').length).toBeGreaterThanOrEqual(2);
    expect(new Set(data.credit.map((c) => c.ownerKey)).size).toBeGreaterThanOrEqual(5);
    for (const c of data.credit) {
      if (c.input.productType === 'IP_PLEDGE') expect(c.input.pledgeRatioPercent).toBeGreaterThan(0);
      if (c.input.productType === 'LOAN_INVESTMENT_LINKAGE') expect(c.input.partnerInvestor?.trim()).toBeTruthy();
      expect(c.input.amountMin).toBeGreaterThanOrEqual(1_000_000);
      expect(c.input.amountMax).toBeLessThanOrEqual(30_000_000);
    }
  });

  it('spreads offerings over categories and challenges over three anchor enterprises', () => {
    expect(new Set(data.services.map((s) => s.input.category)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(data.challenges.map((c) => c.ownerKey)).size).toBe(3);
  });

  it.each(all.map((l) => [l.kind, l.input.title, l] as const))('%s %s belongs to a demo organization of the right kind', (kind, _t, l) => {
    expect(org(l.ownerKey)?.kind).toBe(LISTING_OWNER_KIND[kind]);
  });

  it('keeps one or two drafts; everything else is published by a verified owner', () => {
    const drafts = all.filter((l) => !l.publish || !org(l.ownerKey)!.verified);
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(drafts.length).toBeLessThanOrEqual(2);
  });

  it('has unique titles', () => {
    const titles = all.map((l) => l.input.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('dates move with today', () => {
    const later = demoListings('2027-03-01');
    expect(later.challenges[0]!.input.applyBy).toBe(addDays('2027-03-01', 75));
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('demo match requests', () => {
  const published = new Map(all.filter((l) => l.publish && org(l.ownerKey)?.verified).map((l) => [l.input.title, l]));

  it.each(DEMO_MATCH_REQUESTS.map((r) => [r.enterpriseKey, r.listingTitle, r] as const))('%s → %s names a demo enterprise and a published demo listing', (_e, _t, r) => {
    expect(org(r.enterpriseKey)?.kind).toBe('ENTERPRISE');
    expect(published.has(r.listingTitle)).toBe(true);
    if (r.then && 'respond' in r.then && r.then.complete) expect(r.then.respond.accept).toBe(true);
  });

  it('covers every state, without two open requests for one enterprise and listing', () => {
    const state = (r: (typeof DEMO_MATCH_REQUESTS)[number]) =>
      !r.then ? 'PENDING' : 'cancel' in r.then ? 'CANCELLED' : !r.then.respond.accept ? 'DECLINED' : r.then.complete ? 'COMPLETED' : 'ACCEPTED';
    expect(new Set(DEMO_MATCH_REQUESTS.map(state))).toEqual(new Set(['PENDING', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED']));
    const pairs = DEMO_MATCH_REQUESTS.map((r) => `${r.enterpriseKey}|${r.listingTitle}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
