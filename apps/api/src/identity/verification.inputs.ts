import { Field, InputType } from '@nestjs/graphql';
import type { VerificationState, OrganizationKind } from '../../../../libs/identity/src/index.js';
import { OrganizationKindEnum } from './identity.models.js';
import { VerificationStateEnum } from './verification.models.js';

@InputType('OrganizationFilter', { description: '机构审核台筛选条件，各条件同时满足 (all conditions apply).' })
export class OrganizationFilterInput {
  @Field(() => [OrganizationKindEnum], { nullable: true, description: '机构类型 (kinds).' })
  kinds?: OrganizationKind[] | null;

  @Field(() => [VerificationStateEnum], { nullable: true, description: '审核状态 (verification states).' })
  verification?: VerificationState[] | null;

  @Field(() => [String], { nullable: true, description: '6 位行政区划代码，省/市代码包含其下辖地区，最多 50 个 (region codes; a province or city includes the areas under it).' })
  regionCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: '名称或统一社会信用代码的片段，最多 100 字 (substring of the name or USCC, at most 100 characters).' })
  query?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只看有待处理的统一社会信用代码申领冲突的机构；false：只看没有的（已处理的冲突不计）(only organizations with / without an open USCC claim conflict).' })
  claimConflict?: boolean | null;
}

@InputType('ResubmitOrganizationInput', { description: '更正后重新提交审核 (correct and resubmit for verification).' })
export class ResubmitOrganizationInput {
  @Field(() => String, { nullable: true, description: '更正后的机构名称，2–200 字 (corrected name).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '更正后的 6 位行政区划代码 (corrected region code).' })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '更正后的统一社会信用代码（18 位，校验码须正确，且未被其他机构持有）；代码被主管部门释放后必须填写 ' +
      '(corrected USCC: 18 characters, check digit verified, not held by another organization; required once released).',
  })
  uscc?: string | null;

  @Field(() => String, { nullable: true, description: '给主管部门的说明，最多 500 字 (a note to the AUTHORITY, at most 500 characters).' })
  note?: string | null;
}
