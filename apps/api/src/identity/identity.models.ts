import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../libs/identity/src/index.js';
import type { VerificationState, MemberRole } from '../../../../libs/identity/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { MemberRoleEnum } from './members.models.js';

export const OrganizationKindEnum = asEnum(ORGANIZATION_KINDS);
registerEnumType(OrganizationKindEnum, {
  name: 'OrganizationKind',
  description: '机构类型 (kind of organization); AUTHORITY 由平台开通，不能自行注册.',
  valuesMap: {
    ENTERPRISE: { description: '企业（中小企业，一企一档）(an SME keeping a profile)' },
    SERVICE_PROVIDER: { description: '服务机构（服务机构资源池：知识产权、数字化转型、检验检测等）(service institution)' },
    BANK: { description: '银行等金融机构，发布金融产品 (bank publishing credit products)' },
    ANCHOR_ENTERPRISE: { description: '链主/龙头企业，发布揭榜挂帅榜单 (anchor enterprise posting 揭榜 challenges)' },
    PARK_OPERATOR: { description: '园区运营方，发布园区房源 (park operator listing vacancies)' },
    AUTHORITY: { description: '主管部门（如市经信局），审核机构、导入培育库、查看全市数据 (the bureau)' },
  },
});

@ObjectType('Organization', { description: '平台上的机构：企业、服务机构、银行、链主企业、园区运营方或主管部门 (an organization on the platform).' })
export class OrganizationModel {
  @Field(() => ID, { description: '机构 ID (UUID).' })
  id: string;

  @Field(() => OrganizationKindEnum, { description: '机构类型 (kind).' })
  kind: OrganizationKind;

  @Field({ description: '机构法定名称；只能由主管部门更正 (legal name; changed only through the AUTHORITY).' })
  name: string;

  @Field({ description: '统一社会信用代码 (GB 32100-2015), 18 characters, check digit verified. 若已被主管部门释放（usccReleased），为该机构曾申领的代码 (the released code when usccReleased).' })
  uscc: string;

  @Field({
    description:
      '主管部门是否已释放该机构申领的统一社会信用代码（认定其不是该代码所属企业）；释放后 uscc 仅为历史记录，须更正代码后重新提交审核 ' +
      '(true when the AUTHORITY released the USCC this organization had claimed; uscc is then history).',
  })
  usccReleased: boolean;

  @Field({ description: '所在地区，6 位行政区划代码，如 330281（余姚市）(6-digit region code)' })
  regionCode: string;

  @Field({ description: '是否已通过主管部门审核；只有已审核的机构可以发布信息 (set by an AUTHORITY after review; only verified organizations can publish)' })
  verified: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: '通过审核的时间；未审核时为空 (when an AUTHORITY verified it)' })
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

@ObjectType('User', { description: '平台账号，属于一个机构 (an account; it acts for its organization).' })
export class UserModel {
  @Field(() => ID, { description: '账号 ID (UUID).' })
  id: string;

  @Field({ description: '登录邮箱（小写）(sign-in e-mail, lower-case).' })
  email: string;

  @Field({ description: '姓名或显示名称，1–100 个字符 (display name, 1–100 characters).' })
  displayName: string;

  @Field(() => MemberRoleEnum, { description: '在本机构中的角色 (role in its organization).' })
  role: MemberRole;

  @Field(() => DateTimeScalar, { description: '账号创建时间 (when the account was created).' })
  createdAt: Date;

  /** Resolved through the per-request organization loader. */
  organizationId: string;
}

@ObjectType('AuthPayload', { description: '登录、注册或接受邀请的结果 (the result of signing in, registering or accepting an invitation).' })
export class AuthPayloadModel {
  @Field({ description: '访问令牌（JWT，HS256），放在请求头 Authorization: Bearer <token>；有效期见 JWT_TTL_SECONDS（默认 12 小时），并随会话注销而失效 (bearer token; ends with its session).' })
  accessToken: string;

  @Field(() => UserModel, { description: '登录的账号 (the signed-in account).' })
  user: UserModel;
}
