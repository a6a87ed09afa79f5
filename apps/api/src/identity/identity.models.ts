import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../libs/identity/src/organizations/organization-kind.js';
import type { VerificationState } from '../../../../libs/identity/src/verification/verification-state.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import type { MemberRole } from '../../../../libs/identity/src/users/member-role.js';
import { MemberRoleEnum } from './members.models.js';

export const OrganizationKindEnum = asEnum(ORGANIZATION_KINDS);
registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind' });

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKind;

  @Field()
  name: string;

  @Field({ description: '统一社会信用代码 (GB 32100-2015), 18 characters, check digit verified. 若已被主管部门释放（usccReleased），为该机构曾申领的代码 (the released code when usccReleased).' })
  uscc: string;

  @Field({
    description:
      '主管部门是否已释放该机构申领的统一社会信用代码（认定其不是该代码所属企业）；释放后 uscc 仅为历史记录，须更正代码后重新提交审核 ' +
      '(true when the AUTHORITY released the USCC this organization had claimed; uscc is then history).',
  })
  usccReleased: boolean;

  @Field({ description: '6-digit 行政区划代码, e.g. 330281 for 余姚市.' })
  regionCode: string;

  @Field({ description: 'Set by an AUTHORITY after review; only verified organizations can publish.' })
  verified: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an AUTHORITY verified it.' })
  verifiedAt: Date | null;

  @Field(() => String, { nullable: true, description: '地址（公开），由机构负责人/管理员维护 (address; public).' })
  address: string | null;

  @Field(() => String, { nullable: true, description: '网址（公开）(website; public).' })
  website: string | null;

  @Field(() => String, { nullable: true, description: '机构简介（公开），最多 2000 字 (description; public).' })
  description: string | null;

  /** Raw contact columns; exposed only through the `contact` field, which checks who asks. */
  contactDetails: { name: string | null; phone: string | null; email: string | null };

  /** Not fields: the verification columns, read by the `verification` resolver. */
  verificationState: VerificationState;
  verificationReason: string | null;
  verificationDecidedAt: Date | null;
  verificationDecidedBy: string | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => MemberRoleEnum, { description: '在本机构中的角色 (role in its organization).' })
  role: MemberRole;

  @Field(() => DateTimeScalar, { description: '账号创建时间 (when the account was created).' })
  createdAt: Date;

  /** Resolved through the per-request organization loader. */
  organizationId: string;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field()
  accessToken: string;

  @Field(() => UserModel)
  user: UserModel;
}

@InputType('OrganizationInput')
export class OrganizationInput {
  @Field(() => OrganizationKindEnum, { description: 'AUTHORITY cannot be self-registered.' })
  kind: OrganizationKind;

  @Field()
  name: string;

  @Field()
  uscc: string;

  @Field()
  regionCode: string;
}

@InputType('RegisterInput')
export class RegisterInput {
  @Field()
  email: string;

  @Field({ description: 'At least 10 characters.' })
  password: string;

  @Field()
  displayName: string;

  @Field(() => OrganizationInput)
  organization: OrganizationInput;
}

@InputType('LoginInput')
export class LoginInput {
  @Field()
  email: string;

  @Field()
  password: string;
}
