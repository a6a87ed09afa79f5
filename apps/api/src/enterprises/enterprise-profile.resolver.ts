import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, inTransaction, badInput, checkPageSize, echoInput, offsetAfter, offsetConnection, parseId } from '../../../../libs/platform/src/index.js';
import { connectionOf } from '../graphql/connection.js';
import { authorizeQuery, seesRow } from '../../../../libs/identity/src/index.js';
import { ConsentService, EnterpriseProfileService, missingSections, ReviewRiskQuery, sectionNames, TitleDecisionService, type ProfileSection } from '../../../../libs/enterprises/src/index.js';
import { MatchRequestService } from '../../../../libs/matching/src/index.js';
import { ChallengeApplicationService } from '../../../../libs/listings/src/index.js';
import { activeConsents, askedProfileSections, consentCovering, snapshotFinancials } from './shared-profiles.js';
import { RULE_SETS } from '../../../../libs/tiers/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { EnterpriseProfileModel, ReviewRiskEntryModel } from './profile.models.js';
import { EnterpriseProfileInput, EnterpriseProfilePatchInput } from './profile.inputs.js';
import { toAssessmentModel, toProfileModel } from './profile.mapper.js';
import { TierAssessmentModel } from './tier.models.js';
import type { EnterpriseTier } from '../../../../libs/enterprises/src/index.js';
import { EnterpriseTierEnum } from './enterprise.models.js';
import { DateScalar } from '../graphql/scalars.js';
import { VerificationDeciderModel } from '../identity/verification.models.js';

/** A consent exists but its scope leaves out sections the query asks for. */
function outOfScope(missing: ProfileSection[]): AppError {
  return new AppError('FORBIDDEN', `企业授权的查看范围不包含${sectionNames(missing)}，请只查询已授权的部分或请企业扩大授权 (the firm's consent does not cover: ${missing.join(', ')})`, { sections: missing });
}

const ReviewRiskEntryConnection = connectionOf(ReviewRiskEntryModel, 'ReviewRiskEntry', {
  zh: '复核风险企业',
  en: 'enterprise at review risk',
  orderZh: '到期日近的在前',
  orderEn: 'soonest expiry first',
  unit: '家',
});

