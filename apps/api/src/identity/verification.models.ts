import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { USCC_CLAIM_OUTCOMES, VERIFICATION_STATES, type UsccClaimOutcome, type VerificationState } from '../../../../libs/identity/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../listings/listing.models.js';
import { OrganizationModel } from './identity.models.js';

export const VerificationStateEnum = asEnum(VERIFICATION_STATES);
registerEnumType(VerificationStateEnum, {
  name: 'VerificationState',
  description: '机构审核状态 (verification state of an organization).',
  valuesMap: {
    PENDING: { description: '待审核：新注册或重新提交，等待主管部门审核 (waiting for review).' },
    NEEDS_INFO: { description: '待补充材料：主管部门要求补充信息，机构可修改后重新提交 (more information requested).' },
    VERIFIED: { description: '已通过：可按机构类型发布信息或发起对接 (verified).' },
    REJECTED: { description: '未通过：机构可更正信息后重新提交 (rejected; may resubmit).' },
    REVOKED: { description: '已撤销资质：已发布信息被下架、进行中的对接被取消；可重新提交 (verification revoked).' },
  },
});

export const UsccClaimOutcomeEnum = asEnum(USCC_CLAIM_OUTCOMES);
registerEnumType(UsccClaimOutcomeEnum, {
  name: 'UsccClaimOutcome',
  description: '主管部门对统一社会信用代码申领冲突的处理结果 (how the AUTHORITY decided a USCC claimed twice).',
  valuesMap: {
    CLAIMANT_CONFIRMED: {
      description: '确认申领：自行注册的机构即该代码所属企业，予以审核通过；之后的导入数据归入该机构 (the registrant is the firm: it is verified; later imports attach to it).',
    },
    CLAIM_RELEASED: {
      description:
        '释放代码：自行注册的机构不是该代码所属企业，驳回其审核并释放代码（成员账号保留）；之后的导入为真实企业新建机构 ' +
        '(the registrant is not the firm: it is rejected and the USCC released; an import then creates the real firm).',
    },
  },
});

@ObjectType('VerificationDecider', { description: '作出最近一次审核决定（或重新提交）的人 (who took the last decision).' })
export class VerificationDeciderModel {
  @Field(() => String, { nullable: true, description: '经办人姓名，仅主管部门可见 (display name of the deciding user; AUTHORITY only).' })
  displayName: string | null;

  @Field(() => String, { nullable: true, description: '经办人所属机构名称（主管部门或机构本身）(the deciding user\'s organization).' })
  organizationName: string | null;
}

@ObjectType('OrganizationVerification', { description: '机构审核状态及最近一次决定 (verification state and the last decision).' })
export class OrganizationVerificationModel {
  @Field(() => VerificationStateEnum, { description: '当前审核状态 (current state).' })
  state: VerificationState;

  @Field(() => String, {
    nullable: true,
    description: '最近一次决定的原因（驳回、补充材料、撤销）或机构重新提交时的说明；仅主管部门和机构本身可见，1–500 字 (reason of the last decision; AUTHORITY and the organization itself only).',
  })
  reason: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '最近一次决定的时间 (when the last decision was taken).' })
  decidedAt: Date | null;

  @Field(() => VerificationDeciderModel, { nullable: true, description: '最近一次决定的作出者；仅主管部门和机构本身可见 (AUTHORITY and the organization itself only).' })
  decidedBy: VerificationDeciderModel | null;

  /** Not a field: the deciding user, resolved by the organization resolver. */
  decidedByUserId: string | null;
  organizationId: string;
}

@ObjectType('UsccClaimConflict', {
  description: '统一社会信用代码申领冲突：主管部门导入的名单含有该机构自行注册（尚未通过审核）的代码，导入未向该机构写入任何数据 (an AUTHORITY import met this unverified claim; nothing was attached).',
})
export class UsccClaimConflictModel {
  @Field({ description: '统一社会信用代码 (the USCC claimed twice).' }) uscc: string;
  @Field({ description: '主管部门名单中的企业名称 (the enterprise name in the AUTHORITY\'s list).' }) importedName: string;
  @Field(() => DateTimeScalar, { description: '首次发现冲突的时间 (first import that met the claim).' }) firstSeenAt: Date;
  @Field(() => DateTimeScalar, { description: '最近一次发现冲突的时间 (latest import that met the claim).' }) lastSeenAt: Date;
  @Field(() => Int, { description: '遇到该冲突的导入次数 (number of imports that met the claim).' }) importCount: number;
  @Field(() => UsccClaimOutcomeEnum, { nullable: true, description: '主管部门的处理结果；null 表示待处理 (the decision; null while open).' })
  outcome: UsccClaimOutcome | null;
  @Field(() => String, { nullable: true, description: '处理理由，1–500 字 (the decision\'s reason).' }) reason: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '处理时间 (when it was decided).' }) decidedAt: Date | null;
}

@ObjectType('VerificationDecision', { description: '一次审核决定或重新提交（历史记录）(one verification decision or resubmission).' })
export class VerificationDecisionModel {
  @Field(() => ID, { description: '决定记录 ID (decision id).' }) id: string;
  @Field(() => VerificationStateEnum, { description: '决定前的状态 (state before).' }) fromState: VerificationState;
  @Field(() => VerificationStateEnum, { description: '决定后的状态 (state after).' }) toState: VerificationState;
  @Field(() => String, { nullable: true, description: '原因或说明，1–500 字 (reason or note).' }) reason: string | null;
  @Field(() => DateTimeScalar, { description: '决定时间 (when).' }) decidedAt: Date;
}

@ObjectType('OrganizationEdge', { description: '机构列表的一条边 (Relay edge).' })
export class OrganizationEdgeModel {
  @Field({ description: '游标，传给 after 取下一页 (cursor).' }) cursor: string;
  @Field(() => OrganizationModel, { description: '机构 (the organization).' }) node: OrganizationModel;
}

@ObjectType('OrganizationConnection', { description: '机构审核台列表，新注册在前 (the verification desk, newest first).' })
export class OrganizationConnectionModel {
  @Field(() => [OrganizationEdgeModel], { description: '本页机构 (this page).' }) edges: OrganizationEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (paging).' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合筛选条件的机构总数 (organizations matching the filter).' }) totalCount: number;
}
