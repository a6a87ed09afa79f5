import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, inTransaction } from '../../../../libs/platform/src/index.js';
import { DECLINE_REASONS, DECLINE_REASON_KINDS, declineReason, type DeclineReasonKind } from '../../../../libs/codes/src/index.js';
import { MatchOutcomeService } from '../../../../libs/matching/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { ChallengeApplicationModel } from '../listings/listing.inputs.js';
import { MatchRequestModel } from './match-request.models.js';
import { toMatchRequestModel } from './match-request.mapper.js';
import { CreditDecisionModel, DeclineReasonKindEnum, DeclineReasonModel, ServiceDeliveryModel } from './match-outcome.models.js';
import { CreditDecisionInput, ServiceDeliveryInput } from './match-outcome.inputs.js';

/** The reason of a stored code as the API shows it (null for none or an unknown code). */
export function toDeclineReasonModel(code: string | null | undefined): DeclineReasonModel | null {
  const r = declineReason(code);
  return r ? { code: r.code, kind: r.kind, label: r.label, requiresText: r.requiresText } : null;
}

/** GraphQL Date values arrive as Dates at UTC midnight; the services take YYYY-MM-DD. */
const isoDay = (d: Date | string | null | undefined): string | null | undefined =>
  d instanceof Date ? (Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10)) : d;

/** Coded reasons and the outcomes that count (issue 17 items 3 and 5). */
@Resolver(() => MatchRequestModel)
export class MatchOutcomeResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outcomes: MatchOutcomeService,
  ) {}

  @Query(() => [DeclineReasonModel], { description: '编码的婉拒或拒绝理由列表，按资源类型；不填 kind 则返回全部；登录即可查看 (the coded decline/rejection reasons per kind; all lists without kind; any signed-in caller)' })
  declineReasons(
    @Context() ctx: RequestContext,
    @Args('kind', { type: () => DeclineReasonKindEnum, nullable: true, description: '理由列表；不填表示全部 (which list; all when omitted)' }) kind?: DeclineReasonKind | null,
  ): DeclineReasonModel[] {
    ctx.requireActor();
    if (kind != null && !(DECLINE_REASON_KINDS as readonly string[]).includes(kind)) throw badInput('kind 无效 (unknown kind)', 'kind');
    return DECLINE_REASONS.filter((r) => kind == null || r.kind === kind).map((r) => toDeclineReasonModel(r.code)!);
  }

  @Mutation(() => MatchRequestModel, {
    description:
      '登记授信结果，仅限该金融产品所属银行，申请须已接受（或企业已确认完成）且尚未登记；登记后不可更改 (the bank owning the credit product only, on an ACCEPTED or COMPLETED request without a recorded outcome; final once recorded)',
  })
  async recordCreditDecision(
    @Args('requestId', { type: () => ID, description: '对接申请 ID (match request id)' }) requestId: string,
    @Args('input', { description: '授信结果 (the decision)' }) input: CreditDecisionInput,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    const command = { ...input, disbursedOn: isoDay(input?.disbursedOn) };
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.outcomes.recordCreditDecision(m, actor, requestId, command)));
  }

  @Mutation(() => MatchRequestModel, {
    description:
      '登记服务交付（交付日期与价格），仅限该服务产品所属服务机构，申请须已接受（或企业已确认完成）且尚未登记 (the service institution owning the offering only, on an ACCEPTED or COMPLETED request without a recorded outcome)',
  })
  async recordServiceDelivery(
    @Args('requestId', { type: () => ID, description: '对接申请 ID (match request id)' }) requestId: string,
    @Args('input', { description: '服务交付 (the delivery)' }) input: ServiceDeliveryInput,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    const command = { ...input, deliveredOn: isoDay(input?.deliveredOn) as string };
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.outcomes.recordServiceDelivery(m, actor, requestId, command)));
  }

  @ResolveField(() => DeclineReasonModel, { nullable: true, description: '婉拒理由（代码与名称）；未婉拒时为空 (the coded reason of a decline; null unless DECLINED)' })
  declineReason(@Parent() request: MatchRequestModel): DeclineReasonModel | null {
    return toDeclineReasonModel(request.outcomeFacts.declineReasonCode);
  }

  @ResolveField(() => CreditDecisionModel, { nullable: true, description: '银行登记的授信结果（金融产品）；尚未登记时为空 (the bank\'s credit decision; null until recorded)' })
  creditDecision(@Parent() request: MatchRequestModel): CreditDecisionModel | null {
    const f = request.outcomeFacts;
    if (f.creditApproved === null || !f.outcomeRecordedAt) return null;
    return {
      approved: f.creditApproved,
      amountGranted: f.amountGranted,
      annualRatePercent: f.annualRatePercent,
      termMonths: f.termMonths,
      disbursedOn: f.disbursedOn,
      declineReason: toDeclineReasonModel(f.creditDeclineReasonCode),
      note: f.outcomeNote,
      recordedAt: f.outcomeRecordedAt,
    };
  }

  @ResolveField(() => ServiceDeliveryModel, { nullable: true, description: '服务机构登记的交付（服务产品）；尚未登记时为空 (the recorded delivery; null until recorded)' })
  serviceDelivery(@Parent() request: MatchRequestModel): ServiceDeliveryModel | null {
    const f = request.outcomeFacts;
    if (f.deliveredOn === null || f.servicePrice === null || !f.outcomeRecordedAt) return null;
    return { deliveredOn: f.deliveredOn, price: f.servicePrice, note: f.outcomeNote, recordedAt: f.outcomeRecordedAt };
  }
}

/** The coded reason of a rejected 揭榜 application. */
@Resolver(() => ChallengeApplicationModel)
export class ApplicationReasonResolver {
  @ResolveField(() => DeclineReasonModel, { nullable: true, description: '拒绝理由（代码与名称）；未被拒绝时为空 (the coded reason of a rejection; null unless REJECTED)' })
  rejectionReason(@Parent() application: ChallengeApplicationModel): DeclineReasonModel | null {
    return toDeclineReasonModel(application.rejectionReasonCode);
  }
}
