import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { boundText } from '../../../../libs/platform/src/index.js';
import { SafeIntScalar } from '../graphql/scalars.js';

@InputType('AnnualFinancialsInput', { description: '一个会计年度的财务数据，金额单位：元（整数）；每年度只能出现一次 (one financial year; whole yuan; each year at most once)' })
export class AnnualFinancialsInput {
  @Field(() => Int, { description: '会计年度，如 2025；不早于成立年份、不晚于今年，不可重复 (financial year, from the founding year to this year, no duplicates)' }) year: number;
  @Field(() => SafeIntScalar, { description: `营业收入，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (operating revenue, whole yuan ≥ 0)` }) revenue: number;
  @Field(() => SafeIntScalar, { description: `主营业务收入，单位：元，≥ 0 且不高于营业收入，取值 ${boundText('moneyYuan')} (main-business revenue, yuan, 0..revenue)` }) mainBusinessRevenue: number;
  @Field(() => SafeIntScalar, { description: `研发费用，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (R&D expense, whole yuan ≥ 0)` }) rdExpense: number;
  @Field(() => SafeIntScalar, { nullable: true, description: `净利润，单位：元，整数，可为负数，取值 ${boundText('signedMoneyYuan')} (net profit, whole yuan; may be negative)` }) netProfit?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `年末资产总额，单位：元，≥ 0；填写负债总额（> 0）时必填，取值 ${boundText('moneyYuan')} (total assets, yuan ≥ 0; required when totalLiabilities > 0)` }) totalAssets?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `年末负债总额，单位：元，≥ 0，取值 ${boundText('moneyYuan')} (total liabilities, yuan ≥ 0)` }) totalLiabilities?: number | null;
  @Field(() => Int, { nullable: true, description: '从业人员数，单位：人，≥ 0 (employees, persons ≥ 0)' }) employees?: number | null;
  @Field(() => Int, { nullable: true, description: '研发人员数，单位：人，≥ 0 且不超过从业人员数（填写时从业人员数必填）(R&D staff, persons, 0..employees; needs employees)' }) rdEmployees?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `当年新增股权融资额，单位：元，≥ 0，取值 ${boundText('moneyYuan')} (new equity financing that year, yuan ≥ 0)` }) equityFinancing?: number | null;
}

@InputType('IpAssetsInput', { description: '有效知识产权数量，单位：件，均为 ≥ 0 的整数 (valid IP counts, whole numbers ≥ 0)' })
export class IpAssetsInput {
  @Field(() => Int, { description: 'Ⅰ类知识产权（发明专利及同类），单位：件，≥ 0 (invention patents and equivalents, count ≥ 0)' }) inventionPatents: number;
  @Field(() => Int, { description: '实用新型专利，单位：件，≥ 0 (utility models, count ≥ 0)' }) utilityModels: number;
  @Field(() => Int, { description: '外观设计专利，单位：件，≥ 0 (design patents, count ≥ 0)' }) designPatents: number;
  @Field(() => Int, { description: '软件著作权，单位：件，≥ 0 (software copyrights, count ≥ 0)' }) softwareCopyrights: number;
  @Field(() => Int, { description: '注册商标，单位：件，≥ 0 (trademarks, count ≥ 0)' }) trademarks: number;
}

@InputType('FinancingNeedInput', { description: '融资需求 (financing need)' })
export class FinancingNeedInput {
  @Field(() => SafeIntScalar, { description: `融资金额，单位：元，正整数，取值 ${boundText('positiveMoneyYuan')} (amount, whole yuan > 0)` }) amount: number;
  @Field(() => Int, { description: '融资期限，单位：月，1–360 的整数 (term, 1–360 months)' }) termMonths: number;
  @Field(() => String, { nullable: true, description: '资金用途；空白视为未填 (purpose of the funds; blank means none)' }) purpose?: string | null;
}

@InputType('SpaceNeedInput', { description: '场地需求 (space need)' })
export class SpaceNeedInput {
  @Field(() => Float, { description: `最小面积，单位：m²，> 0，取值 ${boundText('areaSqm')} (smallest acceptable area, m² > 0)` }) minAreaSqm: number;
  @Field(() => Float, { description: `最大面积，单位：m²，≥ minAreaSqm，取值 ${boundText('areaSqm')} (largest acceptable area, m² ≥ minAreaSqm)` }) maxAreaSqm: number;
  @Field(() => [String], { description: '可接受的地区，6 位行政区划代码（GB/T 2260）；为空表示不限 (acceptable region codes; empty means anywhere)' }) regionCodes: string[];
  @Field(() => Float, { nullable: true, description: `可接受的最高租金，单位：元/m²·天，> 0，取值 ${boundText('rentPerSqmDay')} (highest acceptable rent, yuan per m² per day, > 0)` }) maxRentPerSqmDay?: number | null;
}
