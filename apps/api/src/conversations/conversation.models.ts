import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CASE_SUBJECTS, type CaseSubject } from '../../../../libs/conversations/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const CaseSubjectEnum = asEnum(CASE_SUBJECTS);
registerEnumType(CaseSubjectEnum, {
  name: 'CaseSubject',
  description: '留言所属的申请类型 (what a conversation belongs to)',
  valuesMap: {
    MATCH_REQUEST: { description: '对接申请 (a match request)' },
    CHALLENGE_APPLICATION: { description: '揭榜申请 (a 揭榜 application)' },
  },
});

export const CaseSideEnum = asEnum(['REQUESTER', 'RECEIVER'] as const);
registerEnumType(CaseSideEnum, {
  name: 'CaseSide',
  description: '申请中的一方 (a side of a case)',
  valuesMap: {
    REQUESTER: { description: '发起方：申请对接的企业或揭榜企业 (the requesting enterprise or the applicant)' },
    RECEIVER: { description: '接收方：信息发布机构或发榜企业 (the listing\'s or the challenge\'s owner)' },
  },
});

@ObjectType('CaseAttachment', { description: '留言附件：仅申请双方和主管部门可见，经签名的限时链接下载 (an attachment; for the two sides and the AUTHORITY, through a signed link that expires)' })
export class CaseAttachmentModel {
  @Field(() => ID, { description: '附件 ID (attachment id)' }) id: string;
  @Field({ description: '上传时的文件名 (file name as uploaded)' }) filename: string;
  @Field({ description: '按文件内容识别的类型，如 application/pdf (content type, from the content)' }) contentType: string;
  @Field(() => Int, { description: '大小，单位：字节 (size in bytes)' }) sizeBytes: number;
  @Field(() => DateTimeScalar, { description: '上传时间 (uploaded at)' }) createdAt: Date;
  /** Not a field: whose file it is (a link issued to another organization is logged in the owner's access log). */
  uploaderOrganizationId: string;
}

@ObjectType('CaseAttachmentLink', { description: '附件的下载链接：带签名，到期失效，无需登录即可使用，请勿转发 (a signed download link; works without a token until it expires — do not pass it on)' })
export class CaseAttachmentLinkModel {
  @Field({ description: '下载地址，相对于 API 的地址，如 /attachments/<id>?expires=…&sig=… (path relative to the API\'s origin)' }) url: string;
  @Field(() => DateTimeScalar, { description: '失效时间，默认签发后 10 分钟 (expiry; 10 minutes after issue by default)' }) expiresAt: Date;
}

@ObjectType('CaseMessage', { description: '对接申请或揭榜申请双方之间的一条留言 (a message between the two sides of a match request or a 揭榜 application)' })
export class CaseMessageModel {
  @Field(() => ID, { description: '留言 ID，按发送先后递增 (message id, increasing in order of sending)' }) id: string;
  @Field(() => CaseSubjectEnum, { description: '所属申请类型 (what it belongs to)' }) subjectType: CaseSubject;
  @Field(() => ID, { description: '所属对接申请或揭榜申请的 ID (id of the match request or application)' }) subjectId: string;
  @Field({ description: '留言文字，最多 2000 字，可为空（仅附件） (text, at most 2,000 characters; empty when only files were sent)' }) body: string;
  @Field(() => DateTimeScalar, { description: '发送时间 (sent at)' }) createdAt: Date;
  senderOrganizationId: string;
}

@ObjectType('CaseMessageEdge', { description: '留言列表的一项 (one message of a page)' })
export class CaseMessageEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => CaseMessageModel, { description: '留言 (the message)' }) node: CaseMessageModel;
}

@ObjectType('CaseMessageConnection', { description: '留言的一页，按发送先后排列 (a page of a conversation, oldest first)' })
export class CaseMessageConnectionModel {
  @Field(() => [CaseMessageEdgeModel], { description: '本页的留言 (messages of this page)' }) edges: CaseMessageEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '留言总数 (messages in the whole conversation)' }) totalCount: number;
}

@ObjectType('CaseContact', { description: '申请一方的联系人：申请被接受后双方可见 (a side\'s contact person, shown once the case was accepted)' })
export class CaseContactModel {
  @Field(() => CaseSideEnum, { description: '哪一方 (which side)' }) side: 'REQUESTER' | 'RECEIVER';
  @Field(() => String, { nullable: true, description: '联系人姓名 (contact person)' }) contactName: string | null;
  @Field(() => String, { nullable: true, description: '联系电话 (phone)' }) phone: string | null;
  @Field(() => String, { nullable: true, description: '电子邮箱 (e-mail)' }) email: string | null;
  @Field({ description: 'true：机构未填写联系方式，显示的是其负责人（OWNER）账号的姓名和注册邮箱 (true: the organization filled in no contact details; its owner account\'s name and e-mail stand in)' })
  fromOwnerAccount: boolean;
  organizationId: string;
}
