import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ACCESS_OPERATIONS,
  ACCESS_OUTCOMES,
  ACCESS_SECTIONS,
  CONSENT_PURPOSES,
  CONSENT_ROLES,
  CONSENT_STATUSES,
  PROFILE_SECTIONS,
  type AccessOperation,
  type AccessOutcome,
  type AccessSection,
  type ConsentPurpose,
  type ConsentStatus,
  type ProfileSection,
} from '../../../../libs/enterprises/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const ProfileSectionEnum = asEnum(PROFILE_SECTIONS);
registerEnumType(ProfileSectionEnum, {
  name: 'ProfileSection',
  description: '企业画像的授权范围（部分）。A section of the enterprise profile a consent covers.',
  valuesMap: {
    BASIC: { description: '基本信息：称号、行业、成立日期、主营产品、核心技术、资质。Title, industry, dates, products, capabilities, certifications.' },
    FINANCIALS: { description: '财务数据：授权时所选年度的数据快照（之后的修改和新年度不可见）。The granted years, as they were at grant time.' },
    IP: { description: '知识产权数量。Intellectual property counts.' },
    TIER_ASSESSMENTS: { description: '梯度评估：评估结果、认定补充信息、复核风险。Tier assessments, tier facts, re-review risk.' },
    NEEDS: { description: '需求：融资、服务、场地需求。Financing, service and space needs.' },
  },
});

export const ConsentPurposeEnum = asEnum(CONSENT_PURPOSES);
registerEnumType(ConsentPurposeEnum, {
  name: 'ConsentPurpose',
  description: '授权的用途。What a consent was given for.',
  valuesMap: {
    MATCH_REQUEST: { description: '为一项对接申请：申请结束（婉拒、取消）即失效，有结果（银行授信决定、完成）后 90 天失效。For one match request.' },
    CHALLENGE_APPLICATION: { description: '为一项揭榜申请：撤回、未入选或随榜单关闭即失效，入选后 90 天失效。For one 揭榜 application.' },
    STANDING: { description: '长期授权（不针对具体申请），至到期或撤销。Standing, until it expires or is revoked.' },
  },
});

export const ConsentStatusEnum = asEnum(CONSENT_STATUSES);
registerEnumType(ConsentStatusEnum, {
  name: 'ConsentStatus',
  description: '授权当前的状态。Where a consent stands now.',
  valuesMap: {
    ACTIVE: { description: '有效：被授权机构可按范围查看。In force.' },
    REVOKED: { description: '已被企业撤销。Revoked by the firm.' },
    EXPIRED: { description: '已到期。Past its expiry.' },
    ENDED: { description: '所属申请已结束（婉拒、取消、撤回、未入选，或有结果满 90 天）。Its case ended.' },
  },
});

export const ConsentRoleEnum = asEnum(CONSENT_ROLES);
registerEnumType(ConsentRoleEnum, {
  name: 'ConsentRole',
  description: '查看本机构给出的还是收到的授权。Consents given or received.',
  valuesMap: {
    GIVEN: { description: '本企业给出的授权。Consents the caller\'s firm gave.' },
    RECEIVED: { description: '本机构收到的授权。Consents the caller\'s organization received.' },
  },
});

export const AccessSectionEnum = asEnum(ACCESS_SECTIONS);
registerEnumType(AccessSectionEnum, {
  name: 'AccessSection',
  description: '被查看的数据部分：画像各部分，或申请的附件。What was read.',
  valuesMap: {
    BASIC: { description: '基本信息。Basic facts.' },
    FINANCIALS: { description: '财务数据（年度见 financialYears）。Financials.' },
    IP: { description: '知识产权。Intellectual property.' },
    TIER_ASSESSMENTS: { description: '梯度评估。Tier assessments.' },
    NEEDS: { description: '需求。Needs.' },
    ATTACHMENTS: { description: '申请留言中的附件。Attachments of a case.' },
  },
});

export const AccessOperationEnum = asEnum(ACCESS_OPERATIONS);
registerEnumType(AccessOperationEnum, {
  name: 'AccessOperation',
  description: '通过哪种查询查看。Through which read.',
  valuesMap: {
    ENTERPRISE_PROFILE: { description: '查看企业档案（enterpriseProfile）。The profile query.' },
    LEAD: { description: '发布信息的匹配企业（leads）中的画像或得分理由中的数据。A listing\'s leads.' },
    CASE_ATTACHMENT: { description: '获取申请附件的下载链接。An attachment link of a case.' },
  },
});

export const AccessOutcomeEnum = asEnum(ACCESS_OUTCOMES);
registerEnumType(AccessOutcomeEnum, {
  name: 'AccessOutcome',
  description: '查看结果。Outcome of the read.',
  valuesMap: {
    READ: { description: '已查看。Read.' },
    REFUSED: { description: '被拒绝（无有效授权或超出授权范围）。Refused.' },
  },
});

