import { badInput, echoInput, plausible, plausibleDate } from '../../platform/src/index.js';
import { describeRegionCodeProblem } from '../../identity/src/index.js';
import { ENTERPRISE_TIERS, HONOURS, MAIN_PRODUCT_FIELDS, RD_INSTITUTION_LEVELS, SERVICE_CATEGORIES, type EnterpriseTier, type ServiceCategory } from './enterprise-tier.js';
import { describeIndustryCodeProblem, normalizeIndustryCode } from '../../codes/src/index.js';
import type { FinancingNeedValue, SpaceNeedValue, TierFactsValue } from './enterprise-profile.entity.js';

export interface AnnualFinancialsCommand {
  year: number;
  revenue: number;
  mainBusinessRevenue: number;
  rdExpense: number;
  netProfit?: number | null;
  totalAssets?: number | null;
  totalLiabilities?: number | null;
  employees?: number | null;
  rdEmployees?: number | null;
  equityFinancing?: number | null;
}

export interface IpAssetsCommand {
  inventionPatents: number;
  utilityModels: number;
  designPatents: number;
  softwareCopyrights: number;
  trademarks: number;
}

/** What upsertEnterpriseProfile (and the bulk import) write: the contract's input plus tier facts. */
export interface ProfileCommand {
  industryCode: string;
  tier: EnterpriseTier;
  tierCertifiedOn?: string | null;
  foundedOn: string;
  mainBusinessSince: string;
  mainProducts: string[];
  capabilities: string;
  certifications: string[];
  financials: AnnualFinancialsCommand[];
  ipAssets: IpAssetsCommand;
  financingNeed?: FinancingNeedValue | null;
  serviceNeeds: ServiceCategory[];
  spaceNeed?: SpaceNeedValue | null;
  tierFacts?: TierFactsValue | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Chinese names of the money fields of a financial year, for messages. */
const MONEY_LABELS = {
  revenue: '营业收入',
  mainBusinessRevenue: '主营业务收入',
  rdExpense: '研发费用',
  totalAssets: '资产总额',
  totalLiabilities: '负债总额',
  equityFinancing: '股权融资额',
} as const;

/** yyyy-mm-dd of a real calendar day (Date.parse alone rolls 2023-02-30 over to 2023-03-02). */
export function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export function isoDate(v: unknown, field: string, today: string): string {
  const s = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)) : String(v);
  if (!isCalendarDate(s)) throw badInput(`${field} 不是有效日期 yyyy-mm-dd (not a valid date)`, field);
  if (s > today) throw badInput(`${field} 不能晚于今天 ${today} (date is in the future)`, field);
  return s;
}

function nonNegative(v: number | null | undefined, field: string, integer = true): void {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v) || v < 0) throw badInput(`${field} 不能为负数 (must not be negative)`, field);
  if (integer && !Number.isSafeInteger(v)) throw badInput(`${field} 必须为整数 (must be a whole number)`, field);
}

function textList(values: string[], field: string, maxItems: number, maxLength: number): string[] {
  if (values.length > maxItems) throw badInput(`${field} 最多 ${maxItems} 项 (at most ${maxItems} items)`, field);
  const cleaned = values.map((v) => v.trim()).filter((v) => v.length > 0);
  for (const v of cleaned) {
    if (v.length > maxLength) throw badInput(`${field} 每项最多 ${maxLength} 字 (each item at most ${maxLength} characters)`, field);
  }
  return [...new Set(cleaned)];
}

function oneOf<T extends string>(value: T | null | undefined, allowed: readonly string[], field: string): void {
  if (value !== null && value !== undefined && !allowed.includes(value)) {
    throw badInput(`${field} 取值无效：${echoInput(value)}（可选 ${allowed.join(', ')}） (not one of the allowed values)`, field);
  }
}

