import { Field, ID, InputType } from '@nestjs/graphql';
import { boundText } from '../../../../libs/platform/src/index.js';
import { SafeIntScalar } from '../graphql/scalars.js';

@InputType('MatchRequestInput', { description: '对接申请 (a match request)' })
export class MatchRequestInput {
  @Field(() => ID, { description: '要对接的已发布信息 (the published listing)' }) listingId: string;
  @Field(() => String, { nullable: true, description: '留言，最多 2000 字 (message, at most 2,000 characters)' }) message?: string | null;
  @Field({ description: '是否同意向发布方展示企业画像（含财务数据）(consent to show the profile, financials included, to the listing\'s owner)' }) shareProfile: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: `申请金额，单位：元，正整数；金融产品不填时取企业画像中的融资需求金额，取值 ${boundText('positiveMoneyYuan')} (amount applied for, whole yuan > 0; for a credit product it defaults to the profile's financing need)` })
  requestedAmount?: number | null;
}