@ObjectType('ProfileConsent', { description: '企业授权其他机构查看其画像的一项记录。A firm\'s consent that an organization reads sections of its profile.' })
export class ProfileConsentModel {
  @Field(() => ID, { description: '授权 ID。' }) id: string;
  grantorOrganizationId: string;
  granteeOrganizationId: string;
  @Field(() => ConsentPurposeEnum, { description: '用途。Purpose.' }) purpose: ConsentPurpose;
  @Field(() => ID, { nullable: true, description: '对接申请 ID（用途为 MATCH_REQUEST 时）。The match request.' }) matchRequestId: string | null;
  @Field(() => ID, { nullable: true, description: '揭榜申请 ID（用途为 CHALLENGE_APPLICATION 时）。The 揭榜 application.' }) challengeApplicationId: string | null;
  @Field(() => [ProfileSectionEnum], { description: '授权范围，1–5 项。Sections covered.' }) sections: ProfileSection[];
  @Field(() => [Int], { description: '授权的财务年度（快照），最近年度在前；未授权财务数据时为空。Financial years granted (a snapshot).' }) financialYears: number[];
  @Field(() => DateTimeScalar, { description: '生效时间。Start.' }) startsAt: Date;
  @Field(() => DateTimeScalar, {
    description: '失效时间：到期、撤销或所属申请结束的时间（取最早者），最长为生效后 365 天。When it ends (or ended): expiry, revocation or its case, whichever first; at most 365 days after its start.',
  })
  endsAt: Date;
  @Field(() => DateTimeScalar, { description: '授权本身的到期时间（最长 365 天）。Its own expiry.' }) expiresAt: Date;
  @Field(() => ConsentStatusEnum, { description: '当前状态。Status now.' }) status: ConsentStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: '撤销时间；未撤销为空。Revoked at.' }) revokedAt: Date | null;
  @Field(() => DateTimeScalar, { description: '创建时间。Created.' }) createdAt: Date;
}

@ObjectType('ProfileConsentEdge', { description: '授权列表的一项。One consent of a page.' })
export class ProfileConsentEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => ProfileConsentModel, { description: '授权 (the consent)' }) node: ProfileConsentModel;
}

@ObjectType('ProfileConsentConnection', { description: '授权分页，新的在前。A page of consents, newest first.' })
export class ProfileConsentConnectionModel {
  @Field(() => [ProfileConsentEdgeModel], { description: '本页 (this page)' }) edges: ProfileConsentEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '总数 (consents given or received)' }) totalCount: number;
}

@ObjectType('ProfileAccessEntry', { description: '企业受保护数据被其他机构查看（或被拒绝）的一条记录；只记录部分名称，不含数据本身。One read of a firm\'s protected data.' })
export class ProfileAccessEntryModel {
  @Field(() => ID, { description: '记录 ID。' }) id: string;
  organizationId: string;
  readerOrganizationId: string;
  @Field(() => ID, { description: '查看人的用户 ID。The reading user.' }) readerUserId: string;
  @Field(() => AccessOperationEnum, { description: '通过哪种查询。Through which read.' }) operation: AccessOperation;
  @Field(() => [AccessSectionEnum], { description: '查看（或请求查看）的部分。Sections read or asked for.' }) sections: AccessSection[];
  @Field(() => [Int], { description: '查看的财务年度；未查看财务数据时为空。Financial years read.' }) financialYears: number[];
  @Field(() => AccessOutcomeEnum, { description: '结果。Outcome.' }) outcome: AccessOutcome;
  @Field(() => ID, { nullable: true, description: '依据的授权；主管部门查看、申请双方查看附件或无授权被拒时为空。The consent it went through.' }) consentId: string | null;
  @Field(() => ID, { nullable: true, description: '相关对象：leads 的发布信息 ID、附件 ID；查看档案时为空。The listing (leads) or attachment.' }) subjectId: string | null;
  @Field(() => DateTimeScalar, { description: '查看时间。When.' }) createdAt: Date;
}

@ObjectType('ProfileAccessEntryEdge', { description: '访问记录的一项。One entry of a page.' })
export class ProfileAccessEntryEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => ProfileAccessEntryModel, { description: '访问记录 (the entry)' }) node: ProfileAccessEntryModel;
}

@ObjectType('ProfileAccessEntryConnection', { description: '访问记录分页，新的在前。A page of the access log, newest first.' })
export class ProfileAccessEntryConnectionModel {
  @Field(() => [ProfileAccessEntryEdgeModel], { description: '本页 (this page)' }) edges: ProfileAccessEntryEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '总数 (entries)' }) totalCount: number;
}

@InputType('GrantProfileConsentInput', { description: '授权其他机构查看本企业画像：长期授权填 granteeOrganizationId；针对申请填 matchRequestId 或 challengeApplicationId（被授权方为其发布方）。' })
export class GrantProfileConsentInput {
  @Field(() => ID, { nullable: true, description: '被授权机构（长期授权必填；针对申请时可省略，填写则须为申请的发布方）。The grantee.' }) granteeOrganizationId?: string | null;
  @Field(() => ID, { nullable: true, description: '针对的对接申请（须为本企业发出、未结束）。For this match request.' }) matchRequestId?: string | null;
  @Field(() => ID, { nullable: true, description: '针对的揭榜申请（须为本企业提交、未结束）。For this 揭榜 application.' }) challengeApplicationId?: string | null;
  @Field(() => [ProfileSectionEnum], { description: '授权范围，1–5 项，不能重复计。Sections, 1–5.' }) sections: ProfileSection[];
  @Field(() => [Int], { nullable: true, description: '授权的财务年度（1–20 个，须为档案中已有的年度）；省略表示档案中现有的全部年度；仅在含 FINANCIALS 时可填。Years; default all on file.' })
  financialYears?: number[] | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '到期时间，须晚于现在、不晚于 365 天后；省略为 365 天后（针对申请的授权另随申请结束）。Expiry; default 365 days.' })
  expiresAt?: Date | null;
}
