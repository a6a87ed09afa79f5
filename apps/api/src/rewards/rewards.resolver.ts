import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, echoInput, inTransaction, keysetCursor } from '../../../../libs/platform/src/index.js';
import { authorizeQuery } from '../../../../libs/identity/src/index.js';
import { RewardsService, type PayoutLine, type Policy, type TitleTier } from '../../../../libs/rewards/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { InsightsPeriodInput } from '../insights/insights.inputs.js';
import { toPeriod } from '../insights/insights.resolver.js';
import { DraftRewardPolicyInput, MarkPolicyPayoutPaidInput, RecordChallengeProjectFactsInput, RecordServiceProviderSelectionInput, WithholdPolicyPayoutInput } from './rewards.inputs.js';
import { ChallengeProjectFactsModel, ServiceProviderSelectionModel, MyPolicyRewardsModel, PolicyPayoutConnectionModel, PolicyPayoutLineModel, PolicyPayoutTotalModel, PolicyWhatIfModel } from './rewards.models.js';
import { regionText, toPolicyModel, toRewardModel } from './rewards.mapper.js';

const LIST_CAP = 20;
const day = (d: Date | null | undefined): string | undefined => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : undefined);

/** Policy rewards without applying (惠企政策, 免申即享): the firm's own view, the bureau's payout list, decisions and what-if. */
@Resolver()
export class RewardsResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rewards: RewardsService,
  ) {}

  @Query(() => MyPolicyRewardsModel, {
    description:
      '本机构的政策奖励（免申即享）：应享、待结算或暂缓、已兑付、就高不重复未发的项，以及差一步即可获得的奖励；每项含计算过程、分期与依据。仅限企业和服务机构 (ENTERPRISE and SERVICE_PROVIDER: the caller’s own rewards with arithmetic and evidence, and near misses)',
  })
  async myPolicyRewards(@Context() ctx: RequestContext): Promise<MyPolicyRewardsModel> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'myPolicyRewards');
    const mine = await this.rewards.mine(actor.organizationId);
    const all = mine.entitlements.map((x) => toRewardModel(x.entitlement, x.policy, x.payouts));
    const of = (...states: string[]) => all.filter((r) => states.includes(r.state)).slice(0, LIST_CAP);
    return {
      eligible: of('ELIGIBLE'),
      pending: of('PENDING', 'WITHHELD'),
      paid: of('PAID'),
      superseded: of('SUPERSEDED'),
      nearMisses: mine.nearMisses.slice(0, LIST_CAP).map((m) => ({ policy: toPolicyModel(this.rewards.policy(m.policyId)), missing: m.missing, potentialAmount: m.potentialAmount ?? null })),
      totalOwed: all.filter((r) => r.state !== 'SUPERSEDED').reduce((s, r) => s + Math.max(0, r.amount - r.amountPaid) * (r.tranches.some((t) => t.decision === 'WITHHELD') ? 0 : 1), 0),
    };
  }

  @Query(() => PolicyPayoutConnectionModel, {
    description:
      '免申即享兑付清单：某政策在区间内触发的全部受益机构（就高不重复后），含金额、计算过程、依据与兑付记录；仅限主管部门 (AUTHORITY only: every entitled organization of a policy, newest first)',
  })
  async policyPayoutList(
    @Context() ctx: RequestContext,
    @Args('policyId', { type: () => ID, description: '政策编号 (policy id)' }) policyId: string,
    @Args('period', { type: () => InsightsPeriodInput, description: '触发日期区间（含首尾）(trigger dates, inclusive)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '受益机构所在地区：6 位行政区划代码，含下辖地区；不填表示全部 (region; includes the areas under it)' }) regionCode?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100 (page size, 1–100)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (the previous page’s endCursor)' }) after?: string | null,
  ): Promise<PolicyPayoutConnectionModel> {
    authorizeQuery(ctx.requireActor(), 'policyPayoutList');
    if (after && after.length > 200) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
    const page = await this.rewards.payoutList(policyId, toPeriod(period), regionCode, first ?? 20, after);
    const lines = await this.lines(page.rows);
    return {
      edges: lines.map((node, i) => ({ cursor: keysetCursor(page.rows[i]!.entitlement), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  /** Lines with their organizations' names (one statement per page). */
  async lines(rows: PayoutLine[]): Promise<PolicyPayoutLineModel[]> {
    const ids = [...new Set(rows.map((r) => r.entitlement.organizationId))];
    const orgs: Array<{ id: string; name: string; uscc: string | null }> = ids.length ? await this.dataSource.query('SELECT id, name, uscc FROM organizations WHERE id = ANY($1::uuid[])', [ids]) : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((r) => ({
      id: r.entitlement.id,
      organizationId: r.entitlement.organizationId,
      organizationName: byId.get(r.entitlement.organizationId)?.name ?? '',
      uscc: byId.get(r.entitlement.organizationId)?.uscc ?? null,
      regionName: regionText(r.entitlement.regionCode),
      reward: toRewardModel(r.entitlement, r.policy, r.payouts),
    }));
  }

  @Query(() => [PolicyPayoutTotalModel], { description: '兑付汇总：某政策按县级地区的受益机构数、应享与已发放金额；仅限主管部门 (AUTHORITY only: totals per county)' })
  async policyPayoutTotals(
    @Context() ctx: RequestContext,
    @Args('policyId', { type: () => ID, description: '政策编号 (policy id)' }) policyId: string,
    @Args('period', { type: () => InsightsPeriodInput, description: '触发日期区间（含首尾）(trigger dates, inclusive)' }) period: InsightsPeriodInput,
    @Args('regionCode', { type: () => String, nullable: true, description: '6 位行政区划代码，含下辖地区；不填表示全部 (region; includes the areas under it)' }) regionCode?: string | null,
  ): Promise<PolicyPayoutTotalModel[]> {
    authorizeQuery(ctx.requireActor(), 'policyPayoutTotals');
    const rows = await this.rewards.totals(policyId, toPeriod(period), regionCode);
    return rows.map((r) => ({ ...r, regionName: regionText(r.regionCode) }));
  }

  @Mutation(() => PolicyPayoutLineModel, {
    description:
      '仅限主管部门（AUTHORITY only）：标记一期奖励已发放（日期、凭证号、实际金额）；每期只能决定一次。已发放金额计入就高不重复和区级配套。Marks one tranche paid; once per tranche; feeds 就高不重复 and 配套.',
  })
  async markPolicyPayoutPaid(@Args('input', { description: '发放记录 (the payment)' }) input: MarkPolicyPayoutPaidInput, @Context() ctx: RequestContext): Promise<PolicyPayoutLineModel> {
    const paidOn = day(input.paidOn);
    const result = await inTransaction(this.dataSource, (m) =>
      this.rewards.decide(m, ctx.actor, { entitlementId: input.entitlementId, trancheIndex: input.trancheIndex, decision: 'PAID', paidOn: paidOn ?? '', reference: input.reference, amount: input.amount }),
    );
    return this.lineOf(result.entitlement.id);
  }

  @Mutation(() => PolicyPayoutLineModel, {
    description: '仅限主管部门（AUTHORITY only）：暂缓发放一期奖励，须选择理由代码（如信用不良、已获同类奖励）；每期只能决定一次。Withholds one tranche with a coded reason; once per tranche.',
  })
  async withholdPolicyPayout(@Args('input', { description: '暂缓理由 (the reason)' }) input: WithholdPolicyPayoutInput, @Context() ctx: RequestContext): Promise<PolicyPayoutLineModel> {
    const result = await inTransaction(this.dataSource, (m) =>
      this.rewards.decide(m, ctx.actor, { entitlementId: input.entitlementId, trancheIndex: input.trancheIndex, decision: 'WITHHELD', reasonCode: input.reasonCode, reasonText: input.reasonText }),
    );
    return this.lineOf(result.entitlement.id);
  }

  @Mutation(() => ChallengeProjectFactsModel, {
    description:
      '仅限主管部门（AUTHORITY only）：登记已立项揭榜项目的类别、计划与实际投入、验收结果——揭榜奖励（宁波 30% 研发投入、余姚 揭榜挂帅 分期）按此计算，并立即重新计算该企业的奖励。Records a 揭榜 project’s class, investment and 验收; the firm is re-evaluated at once.',
  })
  async recordChallengeProjectFacts(@Args('input', { description: '项目信息 (the facts)' }) input: RecordChallengeProjectFactsInput, @Context() ctx: RequestContext): Promise<ChallengeProjectFactsModel> {
    const completedOn = input.completedOn === null ? null : input.completedOn === undefined ? undefined : (day(input.completedOn) ?? '');
    const r = await inTransaction(this.dataSource, (m) =>
      this.rewards.recordChallengeProject(m, ctx.actor, {
        applicationId: input.applicationId,
        category: input.category,
        plannedInvestment: input.plannedInvestment,
        actualInvestment: input.actualInvestment,
        completedOn,
        completionPassed: input.completionPassed,
      }),
    );
    return {
      applicationId: r.applicationId,
      category: r.category,
      plannedInvestment: r.plannedInvestment,
      actualInvestment: r.actualInvestment,
      completedOn: r.completedOn,
      completionPassed: r.completionPassed,
    };
  }

  @Mutation(() => ServiceProviderSelectionModel, {
    description:
      '仅限主管部门（AUTHORITY only）：登记某年度优质服务机构评选结果及核定奖励——“优质服务机构奖励”按此计算（封顶按政策），并立即重新计算该机构的奖励；同一机构同一年度再次登记即更正。Records a year\'s 优质服务机构 selection and award; the institution is re-evaluated at once.',
  })
  async recordServiceProviderSelection(
    @Args('input', { description: '评选结果 (the selection)' }) input: RecordServiceProviderSelectionInput,
    @Context() ctx: RequestContext,
  ): Promise<ServiceProviderSelectionModel> {
    const selectedOn = input.selectedOn === null || input.selectedOn === undefined ? undefined : (day(input.selectedOn) ?? '');
    const r = await inTransaction(this.dataSource, (m) => this.rewards.recordServiceProviderSelection(m, ctx.actor, { organizationId: input.organizationId, year: input.year, award: input.award, selectedOn }));
    return { organizationId: r.organizationId, year: r.year, award: r.awardYuan, selectedOn: r.selectedOn };
  }

  private async lineOf(entitlementId: string): Promise<PolicyPayoutLineModel> {
    const line = await this.rewards.lineById(entitlementId);
    return (await this.lines([line]))[0]!;
  }

  @Query(() => PolicyWhatIfModel, {
    description: '政策测算（仅限主管部门）：以草案参数对当前全部企业和服务机构计算受益机构数与总成本，不发布、不保存 (AUTHORITY only: a draft policy’s beneficiaries and cost against current organizations; nothing is stored)',
  })
  async policyWhatIf(@Context() ctx: RequestContext, @Args('draft', { description: '政策草案 (the draft)' }) draft: DraftRewardPolicyInput): Promise<PolicyWhatIfModel> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'policyWhatIf');
    return this.rewards.whatIf(actor, draftPolicy(draft));
  }
}

/** The draft input as a policy; the core's checks (policySetProblems) judge it. */
export function draftPolicy(d: DraftRewardPolicyInput): Policy {
  if ((d.regionCodes?.length ?? 0) < 1 || d.regionCodes.length > 20) throw badInput('适用地区须为 1–20 个行政区划代码 (regionCodes: 1–20 codes)', 'draft.regionCodes');
  if ((d.tiers?.length ?? 0) > 4) throw badInput('称号至多 4 个 (tiers: at most 4)', 'draft.tiers');
  if (d.stackingGroup && d.stackingGroup.length > 64) throw badInput('就高不重复组至多 64 个字符 (stackingGroup: at most 64 characters)', 'draft.stackingGroup');
  const validFrom = day(d.validFrom);
  if (!validFrom) throw badInput(`起始日无效：${echoInput(String(d.validFrom))} (validFrom must be a date)`, 'draft.validFrom');
  const tiers = (d.tiers ?? []) as TitleTier[];
  const trigger: Policy['trigger'] =
    d.trigger === 'TITLE_FIRST_CONFIRMED'
      ? { kind: 'TITLE_FIRST_CONFIRMED', tiers }
      : d.trigger === 'CHALLENGE_ACCEPTED'
        ? { kind: 'CHALLENGE_ACCEPTED', ...(tiers.length ? { requiresTiers: tiers } : {}) }
        : { kind: 'SERVICE_PROVIDER_SELECTED' };
  const need = (v: number | null | undefined, field: string): number => {
    if (v === null || v === undefined) throw badInput(`计算方式 ${d.formula} 须填写 ${field} (${field} is required for ${d.formula})`, `draft.${field}`);
    return v;
  };
  const formula: Policy['formula'] =
    d.formula === 'FIXED'
      ? { kind: 'FIXED', amount: need(d.amount, 'amount') }
      : d.formula === 'SHARE'
        ? { kind: 'SHARE', base: (d.base ?? need(null, 'base')) as 'CHALLENGE_RD_ACTUAL', shareBp: need(d.shareBp, 'shareBp'), cap: need(d.cap, 'cap') }
        : { kind: 'MATCH_PAID', numerator: need(d.numerator, 'numerator'), denominator: need(d.denominator, 'denominator'), ...(d.cap != null ? { cap: d.cap } : {}) };
  const validTo = day(d.validTo);
  return {
    id: d.id,
    name: d.name,
    issuer: d.issuer,
    source: '政策草案（测算）',
    confirmation: 'UNCONFIRMED',
    regionCodes: d.regionCodes,
    beneficiary: d.trigger === 'SERVICE_PROVIDER_SELECTED' ? 'SERVICE_PROVIDER' : 'ENTERPRISE',
    validFrom,
    ...(validTo ? { validTo } : {}),
    trigger,
    formula,
    ...(d.stackingGroup ? { stackingGroup: d.stackingGroup } : {}),
  };
}
