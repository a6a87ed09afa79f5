import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { DateScalar, SafeIntScalar } from '../graphql/scalars.js';

@InputType('CreditDecisionInput', { description: '授信结果：获批时填金额、利率、期限和放款日期；未获批时填理由代码 (approved: amount, rate, term, disbursement date; not approved: a reason code)' })
export class CreditDecisionInput {
  @Field({ description: '是否获得授信 (whether credit was granted)' }) approved: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: '授信金额，单位：元，须在该产品的额度范围内且不超过 100 亿元；获批时必填 (amount granted, whole yuan within the product\'s range and ≤ 10^10; required when approved)' })
  amountGranted?: number | null;
  @Field(() => Float, { nullable: true, description: '年利率，单位：%，0–24，如 3.45；获批时必填 (annual rate, percent 0–24; required when approved)' }) annualRatePercent?: number | null;
  @Field(() => Int, { nullable: true, description: '期限，单位：月，1 至该产品最长期限；获批时必填 (term in months, 1 to the product\'s termMonthsMax; required when approved)' }) termMonths?: number | null;
  @Field(() => DateScalar, { nullable: true, description: '放款日期（北京时间），不早于申请日、不晚于今天；获批时必填 (disbursement date, from the request date to today; required when approved)' }) disbursedOn?: Date | string | null;
  @Field(() => String, { nullable: true, description: '未获授信的理由代码，取自金融产品理由列表（declineReasons(kind: CREDIT_PRODUCT)）；未获批时必填 (a CREDIT_PRODUCT reason code; required when not approved)' })
  declineReasonCode?: string | null;
  @Field(() => String, { nullable: true, description: '说明，最多 500 字；理由为「其他」时必填 (note, at most 500 characters; required with CREDIT_OTHER)' }) note?: string | null;
}

@InputType('ServiceDeliveryInput', { description: '服务交付 (a service delivery)' })
export class ServiceDeliveryInput {
  @Field(() => DateScalar, { description: '交付日期（北京时间），不早于申请日、不晚于今天 (delivery date, from the request date to today)' }) deliveredOn: Date | string;
  @Field(() => SafeIntScalar, { description: '服务价格，单位：元，0 至 100 亿元的整数 (price, whole yuan from 0 to 10^10)' }) price: number;
  @Field(() => String, { nullable: true, description: '说明，最多 500 字 (note, at most 500 characters)' }) note?: string | null;
}
