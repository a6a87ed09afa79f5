import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import { TitleReviewService } from '../../../../libs/enterprises/src/index.js';
import type { TitleReviewMarkEntity } from '../../../../libs/enterprises/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { TitleReviewMarkModel } from './title-review.models.js';
import { ClearTitleReviewPendingInput, RecordTitleReviewPendingInput } from './title-review.inputs.js';

const toModel = (m: TitleReviewMarkEntity): TitleReviewMarkModel => ({
  id: m.id,
  action: m.action,
  pendingUntil: m.pendingUntil,
  tier: m.tier,
  certifiedOn: m.certifiedOn,
  organizationIds: m.organizationIds,
  organizationCount: m.organizationIds.length,
  document: m.document,
  decidedAt: m.decidedAt,
});

/** The AUTHORITY's re-review (复核) desk: pending re-reviews keep expired titles in force (DOMAIN.md §8.2). */
@Resolver(() => TitleReviewMarkModel)
export class TitleReviewResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly titleReviews: TitleReviewService,
  ) {}

  @Mutation(() => TitleReviewMarkModel, {
    description:
      '仅限主管部门（AUTHORITY only）：登记称号复核待定——届满的称号至截止日（含当日）仍按有效计（计入统计、前置条件和金融准入），并通知相关企业。Records re-reviews as pending until a date, for a batch or up to 1000 firms; notifies each firm.',
  })
  async recordTitleReviewPending(@Args('input', { description: '登记内容：企业范围（机构 ID 列表，或称号与认定日期确定的批次，最多 1000 家）、复核待定截止日与依据文件 (the firms, the last day and the document)' }) input: RecordTitleReviewPendingInput, @Context() ctx: RequestContext): Promise<TitleReviewMarkModel> {
    const mark = await inTransaction(this.dataSource, (manager) => this.titleReviews.recordPending(manager, ctx.actor, input));
    return toModel(mark);
  }

  @Mutation(() => TitleReviewMarkModel, {
    description:
      '仅限主管部门（AUTHORITY only）：撤销称号复核待定登记——已届满的称号即失效，并通知相关企业。Clears pending re-reviews (a batch: those that have one; a list: each must have one); notifies each firm.',
  })
  async clearTitleReviewPending(@Args('input', { description: '撤销范围：机构 ID 列表或称号与认定日期确定的批次，最多 1000 家 (the firms whose pending mark is cleared)' }) input: ClearTitleReviewPendingInput, @Context() ctx: RequestContext): Promise<TitleReviewMarkModel> {
    const mark = await inTransaction(this.dataSource, (manager) => this.titleReviews.clearPending(manager, ctx.actor, input));
    return toModel(mark);
  }
}
