import { Field, ID, InputType } from '@nestjs/graphql';
import type { EnterpriseTier } from '../../../../libs/enterprises/src/index.js';
import { DateScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum } from './enterprise.models.js';

const SELECTION = {
  organizationIds: '企业机构ID名单（1–1000家），与批次二选一；单家企业即名单只含一项。Organizations (1–1000); either this or tier with certifiedOn.',
  tier: '批次：称号（不能为 NONE），与 certifiedOn 同时填写。Batch: the title, given with certifiedOn.',
  certifiedOn: '批次：认定日期（该日认定该称号的全部企业，不超过1000家）。Batch: the certification day (all titles of the tier certified that day, at most 1000).',
  document: '依据文件文号，如"工信厅企业函〔2026〕117号"，最多100个字符，可不填。The document behind the decision, at most 100 characters; optional.',
};

@InputType('RecordTitleReviewPendingInput', { description: '登记称号复核待定。Records re-reviews as pending for a batch or a list of firms.' })
export class RecordTitleReviewPendingInput {
  @Field(() => [ID], { nullable: true, description: SELECTION.organizationIds }) organizationIds?: string[] | null;
  @Field(() => EnterpriseTierEnum, { nullable: true, description: SELECTION.tier }) tier?: EnterpriseTier | null;
  @Field(() => DateScalar, { nullable: true, description: SELECTION.certifiedOn }) certifiedOn?: string | null;
  @Field(() => DateScalar, {
    description: '复核待定截止日（含当日），今天起12个月内，且不早于称号届满日。Last day (inclusive) the expired titles stay in force: from today to 12 months ahead, not before the expiry.',
  })
  pendingUntil: string;
  @Field(() => String, { nullable: true, description: SELECTION.document }) document?: string | null;
}

@InputType('ClearTitleReviewPendingInput', { description: '撤销称号复核待定登记。Clears pending re-reviews for a batch (those that have one) or a list of firms.' })
export class ClearTitleReviewPendingInput {
  @Field(() => [ID], { nullable: true, description: SELECTION.organizationIds }) organizationIds?: string[] | null;
  @Field(() => EnterpriseTierEnum, { nullable: true, description: SELECTION.tier }) tier?: EnterpriseTier | null;
  @Field(() => DateScalar, { nullable: true, description: SELECTION.certifiedOn }) certifiedOn?: string | null;
  @Field(() => String, { nullable: true, description: SELECTION.document }) document?: string | null;
}
