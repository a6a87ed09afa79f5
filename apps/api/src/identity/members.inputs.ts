import { Field, InputType } from '@nestjs/graphql';

@InputType('UpdateOrganizationInput', {
  description:
    '机构自行维护的信息（负责人/管理员）。省略的字段不变，null 或空字符串清空。机构名称和统一社会信用代码只能由主管部门变更并重新审核 ' +
    '(details an OWNER/ADMIN edits; omitted fields are kept, null or blank clears; the legal name and USCC change only through the AUTHORITY, which re-verifies).',
})
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true, description: '联系人，最多 50 字 (contact person, ≤ 50 characters).' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话，如 13800138000 或 0574-87654321，5–20 位数字 (phone, 5–20 digits).' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱，最多 254 字符 (contact email).' })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: '地址，最多 200 字 (address, ≤ 200 characters; public).' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '网址 http(s)，最多 300 字符 (website URL; public).' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: '机构简介，最多 2000 字 (description, ≤ 2000 characters; public).' })
  description?: string | null;
}
