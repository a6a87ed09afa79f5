import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TIMELINE_ENTRY_KINDS, type TimelineEntryKind } from '../../../../libs/timeline/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const TimelineEntryKindEnum = asEnum(TIMELINE_ENTRY_KINDS);
registerEnumType(TimelineEntryKindEnum, {
  name: 'TimelineEntryKind',
  description: '时间线步骤的类型 (kind of a timeline step)',
  valuesMap: {
    CREATED: { description: '提交申请 (the request or application was submitted)' },
    STATUS_CHANGED: { description: '状态变更：接受、婉拒、完成、取消、撤回等 (a status change: accepted, declined, completed, cancelled, withdrawn …)' },
    INFO_REQUESTED: { description: '接收方要求补充材料，期限暂停计时 (the receiving side asked for information; the deadline clock pauses)' },
    INFO_PROVIDED: { description: '申请方已补充材料，期限恢复计时 (the requesting side provided it; the clock resumes)' },
    MESSAGE: { description: '双方之间的留言 (a message between the two sides)' },
    REMINDER: { description: '平台发出的到期提醒 (a reminder sent by the platform before or at a deadline)' },
    ESCALATION: { description: '逾期后上报主管部门 (escalated to the AUTHORITY after a missed deadline)' },
    DECISION: { description: '结果登记：评审决定、授信决定、服务交付等 (a decision or outcome was recorded)' },
    EDITED: { description: '内容修改，如榜单预算、截止日期、指标 (content was edited, e.g. a challenge\'s budget, deadline or indicators)' },
    CLOSED: { description: '关闭 (closed)' },
    CONSENT_GRANTED: { description: '企业就本案授权对方查看其档案，范围见说明 (the firm gave the other side a consent to read its profile for this case; sections in the note)' },
    CONSENT_REVOKED: { description: '企业撤销了本案的档案授权，此后对方不能再查看 (the firm revoked its consent for this case; the other side reads nothing more)' },
  },
});

@ObjectType('TimelineEntry', { description: '对接申请、揭榜申请或榜单时间线上的一步 (one step on the timeline of a match request, a 揭榜 application or a challenge)' })
export class TimelineEntryModel {
  @Field(() => ID, { description: '步骤 ID，按发生先后递增 (step id, increasing in order of occurrence)' }) id: string;
  @Field(() => TimelineEntryKindEnum, { description: '步骤类型 (kind of step)' }) kind: TimelineEntryKind;
  @Field(() => String, { nullable: true, description: '该步骤之后的状态代码；不改变状态的步骤为空 (status code after this step; null when the step does not change it)' }) status: string | null;
  @Field(() => String, { nullable: true, description: '原因代码（婉拒、拒绝、关闭等）(reason code, for declines, rejections, closures …)' }) reasonCode: string | null;
  @Field(() => String, { nullable: true, description: '该步骤的说明或留言，最多 2000 字 (note or message of this step, at most 2,000 characters)' }) note: string | null;
  @Field(() => DateTimeScalar, { description: '发生时间 (when it happened)' }) occurredAt: Date;
  @Field(() => [String], { nullable: true, description: '内容修改（EDITED）步骤所改的字段名，如 budget、applyBy、completionDeadline、indicators；其他步骤为空 (for EDITED steps: names of the changed fields; null for other steps)' })
  changedFields: string[] | null;
  /** Resolved through the organization loader. */
  actorOrganizationId: string | null;
}

@ObjectType('TimelineConnection', { description: '时间线的一页，按发生先后排列 (a page of a timeline, oldest first)' })
export class TimelineConnectionModel {
  @Field(() => [TimelineEntryModel], { description: '本页的步骤 (steps of this page)' }) entries: TimelineEntryModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '时间线的步骤总数 (steps on the whole timeline)' }) totalCount: number;
}
