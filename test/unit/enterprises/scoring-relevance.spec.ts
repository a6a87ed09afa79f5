/**
 * ADR 0044: rescoring and reassessment are skipped when a profile write changes none of the fields
 * they read. The field lists are checked against the code that reads: the match-side loader's SQL,
 * the scorer's side mapper and `profileFacts`. A new column or fact read without being listed fails here.
 */
import { describe, expect, it } from '@jest/globals';
import {
  MATCH_SIDE_PROFILE_FIELDS,
  MATCH_SIDE_YEAR_FIELDS,
  TIER_PROFILE_FIELDS,
  TIER_YEAR_FIELDS,
  loadEnterpriseRows,
  profileFacts,
  scoringChanges,
  type EnterpriseProfileEntity,
  type ProfileState,
} from '../../../libs/enterprises/src/index.js';
import { enterpriseSide } from '../../../libs/matching/src/sets/match-sides.js';

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const YEAR = { organizationId: 'o', year: 2025, revenue: 30_000_000, mainBusinessRevenue: 25_000_000, rdExpense: 1_500_000, netProfit: 2_000_000, totalAssets: 40_000_000, totalLiabilities: 20_000_000, employees: 120, rdEmployees: 20, equityFinancing: 0 };
const PROFILE = {
  organizationId: 'o',
  industryCode: 'C3484',
  tier: 'SPECIALIZED_SME',
  tierProvenance: 'CLAIMED',
  tierCertifiedOn: '2024-03-01',
  tierReviewPendingUntil: null,
  foundedOn: '2012-05-01',
  mainBusinessSince: '2013-01-01',
  mainProducts: ['谐波减速器'],
  capabilities: '精密加工',
  certifications: ['ISO9001'],
  inventionPatents: 3,
  utilityModels: 5,
  designPatents: 0,
  softwareCopyrights: 1,
  trademarks: 2,
  financingNeed: { amount: 5_000_000, termMonths: 12 },
  serviceNeeds: ['FINANCE'],
  spaceNeed: null,
  tierFacts: { honours: [], rdInstitutionLevel: 'MUNICIPAL' },
  version: 3,
  financials: [YEAR, { ...YEAR, year: 2024 }],
};

/** A copy of `o` that records the fields read (`prefix` + name). */
function recording<T extends object>(o: T, read: Set<string>, prefix = ''): T {
  return new Proxy(o, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(prefix + key);
      return Reflect.get(target, key, receiver);
    },
  });
}

function recordedProfile(read: Set<string>): EnterpriseProfileEntity {
  const years = PROFILE.financials.map((y) => recording({ ...y }, read, 'year.'));
  return recording({ ...PROFILE, financials: years }, read) as unknown as EnterpriseProfileEntity;
}

const fieldsRead = (read: Set<string>) => ({
  profile: [...read].filter((k) => !k.startsWith('year.') && !['organizationId', 'financials', 'then', 'constructor'].includes(k)).sort(),
  year: [...new Set([...read].filter((k) => k.startsWith('year.')).map((k) => k.slice(5)))].filter((k) => k !== 'organizationId').sort(),
});

describe('fields rescoring and reassessment read (ADR 0044)', () => {
  it('the match-side loader selects exactly the listed profile and year columns', async () => {
    const statements: string[] = [];
    const q = {
      query: async (sql: string) => {
        statements.push(sql);
        return statements.length === 1 ? [{ organization_id: 'o', version: 1, region_code: '330281' }] : [];
      },
    };
    await loadEnterpriseRows(q as never, {});
    const profileColumns = [...new Set([...statements[0]!.matchAll(/\bp\.([a-z_]+)/g)].map((m) => m[1]!))].filter((c) => c !== 'organization_id' && c !== 'version');
    expect(profileColumns.map(camel).sort()).toEqual([...MATCH_SIDE_PROFILE_FIELDS].sort());
    const yearList = /SELECT\s+([\s\S]*?)\s+FROM/.exec(statements[1]!)![1]!;
    const yearColumns = yearList.split(',').map((c) => c.trim()).filter((c) => c !== 'organization_id');
    expect(yearColumns.map(camel).sort()).toEqual([...MATCH_SIDE_YEAR_FIELDS].sort());
  });

  it("the scorer's enterprise side reads only listed fields", () => {
    const read = new Set<string>();
    enterpriseSide(recordedProfile(read), '330281', [], '2026-06-30');
    const { profile, year } = fieldsRead(read);
    expect(profile.filter((k) => !(MATCH_SIDE_PROFILE_FIELDS as readonly string[]).includes(k))).toEqual([]);
    expect(year.filter((k) => !(MATCH_SIDE_YEAR_FIELDS as readonly string[]).includes(k))).toEqual([]);
    expect(profile.length).toBeGreaterThan(5);
  });

  it('tier facts (own and counted title) read only listed fields', () => {
    for (const title of ['own', 'counted'] as const) {
      const read = new Set<string>();
      profileFacts(recordedProfile(read), '2026-06-30', title);
      const { profile, year } = fieldsRead(read);
      expect(profile.filter((k) => !(TIER_PROFILE_FIELDS as readonly string[]).includes(k))).toEqual([]);
      expect(year.filter((k) => !(TIER_YEAR_FIELDS as readonly string[]).includes(k))).toEqual([]);
      expect(year.length).toBeGreaterThan(5);
    }
  });
});

describe('scoringChanges', () => {
  const state = (patch: Record<string, unknown> = {}, yearPatch: Record<string, unknown> = {}): ProfileState => ({
    profile: { ...PROFILE, ...patch } as never,
    years: PROFILE.financials.map((y, i) => ({ ...y, ...(i === 0 ? yearPatch : {}) })) as never,
  });

  it.each([
    ['certifications only', { certifications: ['ISO9001', 'ISO14001'] }, {}, { matching: false, tiers: false }],
    ['nothing', {}, {}, { matching: false, tiers: false }],
    ['revenue of the newest year', {}, { revenue: 31_000_000 }, { matching: true, tiers: true }],
    ['service needs', { serviceNeeds: ['FINANCE', 'LEGAL'] }, {}, { matching: true, tiers: false }],
    ['capabilities text', { capabilities: '精密加工与装配' }, {}, { matching: true, tiers: false }],
    ['tier facts', { tierFacts: { honours: ['HIGH_TECH_ENTERPRISE'], rdInstitutionLevel: 'MUNICIPAL' } }, {}, { matching: false, tiers: true }],
    ['main business revenue', {}, { mainBusinessRevenue: 26_000_000 }, { matching: false, tiers: true }],
    ['the title', { tier: 'LITTLE_GIANT' }, {}, { matching: true, tiers: true }],
    ['jsonb key order and absent vs null', { financingNeed: { termMonths: 12, amount: 5_000_000, purpose: null } }, {}, { matching: false, tiers: false }],
    ['bigint read as text', {}, { revenue: '30000000' }, { matching: false, tiers: false }],
  ])('%s', (_name, patch, yearPatch, expected) => {
    expect(scoringChanges(state(), state(patch, yearPatch))).toEqual(expected);
  });

  it('a year added or removed changes both; a new profile changes both', () => {
    const fewer: ProfileState = { profile: PROFILE as never, years: [PROFILE.financials[0]] as never };
    expect(scoringChanges(state(), fewer)).toEqual({ matching: true, tiers: true });
    expect(scoringChanges(null, state())).toEqual({ matching: true, tiers: true });
  });
});
