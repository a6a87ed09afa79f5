import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DEADLINE_KINDS, DEADLINE_STAGES, type DeadlineKind, type DeadlineStage } from '../../../../libs/calendar/src/index.js';
import { asEnum } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const DeadlineKindEnum = asEnum(DEADLINE_KINDS);
registerEnumType(DeadlineKindEnum, {
  name: 'DeadlineKind',
  description: '办理时限的类别 (which deadline policy a case follows)',
  valuesMap: {
    CREDIT_PRODUCT: { description: '融资对接：2 个工作日内答复，5 个工作日内作出决定 (credit: respond in 2, decide in 5 working days)' },
    SERVICE_OFFERING: { description: '服务对接：2 个工作日内答复，15 个工作日内办结 (services: respond in 2, complete in 15 working days)' },
    PARK_VACANCY: { description: '园区空间对接：2 个工作日内答复，10 个工作日内办结 (park space: respond in 2, complete in 10 working days)' },
    CHALLENGE_APPLICATION: { description: '揭榜申请：5 个工作日内入围或决定，20 个工作日内作出决定 (揭榜: shortlist or decide in 5, decide in 20 working days)' },
  },
});

export const DeadlineStageEnum = asEnum(DEADLINE_STAGES);
registerEnumType(DeadlineStageEnum, {
  name: 'DeadlineStage',
  description: '逾期的是哪一个时限 (which deadline has passed)',
  valuesMap: {
    RESPOND: { description: '答复时限 (the first answer)' },
    DECIDE: { description: '办理/决定时限 (the decision or completion)' },
  },
});

export const OVERDUE_SUBJECTS = ['MATCH_REQUEST', 'CHALLENGE_APPLICATION'] as const;
export const OverdueSubjectEnum = asEnum(OVERDUE_SUBJECTS);
registerEnumType(OverdueSubjectEnum, {
  name: 'OverdueSubject',
  description: '逾期事项的类型 (what kind of case is overdue)',
  valuesMap: {
    MATCH_REQUEST: { description: '对接申请 (a match request)' },
    CHALLENGE_APPLICATION: { description: '揭榜申请 (a 揭榜 application)' },
  },
});

@InputType('OverdueRequestFilter', { description: '逾期督办台账的筛选条件，各条件同时满足 (filters of the overdue desk; all apply)' })
export class OverdueRequestFilterInput {
  @Field(() => String, { nullable: true, description: '企业所在地区的 6 位行政区划代码，上级地区包含下级 (the firm\'s region code; a city includes its districts)' }) regionCode?: string | null;
  @Field(() => ID, { nullable: true, description: '只看该机构（发布方）的事项 (only cases of this institution, the owner)' }) ownerOrganizationId?: string | null;
  @Field(() => DeadlineKindEnum, { nullable: true, description: '只看该类别 (only this kind)' }) kind?: DeadlineKind | null;
}

@ObjectType('OverdueRequest', { description: '逾期未办的对接申请或揭榜申请 (a match request or 揭榜 application past its deadline)' })
export class OverdueRequestModel {
  @Field(() => OverdueSubjectEnum, { description: '事项类型 (what kind of case)' }) subjectType: (typeof OVERDUE_SUBJECTS)[number];
  @Field(() => ID, { description: '对接申请或揭榜申请的 ID (the match request\'s or application\'s id)' }) id: string;
  @Field(() => DeadlineKindEnum, { description: '时限类别 (deadline policy)' }) kind: DeadlineKind;
  @Field(() => DeadlineStageEnum, { description: '逾期的时限 (which deadline passed)' }) deadline: DeadlineStage;
  @Field(() => DateTimeScalar, { description: '该时限的截止时刻 (the deadline that passed)' }) dueAt: Date;
  @Field(() => Float, { description: '已逾期的工作日数，保留一位小数（1 个工作日 = 8 个工作小时）(working days overdue, one decimal; a working day is 8 working hours)' }) workingDaysOverdue: number;
  @Field({ description: '企业所在地区的 6 位行政区划代码 (the firm\'s region code)' }) regionCode: string;
  @Field(() => String, { nullable: true, description: '企业所在地区名称 (the firm\'s region name)' }) regionName: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '平台提醒发布方的时刻；尚未提醒为空 (when the owner was reminded; null before)' }) remindedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '报主管部门督办的时刻；尚未上报为空 (when it was escalated to the authority; null before)' }) escalatedAt: Date | null;
  ownerOrganizationId: string;
  firmOrganizationId: string;
}

@ObjectType('OverdueRequestEdge', { description: '逾期事项及其游标 (an overdue case and its cursor)' })
export class OverdueRequestEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => OverdueRequestModel, { description: '逾期事项 (the case)' }) node: OverdueRequestModel;
}

@ObjectType('OverdueRequestConnection', { description: '逾期督办台账，逾期最久的在前 (the overdue desk, most overdue first)' })
export class OverdueRequestConnectionModel {
  @Field(() => [OverdueRequestEdgeModel], { description: '本页 (this page)' }) edges: OverdueRequestEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的逾期事项总数 (overdue cases matching the filter)' }) totalCount: number;
}