/**
 * Checks and normalises a profile before anything is written; throws BAD_USER_INPUT naming the
 * field. `today` (yyyy-mm-dd) bounds dates and financial years.
 */
export function validateProfile(input: ProfileCommand, today: string, path = 'input'): ProfileCommand {
  const f = (name: string) => `${path}.${name}`;
  const industryCode = normalizeIndustryCode(input.industryCode);
  const industryProblem = describeIndustryCodeProblem(industryCode);
  if (industryProblem) throw badInput(industryProblem, f('industryCode'));
  if (!ENTERPRISE_TIERS.includes(input.tier)) throw badInput(`未知梯度 ${echoInput(input.tier)}（可选 ${ENTERPRISE_TIERS.join(', ')}） (unknown tier)`, f('tier'));

  const foundedOn = plausibleDate(isoDate(input.foundedOn, f('foundedOn'), today), 'founding', today, f('foundedOn'), '成立日期');
  const mainBusinessSince = plausibleDate(isoDate(input.mainBusinessSince, f('mainBusinessSince'), today), 'founding', today, f('mainBusinessSince'), '主营业务起始日期');
  if (mainBusinessSince < foundedOn) {
    throw badInput('主营业务起始日期不能早于成立日期 (mainBusinessSince is before foundedOn)', f('mainBusinessSince'));
  }
  let tierCertifiedOn: string | null = null;
  if (input.tier === 'NONE') {
    if (input.tierCertifiedOn) throw badInput('未认定梯度时不应填写认定日期 (tierCertifiedOn given for tier NONE)', f('tierCertifiedOn'));
  } else if (input.tierCertifiedOn) {
    tierCertifiedOn = plausibleDate(isoDate(input.tierCertifiedOn, f('tierCertifiedOn'), today), 'founding', today, f('tierCertifiedOn'), '认定日期');
    if (tierCertifiedOn < foundedOn) throw badInput('认定日期不能早于成立日期 (tierCertifiedOn is before foundedOn)', f('tierCertifiedOn'));
  }

  const currentYear = Number(today.slice(0, 4));
  const foundedYear = Number(foundedOn.slice(0, 4));
  const years = new Set<number>();
  if (input.financials.length > 20) throw badInput('财务数据最多 20 个年度 (at most 20 years)', f('financials'));
  const financials = input.financials.map((y, i) => {
    const p = (name: string) => `${path}.financials[${i}].${name}`;
    if (!Number.isInteger(y.year) || y.year > currentYear) {
      throw badInput(`财务年度 ${y.year} 不能晚于 ${currentYear} 年 (financial year is in the future)`, p('year'));
    }
    if (y.year < foundedYear) throw badInput(`财务年度 ${y.year} 早于成立年份 ${foundedYear} (year before the firm was founded)`, p('year'));
    if (years.has(y.year)) throw badInput(`财务年度 ${y.year} 重复 (duplicate financial year)`, p('year'));
    years.add(y.year);
    for (const k of ['employees', 'rdEmployees'] as const) nonNegative(y[k], p(k));
    for (const k of ['revenue', 'mainBusinessRevenue', 'rdExpense', 'totalAssets', 'totalLiabilities', 'equityFinancing'] as const) {
      plausible(y[k], 'moneyYuan', p(k), MONEY_LABELS[k]);
    }
    plausible(y.netProfit, 'signedMoneyYuan', p('netProfit'), '净利润');
    if (y.mainBusinessRevenue > y.revenue) {
      throw badInput(`主营业务收入 ${y.mainBusinessRevenue} 不能高于营业收入 ${y.revenue} (mainBusinessRevenue exceeds revenue)`, p('mainBusinessRevenue'));
    }
    if (y.rdEmployees != null && (y.employees == null || y.rdEmployees > y.employees)) {
      throw badInput('研发人员数不能超过从业人员数 (rdEmployees exceeds employees)', p('rdEmployees'));
    }
    if (y.totalLiabilities != null && y.totalLiabilities > 0 && !y.totalAssets) {
      throw badInput('填写了负债总额却没有资产总额 (totalLiabilities given without totalAssets)', p('totalAssets'));
    }
    return { ...y };
  });
  financials.sort((a, b) => b.year - a.year);

  const ip = input.ipAssets;
  for (const k of ['inventionPatents', 'utilityModels', 'designPatents', 'softwareCopyrights', 'trademarks'] as const) {
    nonNegative(ip[k], `${path}.ipAssets.${k}`);
  }

  const need = input.financingNeed;
  if (need) {
    plausible(need.amount, 'positiveMoneyYuan', f('financingNeed.amount'), '融资需求金额');
    if (!Number.isInteger(need.termMonths) || need.termMonths < 1 || need.termMonths > 360) {
      throw badInput('融资期限需在 1–360 个月 (termMonths must be 1–360)', f('financingNeed.termMonths'));
    }
  }
  for (const c of input.serviceNeeds) oneOf(c, SERVICE_CATEGORIES, f('serviceNeeds'));
  const space = input.spaceNeed;
  if (space) {
    plausible(space.minAreaSqm, 'areaSqm', f('spaceNeed.minAreaSqm'), '最小面积');
    plausible(space.maxAreaSqm, 'areaSqm', f('spaceNeed.maxAreaSqm'), '最大面积');
    if (!(space.maxAreaSqm >= space.minAreaSqm)) {
      throw badInput('面积需求需满足 0 < 最小 ≤ 最大 (0 < minAreaSqm ≤ maxAreaSqm)', f('spaceNeed.minAreaSqm'));
    }
    plausible(space.maxRentPerSqmDay, 'rentPerSqmDay', f('spaceNeed.maxRentPerSqmDay'), '租金上限');
    space.regionCodes.forEach((code, i) => {
      const problem = describeRegionCodeProblem(code);
      if (problem) throw badInput(problem, `${path}.spaceNeed.regionCodes[${i}]`);
    });
  }

  const facts = input.tierFacts ?? {};
  oneOf(facts.rdInstitutionLevel, RD_INSTITUTION_LEVELS, f('tierFacts.rdInstitutionLevel'));
  oneOf(facts.mainProductField, MAIN_PRODUCT_FIELDS, f('tierFacts.mainProductField'));
  for (const h of facts.honours ?? []) oneOf(h, HONOURS, f('tierFacts.honours'));
  if (facts.digitalMaturityLevel != null && (!Number.isInteger(facts.digitalMaturityLevel) || facts.digitalMaturityLevel < 0 || facts.digitalMaturityLevel > 4)) {
    throw badInput('数字化水平等级为 0–4 (digitalMaturityLevel must be 0–4)', f('tierFacts.digitalMaturityLevel'));
  }
  if (facts.nicheMarketSharePercent != null && !(facts.nicheMarketSharePercent >= 0 && facts.nicheMarketSharePercent <= 100)) {
    throw badInput('细分市场占有率为 0–100% (nicheMarketSharePercent must be 0–100)', f('tierFacts.nicheMarketSharePercent'));
  }
  for (const k of ['highValueInventionPatents', 'selfDevelopedInventionPatents'] as const) {
    nonNegative(facts[k], f(`tierFacts.${k}`));
    if (facts[k] != null && facts[k]! > ip.inventionPatents) {
      throw badInput(`${k} 不能超过发明专利总数 ${ip.inventionPatents} (exceeds inventionPatents)`, f(`tierFacts.${k}`));
    }
  }
  if ((facts.awards?.length ?? 0) > 50) throw badInput('科技奖励最多 50 项 (at most 50 awards)', f('tierFacts.awards'));
  if ((facts.platformScores?.length ?? 0) > 20) throw badInput('平台评价得分最多 20 个年度 (at most 20 scores)', f('tierFacts.platformScores'));
  if ((facts.equityRounds?.length ?? 0) > 50) throw badInput('股权融资最多 50 笔 (at most 50 equity rounds)', f('tierFacts.equityRounds'));
  /** An event date (yyyy-mm-dd, not in the future) that must fall in the event's stated year. */
  const eventDate = (v: unknown, year: number, field: string): string => {
    const d = isoDate(v, field, today);
    if (Number(d.slice(0, 4)) !== year) throw badInput(`日期 ${d} 不在所填年份 ${year} 年内 (date is not in the stated year)`, field);
    return d;
  };
  const awards = facts.awards?.map((a, i) => (a.awardedOn == null ? { ...a } : { ...a, awardedOn: eventDate(a.awardedOn, a.year, f(`tierFacts.awards[${i}].awardedOn`)) }));
  const maker = facts.makerChina;
  if (maker && (!Number.isInteger(maker.year) || maker.year > currentYear)) {
    throw badInput('"创客中国"年份需为不晚于今年的整数年份 (year must be a whole year, not in the future)', f('tierFacts.makerChina.year'));
  }
  const makerChina = maker && maker.reachedOn != null ? { ...maker, reachedOn: eventDate(maker.reachedOn, maker.year, f('tierFacts.makerChina.reachedOn')) } : maker;
  const equityRounds = facts.equityRounds?.map((r, i) => {
    const field = f(`tierFacts.equityRounds[${i}]`);
    plausible(r.amount, 'positiveMoneyYuan', `${field}.amount`, '股权融资金额');
    return { receivedOn: isoDate(r.receivedOn, `${field}.receivedOn`, today), amount: r.amount };
  });
  for (const [i, a] of (facts.awards ?? []).entries()) {
    if (!Number.isInteger(a.year)) throw badInput('获奖年份必须为整数年份 (award year must be a whole year)', f(`tierFacts.awards[${i}].year`));
    if (a.year > currentYear) throw badInput('获奖年份不能晚于今年 (award year in the future)', f(`tierFacts.awards[${i}].year`));
    if (a.rank != null && (!Number.isInteger(a.rank) || a.rank < 1)) throw badInput('排名需为正整数 (rank must be ≥ 1)', f(`tierFacts.awards[${i}].rank`));
  }
  for (const [i, s] of (facts.platformScores ?? []).entries()) {
    if (!(s.score >= 0 && s.score <= 100)) throw badInput('平台评价得分为 0–100 (score must be 0–100)', f(`tierFacts.platformScores[${i}].score`));
    if (!Number.isInteger(s.year)) throw badInput('评价年份必须为整数年份 (year must be a whole year)', f(`tierFacts.platformScores[${i}].year`));
    if (s.year > currentYear) throw badInput('评价年份不能晚于今年 (year in the future)', f(`tierFacts.platformScores[${i}].year`));
  }

  const capabilities = input.capabilities.trim();
  if (capabilities.length > 5_000) throw badInput('核心技术与能力描述最多 5000 字 (capabilities at most 5000 characters)', f('capabilities'));
  return {
    industryCode,
    tier: input.tier,
    tierCertifiedOn,
    foundedOn,
    mainBusinessSince,
    mainProducts: textList(input.mainProducts, f('mainProducts'), 50, 200),
    capabilities,
    certifications: textList(input.certifications, f('certifications'), 50, 200),
    financials,
    ipAssets: { ...ip },
    financingNeed: need ? { amount: need.amount, termMonths: need.termMonths, purpose: need.purpose?.trim() || null } : null,
    serviceNeeds: [...new Set(input.serviceNeeds)],
    spaceNeed: space ? { ...space, regionCodes: [...new Set(space.regionCodes)] } : null,
    tierFacts: {
      ...facts,
      ...(awards ? { awards } : {}),
      ...(makerChina ? { makerChina } : {}),
      ...(equityRounds ? { equityRounds } : {}),
    },
  };
}
