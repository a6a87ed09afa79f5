import { Field, InputType } from '@nestjs/graphql';
import { dateWindowText } from '../../../../libs/platform/src/index.js';
import type { EnterpriseTier, ServiceCategory } from '../../../../libs/enterprises/src/index.js';
import { DateScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum, ServiceCategoryEnum } from './enterprise.models.js';
import { AnnualFinancialsInput, FinancingNeedInput, IpAssetsInput, SpaceNeedInput } from './enterprise.inputs.js';
import { TierFactsModel } from './tier.models.js';

@InputType('EnterpriseProfileInput', { description: '企业画像（整体替换原画像）(the whole profile; replaces the previous one)' })
export class EnterpriseProfileInput {
  @Field({ description: '国民经济行业代码（GB/T 4754-2017）：门类字母加 2–4 位数字，如 C34 或 C3484 (industry code such as C34 or C3484)' }) industryCode: string;
  @Field(() => EnterpriseTierEnum, { description: '已认定的梯度称号；未认定填 NONE (the certified tier; NONE when none)' }) tier: EnterpriseTier;
  @Field(() => DateScalar, { nullable: true, description: `认定日期，不早于成立日期、不晚于今天；tier 为 NONE 时不可填写，须在 ${dateWindowText('founding')} 之间 (certification date, between foundedOn and today; not allowed with NONE)` }) tierCertifiedOn?: string | null;
  @Field(() => DateScalar, { description: `成立日期，不晚于今天，须在 ${dateWindowText('founding')} 之间 (date founded, not in the future)` }) foundedOn: string;
  @Field(() => DateScalar, { description: `从事细分市场（主营业务）的起始日期，不早于成立日期、不晚于今天，须在 ${dateWindowText('founding')} 之间 (start of the main business, between foundedOn and today)` }) mainBusinessSince: string;
  @Field(() => [String], { description: '主导产品，最多 50 项，每项最多 200 字，重复和空白项被去除 (main products: at most 50, each at most 200 characters)' }) mainProducts: string[];
  @Field({ description: '核心技术与可解决的问题，最多 5000 字 (core technologies and capabilities, at most 5000 characters)' }) capabilities: string;
  @Field(() => [String], { description: '资质与认证，最多 50 项，每项最多 200 字 (certifications: at most 50, each at most 200 characters)' }) certifications: string[];
  @Field(() => [AnnualFinancialsInput], { description: '各年度财务数据，最多 20 个年度 (financial years, at most 20)' }) financials: AnnualFinancialsInput[];
  @Field(() => IpAssetsInput, { description: '有效知识产权数量 (intellectual property held)' }) ipAssets: IpAssetsInput;
  @Field(() => FinancingNeedInput, { nullable: true, description: '融资需求；无需求时不填 (financing need; omit when none)' }) financingNeed?: FinancingNeedInput | null;
  @Field(() => [ServiceCategoryEnum], { description: '需要的服务类别 (service categories needed)' }) serviceNeeds: ServiceCategory[];
  @Field(() => SpaceNeedInput, { nullable: true, description: '场地需求；无需求时不填 (space need; omit when none)' }) spaceNeed?: SpaceNeedInput | null;
  @Field(() => TierFactsModel, { nullable: true, description: '梯度认定规则所需的补充信息，均为可选；未填写的项保持“未知” (optional facts the tier rules use; omitted ones stay unknown)' })
  tierFacts?: TierFactsModel | null;
}

@InputType('EnterpriseProfilePatch', { description: '企业画像的部分修改：不传的字段保持不变，null 清空可选字段（必填字段不能清空），列表和嵌套对象（如 financials、ipAssets）整体替换；校验按合并后的整体进行 (partial update of the profile: absent keeps, null clears an optional field, lists and nested objects are replaced whole; the merged profile is validated)' })
export class EnterpriseProfilePatchInput {
  @Field(() => String, { nullable: true, description: '国民经济行业代码（GB/T 4754-2017）：门类字母加 2–4 位数字，如 C34 或 C3484 (industry code such as C34 or C3484)' }) industryCode?: string | null;
  @Field(() => EnterpriseTierEnum, { nullable: true, description: '已认定的梯度称号；未认定填 NONE (the certified tier; NONE when none)' }) tier?: EnterpriseTier | null;
  @Field(() => DateScalar, { nullable: true, description: '认定日期，不早于成立日期、不晚于今天；tier 为 NONE 时不可填写 (certification date, between foundedOn and today; not allowed with NONE)' }) tierCertifiedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '成立日期，不晚于今天 (date founded, not in the future)' }) foundedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '从事细分市场（主营业务）的起始日期，不早于成立日期、不晚于今天 (start of the main business, between foundedOn and today)' }) mainBusinessSince?: string | null;
  @Field(() => [String], { nullable: true, description: '主导产品，最多 50 项，每项最多 200 字，重复和空白项被去除 (main products: at most 50, each at most 200 characters)' }) mainProducts?: string[] | null;
  @Field(() => String, { nullable: true, description: '核心技术与可解决的问题，最多 5000 字 (core technologies and capabilities, at most 5000 characters)' }) capabilities?: string | null;
  @Field(() => [String], { nullable: true, description: '资质与认证，最多 50 项，每项最多 200 字 (certifications: at most 50, each at most 200 characters)' }) certifications?: string[] | null;
  @Field(() => [AnnualFinancialsInput], { nullable: true, description: '各年度财务数据，最多 20 个年度 (financial years, at most 20)' }) financials?: AnnualFinancialsInput[] | null;
  @Field(() => IpAssetsInput, { nullable: true, description: '有效知识产权数量 (intellectual property held)' }) ipAssets?: IpAssetsInput | null;
  @Field(() => FinancingNeedInput, { nullable: true, description: '融资需求；传 null 表示已无需求，不传保持不变 (financing need; null clears it, absent keeps it)' }) financingNeed?: FinancingNeedInput | null;
  @Field(() => [ServiceCategoryEnum], { nullable: true, description: '需要的服务类别 (service categories needed)' }) serviceNeeds?: ServiceCategory[] | null;
  @Field(() => SpaceNeedInput, { nullable: true, description: '场地需求；传 null 表示已无需求，不传保持不变 (space need; null clears it, absent keeps it)' }) spaceNeed?: SpaceNeedInput | null;
  @Field(() => TierFactsModel, { nullable: true, description: '梯度认定规则所需的补充信息，传入时整体替换；不传保持不变 (the facts the tier rules use, replaced whole when given; absent keeps them)' })
  tierFacts?: TierFactsModel | null;
}