@Resolver(() => EnterpriseProfileModel)
export class EnterpriseProfileResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileService,
    private readonly risks: ReviewRiskQuery,
    private readonly matchRequests: MatchRequestService,
    private readonly titles: TitleDecisionService,
    private readonly applications: ChallengeApplicationService,
    private readonly consents: ConsentService,
  ) {}

  @Query(() => EnterpriseProfileModel, {
    nullable: true,
    description:
      '查看企业画像：本企业、主管部门，或企业通过对接申请、揭榜申请授权查看的发布方可读；无权或不存在时为空 (own profile, AUTHORITY, or an owner of a listing the enterprise shared its profile with through a match request or a 揭榜 application)',
  })
  async enterpriseProfile(
    @Args('organizationId', { type: () => ID, description: '企业所属机构 ID (the enterprise\'s organization)' }) organizationId: string,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const actor = ctx.requireActor();
    const id = parseId(organizationId, 'organizationId');
    const asked = [...askedProfileSections(info)];
    if (actor.organizationId === id) {
      const own = await this.profiles.read(actor, id);
      return own ? toProfileModel(own) : null;
    }
    const log = (outcome: 'READ' | 'REFUSED', consentId: string | null, financialYears: number[] = []) =>
      ctx.loaders.accessLog.load({ organizationId: id, readerOrganizationId: actor.organizationId, readerUserId: actor.userId, operation: 'ENTERPRISE_PROFILE', sections: asked, financialYears, outcome, consentId });
    if (actor.kind === 'AUTHORITY') {
      const profile = await this.profiles.read(actor, id);
      if (profile) await log('READ', null, asked.includes('FINANCIALS') ? (profile.financials ?? []).map((y) => y.year) : []);
      return profile ? toProfileModel(profile) : null;
    }
    // Anyone else reads through a consent whose scope covers every section asked for (ADR 0035); each read and refusal is logged.
    const given = (await activeConsents(this.consentSources(), actor.organizationId, [id])).get(id);
    const consent = consentCovering(given, asked);
    if (!consent) {
      await log('REFUSED', given?.[0]?.id ?? null);
      if (!given?.length) authorizeQuery(actor, 'enterpriseProfile', { parties: [id], granted: false });
      throw outOfScope(missingSections(asked, given![0]!.sections));
    }
    const profile = await this.profiles.read(actor, id, async () => true);
    if (!profile) return null;
    const model = toProfileModel(profile);
    model.financials = snapshotFinancials(consent);
    await log('READ', consent.id, asked.includes('FINANCIALS') ? consent.financialYears : []);
    return model;
  }

  private consentSources() {
    return { consents: this.consents, requests: this.matchRequests, applications: this.applications };
  }

  @Mutation(() => EnterpriseProfileModel, { description: '创建或整体替换调用者所在企业的画像，仅限企业账号 (ENTERPRISE only; creates or replaces the caller\'s profile)' })
  async upsertEnterpriseProfile(@Args('input', { description: '企业画像 (the profile)' }) input: EnterpriseProfileInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    const saved = await inTransaction(this.dataSource, (manager) => this.profiles.upsertOwn(manager, actor, input));
    return toProfileModel(saved);
  }

  @Mutation(() => EnterpriseProfileModel, {
    description:
      '部分修改调用者所在企业的画像，仅限企业账号，须已有画像：不传的字段不变，null 清空可选字段；upsertEnterpriseProfile 仍为整体替换 (ENTERPRISE only: changes some fields of the caller\'s existing profile; upsertEnterpriseProfile still replaces it whole)',
  })
  async patchEnterpriseProfile(@Args('patch', { description: '要修改的字段 (the fields to change)' }) patch: EnterpriseProfilePatchInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    const saved = await inTransaction(this.dataSource, (manager) => this.profiles.patchOwn(manager, actor, patch));
    return toProfileModel(saved);
  }

  @Mutation(() => EnterpriseProfileModel, {
    description:
      '仅限主管部门（AUTHORITY only）：确认企业的认定称号（企业自报的，或主管部门掌握的称号与认定日期），确认后计入统计、金融产品准入、揭榜偏好和复核风险；企业会收到通知。' +
      'Confirms the title (tier and date as stated here); the same confirmed title again changes nothing.',
  })
  async confirmCertification(
    @Args('organizationId', { type: () => ID, description: '企业机构 ID (the ENTERPRISE organization).' }) organizationId: string,
    @Args('tier', { type: () => EnterpriseTierEnum, description: '确认的称号（不能为 NONE）。The confirmed tier.' }) tier: EnterpriseTier,
    @Args('certifiedOn', { type: () => DateScalar, description: '认定日期（北京时间，不晚于今天、不早于企业成立日期）；有效期3年自此起算。Certification date.' })
    certifiedOn: string,
    @Context() ctx: RequestContext,
  ) {
    const { profile } = await inTransaction(this.dataSource, (manager) => this.titles.confirm(manager, ctx.actor, organizationId, tier, certifiedOn));
    return toProfileModel((await this.profiles.load(profile.organizationId)) ?? profile);
  }

  @Mutation(() => EnterpriseProfileModel, {
    description:
      '仅限主管部门（AUTHORITY only）：驳回企业自报（尚待确认）的称号并说明原因；称号保留在档案中标记为未获确认，不计入任何统计和评估，企业会收到含原因的通知。' +
      'CONFLICT when the title is not a pending claim.',
  })
  async rejectCertificationClaim(
    @Args('organizationId', { type: () => ID, description: '企业机构 ID (the ENTERPRISE organization).' }) organizationId: string,
    @Args('reason', { description: '驳回原因，1–500 字，企业可见。Reason shown to the firm, 1–500 characters.' }) reason: string,
    @Context() ctx: RequestContext,
  ) {
    const { profile } = await inTransaction(this.dataSource, (manager) => this.titles.rejectClaim(manager, ctx.actor, organizationId, reason));
    return toProfileModel((await this.profiles.load(profile.organizationId)) ?? profile);
  }

  @ResolveField(() => VerificationDeciderModel, {
    nullable: true,
    description: '记录称号来源的人（自报的企业成员，或确认、驳回、导入的主管部门经办人；姓名仅主管部门可见）；演示数据、命令行导入和迁移前的数据为空。Who recorded the provenance.',
  })
  async tierProvenanceBy(@Parent() profile: EnterpriseProfileModel, @Context() ctx: RequestContext): Promise<VerificationDeciderModel | null> {
    if (!profile.tierProvenanceByUserId) return null;
    const user = await ctx.loaders.user.load(profile.tierProvenanceByUserId);
    const userOrg = user?.organizationId ? await ctx.loaders.organization.load(user.organizationId) : null;
    return { displayName: seesRow(ctx.actor, 'VerificationDecider.displayName') ? (user?.displayName ?? null) : null, organizationName: userOrg?.name ?? null };
  }

  @Query(() => [ReviewRiskEntryModel], {
    description: '复核风险名单，按到期日从近到远，仅限主管部门 (AUTHORITY only: enterprises whose title is at 复核 risk, soonest expiry first)',
    deprecationReason: '请使用 enterprisesAtReviewRiskConnection（Relay 分页，含 totalCount 和 pageInfo）(use enterprisesAtReviewRiskConnection)',
  })
  async enterprisesAtReviewRisk(
    @Context() ctx: RequestContext,
    @Args('regionCode', { nullable: true, description: '省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (a province, city or county code; includes the areas under it)' }) regionCode?: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: '返回条数，1–500，默认 50 (how many, 1–500, default 50)' }) first = 50,
  ) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'enterprisesAtReviewRisk');
    if (first < 1 || first > 500) throw badInput('first 需在 1–500 之间 (first must be 1–500)', 'first');
    return this.risks.list(regionCode, first);
  }

  @Query(() => ReviewRiskEntryConnection, { description: '复核风险名单（Relay 分页），按到期日从近到远，仅限主管部门 (AUTHORITY only: a Relay page of enterprises at 复核 risk, soonest expiry first)' })
  async enterprisesAtReviewRiskConnection(
    @Context() ctx: RequestContext,
    @Args('regionCode', { nullable: true, description: '省、市或县级 6 位行政区划代码，包含其下辖地区；不填表示全部 (a province, city or county code; includes the areas under it)' }) regionCode?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；最多翻到第 10000 条 (the previous page’s endCursor; the first 10,000 rows)' }) after?: string | null,
  ) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'enterprisesAtReviewRiskConnection');
    checkPageSize(first ?? 20);
    const offset = offsetAfter(after);
    const [rows, total] = await Promise.all([this.risks.list(regionCode, first ?? 20, offset), this.risks.count(regionCode)]);
    return offsetConnection(rows, offset, total);
  }

  @ResolveField(() => OrganizationModel, { description: '企业所属机构 (the enterprise\'s organization)' })
  async organization(@Parent() profile: EnterpriseProfileModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(profile.organizationId);
    if (!org) throw new Error(`profile ${profile.organizationId} has no organization`);
    return toOrganizationModel(org);
  }

  @ResolveField(() => [TierAssessmentModel], {
    description: '各梯度最新的评估结果，由评分任务计算；不指定规则集时按各梯度今日适用的规则集 (latest assessment per tier; without ruleSet, the rule set in force for each tier today)',
  })
  async assessments(
    @Parent() profile: EnterpriseProfileModel,
    @Context() ctx: RequestContext,
    @Args('ruleSet', { nullable: true, description: '规则集：MIIT-2022 或 MIIT-2026 (rule set)' }) ruleSet?: string,
  ) {
    if (ruleSet !== undefined && ruleSet !== null && !RULE_SETS[ruleSet]) {
      throw badInput(`未知规则集 ${echoInput(ruleSet)}（可选 ${Object.keys(RULE_SETS).join(', ')}） (unknown rule set)`, 'ruleSet');
    }
    const rows = await ctx.loaders.assessments.load(`${profile.organizationId}|${ruleSet ?? ''}`);
    return rows.map(toAssessmentModel);
  }
}
