import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('CaseMessageInput', { description: '一条留言：文字与附件至少有一项 (a message: text, attachments, or both)' })
export class CaseMessageInput {
  @Field(() => String, { nullable: true, description: '留言文字，最多 2000 字；有附件时可为空 (text, at most 2,000 characters; may be empty with attachments)' })
  body?: string | null;

  @Field(() => [ID], { nullable: true, description: '随留言发送的附件 ID，最多 5 个：先经 POST /attachments 上传获得 (ids from POST /attachments, at most 5)' })
  attachmentIds?: string[] | null;
}
