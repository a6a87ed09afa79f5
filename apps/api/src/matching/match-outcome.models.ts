import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DECLINE_REASON_KINDS, type DeclineReasonKind } from '../../../../libs/codes/src/index.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';

export const DeclineReasonKindEnum = asEnum(DECLINE_REASON_KINDS);
registerEnumType(DeclineReasonKindEnum, {
  name: 'DeclineReasonKind',
  description: '理由列表：按对接的资源类型；揭榜申请的拒绝理由用揭榜挂帅列表 (which reason list: per listing kind; 揭榜 application rejections use CHALLENGE)',
  valuesMap: {
    CREDIT_PRODUCT: { description: '金融产品：婉拒对接申请、未获授信 (credit products: declines and credit not granted)' },
    SERVICE_OFFERING: { description: '服务产品 (service offerings)' },
    PARK_VACANCY: { description: '园区空间 (park vacancies)' },
    CHALLENGE: { description: '揭榜挂帅：婉拒对接申请、拒绝揭榜申请 (揭榜 challenges: declined requests and rejected applications)' },
  },
});

@ObjectType('DeclineReason', { description: '编码的婉拒或拒绝理由 (a coded reason for a decline or rejection)' })
export class DeclineReasonModel {
  @Field({ description: '稳定的理由代码，如 CREDIT_INELIGIBLE (stable code)' }) code: string;
  @Field(() => DeclineReasonKindEnum, { description: '所属理由列表 (the list it belongs to)' }) kind: DeclineReasonKind;
  @Field({ description: '中文名称，如 不符合准入条件 (Chinese label)' }) label: string;
  @Field({ description: '为 true 时（其他）必须同时填写文字说明 (true for 其他: a text is then required)' }) requiresText: boolean;
}

@ObjectType('CreditDecision', { description: '银行登记的授信结果 (the bank\'s recorded credit decision)' })
export class CreditDecisionModel {
  @Field({ description: '是否获得授信 (whether credit was granted)' }) approved: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: '授信金额，单位：元；未获授信时为空 (amount granted, yuan)' }) amountGranted: number | null;
  @Field(() => Float, { nullable: true, description: '年利率，单位：%，如 3.45 (annual rate, percent)' }) annualRatePercent: number | null;
  @Field(() => Int, { nullable: true, description: '期限，单位：月 (term, months)' }) termMonths: number | null;
  @Field(() => DateScalar, { nullable: true, description: '放款日期（北京时间）(disbursement date, Beijing)' }) disbursedOn: string | null;
  @Field(() => DeclineReasonModel, { nullable: true, description: '未获授信的理由 (why credit was not granted)' }) declineReason: DeclineReasonModel | null;
  @Field(() => String, { nullable: true, description: '银行的说明 (the bank\'s note)' }) note: string | null;
  @Field(() => DateTimeScalar, { description: '登记时间 (recorded at)' }) recordedAt: Date;
}

@ObjectType('ServiceDelivery', { description: '服务机构登记的服务交付 (the service institution\'s recorded delivery)' })
export class ServiceDeliveryModel {
  @Field(() => DateScalar, { description: '交付日期（北京时间）(delivery date, Beijing)' }) deliveredOn: string;
  @Field(() => SafeIntScalar, { description: '服务价格，单位：元 (price, yuan)' }) price: number;
  @Field(() => String, { nullable: true, description: '说明 (note)' }) note: string | null;
  @Field(() => DateTimeScalar, { description: '登记时间 (recorded at)' }) recordedAt: Date;
}

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
