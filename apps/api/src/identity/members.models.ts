import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MEMBER_ROLES, type MemberRole, INVITATION_KINDS, type InvitationKind } from '../../../../libs/identity/src/index.js';
import type { ActivationSkipReason } from '../../../../libs/identity/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';

export const MemberRoleEnum = asEnum(MEMBER_ROLES);
registerEnumType(MemberRoleEnum, {
  name: 'MemberRole',
  description: '成员在本机构中的角色 (a user’s role in its organization).',
  valuesMap: {
    OWNER: { description: '负责人：管理成员（含负责人）和机构信息；每个机构至少一名 (manages everything; an organization always keeps one).' },
    ADMIN: { description: '管理员：邀请、移除管理员和成员，维护机构信息；不能任命或变更负责人 (manages ADMINs and MEMBERs, not OWNERs).' },
    MEMBER: { description: '成员：代表本机构办理业务（档案、发布、对接），不能管理成员 (acts for the organization; does not manage members).' },
  },
});

export const InvitationKindEnum = asEnum(INVITATION_KINDS);
registerEnumType(InvitationKindEnum, {
  name: 'InvitationKind',
  description: '邀请类型 (invitation kind).',
  valuesMap: {
    MEMBER: { description: '机构邀请同事加入 (an organization invites a colleague).' },
    OWNER_ACTIVATION: { description: '主管部门邀请其录入的企业开通首个负责人账号 (the AUTHORITY activates an imported firm’s first OWNER).' },
  },
});

const SKIP_REASONS: readonly ActivationSkipReason[] = ['NOT_FOUND', 'NOT_ENTERPRISE', 'HAS_OWNER', 'NO_CONTACT_EMAIL', 'ALREADY_INVITED'];
export const ActivationSkipReasonEnum = asEnum(SKIP_REASONS);
registerEnumType(ActivationSkipReasonEnum, {
  name: 'ActivationSkipReason',
  description: '批量激活邀请中跳过某企业的原因 (why a firm of a batch was not invited).',
  valuesMap: {
    NOT_FOUND: { description: '机构不存在 (no such organization).' },
    NOT_ENTERPRISE: { description: '不是企业 (ENTERPRISE) 机构 (not an ENTERPRISE).' },
    HAS_OWNER: { description: '已有负责人账号 (already has an OWNER).' },
    NO_CONTACT_EMAIL: { description: '导入数据中没有联系邮箱 (no 邮箱 in its imported contact details).' },
    ALREADY_INVITED: { description: '已有未过期的激活邀请，不重复发送 (a pending activation exists; not sent twice).' },
  },
});

export const ActivationOutcomeEnum = asEnum(['INVITED', 'SKIPPED'] as const);
registerEnumType(ActivationOutcomeEnum, {
  name: 'ActivationOutcome',
  description: '批量激活邀请中每家企业的结果 (per-firm outcome of a batch).',
  valuesMap: { INVITED: { description: '已发送激活邀请 (an activation invitation was mailed).' }, SKIPPED: { description: '已跳过，见 reason (skipped, see reason).' } },
});

@ObjectType('Invitation', { description: '加入机构的邀请；令牌只在邮件中，平台仅保存其哈希 (an invitation; the token is only in the mail).' })
export class InvitationModel {
  @Field(() => ID, { description: '邀请 ID。' })
  id: string;

  @Field({ description: '受邀邮箱 (the invited address).' })
  email: string;

  @Field(() => MemberRoleEnum, { description: '接受后获得的角色 (the role granted on acceptance).' })
  role: MemberRole;

  @Field(() => InvitationKindEnum, { description: '邀请类型 (kind).' })
  kind: InvitationKind;

  @Field(() => ID, { description: '受邀加入的机构 ID (the organization joined).' })
  organizationId: string;

  @Field(() => DateTimeScalar, { description: '失效时间，发出后 7 天 (expiry, 7 days after sending).' })
  expiresAt: Date;

  @Field(() => DateTimeScalar, { description: '发出时间 (when it was sent).' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: '接受时间；未接受为 null (when accepted).' })
  acceptedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '撤销时间；未撤销为 null (when revoked).' })
  revokedAt: Date | null;
}

@ObjectType('OwnerActivationResult', { description: '批量激活邀请中一家企业的结果 (one firm of inviteImportedOwners).' })
export class OwnerActivationResultModel {
  @Field(() => ID, { description: '企业机构 ID (the organization).' })
  organizationId: string;

  @Field(() => ActivationOutcomeEnum, { description: '结果 (outcome).' })
  outcome: 'INVITED' | 'SKIPPED';

  @Field(() => ActivationSkipReasonEnum, { nullable: true, description: '跳过原因；已邀请为 null (why it was skipped).' })
  reason: ActivationSkipReason | null;

  @Field(() => InvitationModel, { nullable: true, description: '发出的邀请（不含令牌）；跳过为 null (the invitation sent).' })
  invitation: InvitationModel | null;
}

@ObjectType('OrganizationContact', {
  description:
    '机构联系方式：仅本机构、主管部门，以及与其有已接受（ACCEPTED/COMPLETED）的对接申请或已录用揭榜申请的对方机构可见 ' +
    '(contact details: visible to the organization, the AUTHORITY, and the other side of an accepted match request or 揭榜 application).',
})
export class OrganizationContactModel {
  @Field(() => String, { nullable: true, description: '联系人 (contact person).' })
  name: string | null;

  @Field(() => String, { nullable: true, description: '联系电话 (phone).' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱 (email).' })
  email: string | null;
}
