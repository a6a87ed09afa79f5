import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { EnterpriseTier, TitleReviewAction } from '../../../../libs/enterprises/src/index.js';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum } from './enterprise.models.js';

export enum TitleReviewActionEnum {
  PENDING_RECORDED = 'PENDING_RECORDED',
  PENDING_CLEARED = 'PENDING_CLEARED',
}
registerEnumType(TitleReviewActionEnum, {
  name: 'TitleReviewAction',
  description: '主管部门对称号复核的登记。An AUTHORITY decision on re-reviews (复核) of certified titles.',
  valuesMap: {
    PENDING_RECORDED: { description: '登记复核待定：届满的称号至截止日（含）仍按有效计。Re-review recorded as pending until a date.' },
    PENDING_CLEARED: { description: '撤销复核待定登记：届满的称号即失效。Pending re-review cleared: an expired title lapses.' },
  },
});

@ObjectType('TitleReviewMark', { description: '一次称号复核登记（历史记录，不可修改）。One AUTHORITY decision on re-reviews; history, never changed.' })
export class TitleReviewMarkModel {
  @Field(() => ID, { description: '登记编号。Id of the decision (the audit log names it as the target).' }) id: string;
  @Field(() => TitleReviewActionEnum, { description: '登记复核待定或撤销。Recorded or cleared.' }) action: TitleReviewAction;
  @Field(() => DateScalar, { nullable: true, description: '复核待定截止日（含当日）；撤销时为空。Last day in force; null when cleared.' }) pendingUntil: string | null;
  @Field(() => EnterpriseTierEnum, { nullable: true, description: '按批次时的称号。The batch tier, if a batch was selected.' }) tier: EnterpriseTier | null;
  @Field(() => DateScalar, { nullable: true, description: '按批次时的认定日期。The batch certification day, if a batch was selected.' }) certifiedOn: string | null;
  @Field(() => [ID], { description: '本次登记改变的企业机构ID。The organizations this decision changed.' }) organizationIds: string[];
  @Field(() => Int, { description: '改变的企业数（家）。How many organizations changed.' }) organizationCount: number;
  @Field(() => String, { nullable: true, description: '依据文件文号。The document behind it.' }) document: string | null;
  @Field(() => DateTimeScalar, { description: '登记时间。When the AUTHORITY decided.' }) decidedAt: Date;
}
