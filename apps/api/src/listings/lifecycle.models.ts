import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TAKEDOWN_APPEAL_STATUSES } from '../../../../libs/listings/src/index.js';
import { asEnum } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { PageInfoModel, ParkModel } from './listing.models.js';

export const TakedownAppealStatusEnum = asEnum(TAKEDOWN_APPEAL_STATUSES);
registerEnumType(TakedownAppealStatusEnum, {
  name: 'TakedownAppealStatus',
  description: '下架申诉的状态 (status of an appeal against a takedown)',
  valuesMap: {
    OPEN: { description: '待主管部门处理 (waiting for the AUTHORITY)' },
    REINSTATED: { description: '主管部门已恢复该信息 (the AUTHORITY reinstated the listing)' },
    SUPERSEDED: { description: '已被后续处理取代 (ended by a later decision)' },
  },
});

@ObjectType('TakedownAppeal', { description: '发布方对主管部门下架的申诉 (an owner\'s appeal against the AUTHORITY\'s takedown of its listing)' })
export class TakedownAppealModel {
  @Field(() => ID, { description: '申诉 ID (appeal id)' }) id: string;
  @Field({ description: '申诉说明，1–1000 字 (the owner\'s message, 1–1000 characters)' }) message: string;
  @Field(() => String, { nullable: true, description: '申诉所针对的下架原因 (the takedown reason the appeal answers)' }) takedownReason: string | null;
  @Field(() => TakedownAppealStatusEnum, { description: '状态 (status)' }) status: string;
  @Field(() => String, { nullable: true, description: '主管部门恢复时的说明；未处理时为空 (the AUTHORITY\'s note when it reinstated; null while open)' }) resolutionNote: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '处理时间；未处理时为空 (when it was resolved; null while open)' }) resolvedAt: Date | null;
  @Field(() => DateTimeScalar, { description: '提交时间 (submitted at)' }) createdAt: Date;
  listingId: string;
  ownerOrganizationId: string;
}

@ObjectType('TakedownAppealEdge', { description: '下架申诉列表的一项 (one appeal of a page)' })
export class TakedownAppealEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => TakedownAppealModel, { description: '申诉 (the appeal)' }) node: TakedownAppealModel;
}

@ObjectType('TakedownAppealConnection', { description: '下架申诉分页，新的在前 (a page of takedown appeals, newest first)' })
export class TakedownAppealConnectionModel {
  @Field(() => [TakedownAppealEdgeModel], { description: '本页 (this page)' }) edges: TakedownAppealEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的申诉总数 (appeals matching the filter)' }) totalCount: number;
}

@ObjectType('ParkEdge', { description: '园区列表的一项 (one park of a page)' })
export class ParkEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => ParkModel, { description: '园区 (the park)' }) node: ParkModel;
}

@ObjectType('ParkConnection', { description: '园区分页，新的在前 (a page of parks, newest first)' })
export class ParkConnectionModel {
  @Field(() => [ParkEdgeModel], { description: '本页 (this page)' }) edges: ParkEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '调用者运营的园区总数 (parks the caller operates)' }) totalCount: number;
}
