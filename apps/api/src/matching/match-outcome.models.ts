import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
