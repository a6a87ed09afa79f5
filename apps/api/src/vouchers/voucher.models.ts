import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CLAIM_DECISIONS, CLAIM_STATUSES, FRAUD_RULE_CODES, PROGRAMME_STATUSES, VOUCHER_STATUSES } from '../../../../libs/vouchers/src/index.js';
import { VOUCHER_REASON_KINDS } from '../../../../libs/codes/src/index.js';
import { asEnum } from '../graphql/enums.js';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
import { PageInfoModel } from '../listings/listing.models.js';

/** Every amount of the voucher API: 元 as a decimal string with at most two decimals (ADR 0033). */
const YUAN = '单位：元，最多两位小数的十进制字符串（如 "20000.00"），0.01 至 100 亿元';

export const ProgrammeStatusEnum = asEnum(PROGRAMME_STATUSES);
registerEnumType(ProgrammeStatusEnum, {
  name: 'VoucherProgrammeStatus',
  description: '服务券项目状态：草稿 → 开放申领 → 已结束 (DRAFT → OPEN → CLOSED)',
  valuesMap: {
    DRAFT: { description: '草稿，仅主管部门可见 (draft, AUTHORITY only)' },
    OPEN: { description: '开放申领与兑付 (open for applications and claims)' },
    CLOSED: { description: '已结束：不再申领发放，已发放的服务券到期前仍可兑付 (closed: no new grants; granted vouchers stay valid to their expiry)' },
  },
});

export const VoucherStatusEnum = asEnum(VOUCHER_STATUSES);
registerEnumType(VoucherStatusEnum, {
  name: 'VoucherStatus',
  description: '服务券状态 (voucher status)',
  valuesMap: {
    APPLIED: { description: '已申请，待主管部门审批 (applied, awaiting the AUTHORITY)' },
    DECLINED: { description: '未获批（附理由代码）(declined with a coded reason)' },
    GRANTED: { description: '已发放，可使用 (granted, usable until expiresOn)' },
    REDEEMED: { description: '已兑付（一券一服务，余额释放回预算）(redeemed; the unused rest returned to the budget)' },
    EXPIRED: { description: '已过期，预留额度释放回预算 (expired; its reservation released)' },
    CANCELLED: { description: '已作废，预留额度释放回预算 (cancelled by the AUTHORITY; its reservation released)' },
  },
});

export const ClaimStatusEnum = asEnum(CLAIM_STATUSES);
registerEnumType(ClaimStatusEnum, {
  name: 'VoucherClaimStatus',
  description: '兑付申请状态 (claim status)',
  valuesMap: {
    SUBMITTED: { description: '服务机构已提交，待企业确认交付 (awaiting the firm\'s confirmation)' },
    CONFIRMED: { description: '企业已确认交付，待审批 (confirmed by the firm, awaiting approval)' },
    DISPUTED: { description: '企业对交付有异议，待审批（须两人审批）(disputed by the firm; needs two approvers)' },
    INFO_REQUESTED: { description: '主管部门要求补充材料，服务机构重新提交 (the AUTHORITY asked for more; the institution resubmits)' },
    AWAITING_SECOND_APPROVAL: { description: '有风险标记，已有第一审批人，待另一人复核 (flagged: first approval given, awaiting a different second approver)' },
    APPROVED: { description: '已核准（已兑付），待结算 (approved and redeemed, awaiting settlement)' },
    REJECTED: { description: '已驳回（附理由代码）(rejected with a coded reason)' },
    SETTLED: { description: '已结算给服务机构 (paid to the institution in a settlement batch)' },
    CLAWED_BACK: { description: '已追回，金额回到预算 (clawed back; the amount returns to the budget)' },
  },
});

export const ClaimDecisionEnum = asEnum(CLAIM_DECISIONS);
registerEnumType(ClaimDecisionEnum, {
  name: 'VoucherClaimDecision',
  description: '主管部门对兑付申请的决定 (the AUTHORITY\'s decision on a claim)',
  valuesMap: {
    APPROVE: { description: '核准；有风险标记的须两位不同审批人 (approve; a flagged claim needs two different approvers)' },
    REJECT: { description: '驳回，须附理由代码 (reject with a coded reason)' },
    REQUEST_INFO: { description: '要求补充材料，须附理由代码 (ask for more, with a coded reason)' },
  },
});

export const FraudRuleEnum = asEnum(FRAUD_RULE_CODES);
registerEnumType(FraudRuleEnum, {
  name: 'VoucherFraudRule',
  description: '风险核查规则 (fraud and quality rules; thresholds in ADR 0033)',
  valuesMap: {
    REPEAT_PAIR: { description: '同一企业与机构反复兑付 (the same firm–institution pair redeeming repeatedly)' },
    PRICE_ABOVE_LISTED: { description: '合同金额远高于服务产品标价 (far above the offering\'s listed price)' },
    PRICE_ABOVE_MEDIAN: { description: '合同金额远高于同类中位数 (far above the category\'s median)' },
    AT_CAP: { description: '申领金额贴近面额上限 (right at the voucher\'s amount)' },
    RELATED_PARTY: { description: '联系电话、邮箱或地址相同，疑似关联方 (shared phone, e-mail or address)' },
    SAME_DAY_BURST: { description: '机构同日交付大量服务 (many claims delivered on one day)' },
    FIRM_DISPUTE: { description: '企业有异议 (the firm disputes the delivery)' },
    SPOT_CHECK: { description: '随机抽查命中（种子与抽签值留痕）(drawn for a seeded, recorded spot check)' },
  },
});

export const VoucherReasonKindEnum = asEnum(VOUCHER_REASON_KINDS);
registerEnumType(VoucherReasonKindEnum, {
  name: 'VoucherReasonKind',
  description: '服务券理由列表 (which list of voucher reasons)',
  valuesMap: {
    VOUCHER_APPLICATION: { description: '服务券申请不予批准的理由 (declining an application)' },
    VOUCHER_CLAIM: { description: '兑付申请驳回或要求补充的理由 (rejecting a claim or asking for more)' },
  },
});

@ObjectType('VoucherReason', { description: '服务券的编码理由 (a coded voucher reason)' })
export class VoucherReasonModel {
  @Field({ description: '理由代码 (code)' }) code: string;
  @Field(() => VoucherReasonKindEnum, { description: '所属列表 (its list)' }) kind: string;
  @Field({ description: '中文名称 (label)' }) label: string;
  @Field({ description: '是否须附文字说明（其他）(whether a text is required)' }) requiresText: boolean;
}

@ObjectType('ContractedInstitution', { description: '服务券项目的签约服务机构（含已解约的历史）(an institution contracted to a programme, removals kept)' })
export class ContractedInstitutionModel {
  @Field(() => ID, { description: '服务机构 ID (institution organization id)' }) institutionId: string;
  @Field({ description: '机构名称 (name)' }) name: string;
  @Field({ description: '签约说明 (why it was added)' }) addedReason: string;
  @Field(() => DateTimeScalar, { description: '签约时间 (added at)' }) addedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: '解约时间；在约为空 (removed at; null while contracted)' }) removedAt: Date | null;
  @Field(() => String, { nullable: true, description: '解约原因 (why it was removed)' }) removedReason: string | null;
}

@ObjectType('VoucherProgrammeBudget', { description: '项目资金（仅主管部门可见），单位：元 (the programme\'s money, AUTHORITY only, yuan)' })
export class ProgrammeBudgetModel {
  @Field({ description: `总预算，${YUAN} (total budget)` }) budget: string;
  @Field({ description: `已发放未兑付的预留额度，${YUAN} (reserved by granted vouchers)` }) reserved: string;
  @Field({ description: `已兑付（含已结算），${YUAN} (redeemed, settled included)` }) redeemed: string;
  @Field({ description: `已结算，${YUAN} (settled)` }) settled: string;
  @Field({ description: `可用额度 = 总预算 − 预留 − 已兑付，${YUAN} (available)` }) available: string;
}

@ObjectType('VoucherProgramme', { description: '服务券/创新券项目 (a service-voucher programme)' })
export class VoucherProgrammeModel {
  @Field(() => ID, { description: '项目 ID (id)' }) id: string;
  @Field({ description: '项目名称 (name)' }) name: string;
  @Field({ description: '发放单位 (issuer)' }) issuer: string;
  @Field(() => ProgrammeStatusEnum, { description: '状态 (status)' }) status: string;
  @Field(() => Int, { description: '补贴比例：服务券覆盖服务价格的百分比，1–100 (%) (share of the price the voucher covers, percent)' }) coverPercent: number;
  @Field({ description: `单张服务券上限，${YUAN} (cap per voucher)` }) capPerVoucher: string;
  @Field({ description: `每家企业每年上限，${YUAN} (cap per firm per year)` }) capPerFirmYear: string;
  @Field(() => [String], { description: '可申领的梯度（仅认可主管部门确认或导入的称号）；空为不限 (eligible tiers, confirmed titles only; empty: any)' }) eligibleTiers: string[];
  @Field(() => [String], { description: '可申领的地区代码（含下级）；空为不限 (eligible region codes, with their subdivisions; empty: anywhere)' }) eligibleRegionCodes: string[];
  @Field(() => [String], { description: '可申领的行业代码前缀；空为不限 (eligible industry code prefixes; empty: any)' }) eligibleIndustryCodes: string[];
  @Field(() => Int, { description: '导入名单中的企业数；0 表示不限名单 (firms on the imported list; 0: no list)' }) eligibleListSize: number;
  @Field(() => [String], { description: '可用的服务类别 (eligible service categories)' }) serviceCategories: string[];
  @Field(() => DateScalar, { description: '申领开始日期（北京时间）(window opens)' }) applyFrom: string;
  @Field(() => DateScalar, { description: '申领截止日期（含）(window closes, inclusive)' }) applyUntil: string;
  @Field(() => Int, { description: '服务券有效期，单位：月，1–36 (validity of a granted voucher, months)' }) validityMonths: number;
  @Field({ description: '风险规则阈值（JSON，默认值与本项目的覆盖合并后）(the fraud thresholds in force, JSON)' }) fraudThresholdsJson: string;
  @Field(() => DateTimeScalar, { description: '创建时间 (created at)' }) createdAt: Date;
  budgetFen: number;
  reservedFen: number;
  redeemedFen: number;
  settledFen: number;
}

@ObjectType('Voucher', { description: '服务券（申请与发放为同一记录）；仅企业本身与主管部门可见 (a voucher, from application to its end; the firm and the AUTHORITY only)' })
export class VoucherModel {
  @Field(() => ID, { description: '编号 (id)' }) id: string;
  @Field(() => String, { nullable: true, description: '券号，发放后生成 (voucher code, once granted)' }) code: string | null;
  @Field(() => ID, { description: '项目 ID (programme id)' }) programmeId: string;
  @Field(() => ID, { description: '持券企业 ID (firm organization id)' }) firmOrganizationId: string;
  @Field({ description: '服务类别 (service category)' }) serviceCategory: string;
  @Field({ description: `面额（申请时为申请金额），${YUAN} (amount)` }) amount: string;
  @Field({ description: `已兑付，${YUAN} (redeemed)` }) redeemed: string;
  @Field({ description: `剩余可用额度；非已发放状态为 0，${YUAN} (balance; 0 unless GRANTED)` }) balance: string;
  @Field(() => VoucherStatusEnum, { description: '状态 (status)' }) status: string;
  @Field(() => String, { nullable: true, description: '用途 (purpose)' }) purpose: string | null;
  @Field({ description: '免申即享：未经申请直接发放 (granted without an application)' }) autoGranted: boolean;
  @Field(() => VoucherReasonModel, { nullable: true, description: '不予批准的理由 (decline reason)' }) declineReason: VoucherReasonModel | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '发放时间 (granted at)' }) grantedAt: Date | null;
  @Field(() => DateScalar, { nullable: true, description: '最后有效日（北京时间，含）(last valid day, inclusive)' }) expiresOn: string | null;
  @Field(() => ID, { nullable: true, description: '绑定的对接申请 (the attached match request)' }) matchRequestId: string | null;
  @Field(() => DateTimeScalar, { description: '申请或发放记录创建时间 (created at)' }) createdAt: Date;
}

@ObjectType('VoucherFraudFinding', { description: '一条风险核查发现（规则、分值、证据、阈值）(one finding of a fraud rule)' })
export class FraudFindingModel {
  @Field(() => FraudRuleEnum, { description: '规则 (rule)' }) rule: string;
  @Field({ description: '规则名称 (label)' }) label: string;
  @Field(() => Int, { description: '分值，0–100 (score, 0–100)' }) score: number;
  @Field({ description: '证据（仅数量与金额，不含联系方式）(evidence: counts and amounts only)' }) evidence: string;
  @Field({ description: '触发的阈值 (the threshold crossed)' }) threshold: string;
}

@ObjectType('VoucherClaim', { description: '服务机构的兑付申请；仅相关企业、机构与主管部门可见 (an institution\'s claim; its firm, institution and the AUTHORITY only)' })
export class VoucherClaimModel {
  @Field(() => ID, { description: '编号 (id)' }) id: string;
  @Field(() => ID, { description: '服务券 ID (voucher id)' }) voucherId: string;
  @Field(() => ID, { description: '项目 ID (programme id)' }) programmeId: string;
  @Field(() => ID, { description: '企业 ID (firm id)' }) firmOrganizationId: string;
  @Field(() => ID, { description: '服务机构 ID (institution id)' }) institutionOrganizationId: string;
  @Field(() => ID, { description: '对接申请 ID (match request id)' }) matchRequestId: string;
  @Field({ description: '服务类别 (service category)' }) serviceCategory: string;
  @Field({ description: `合同金额，${YUAN} (contract value)` }) contractValue: string;
  @Field({ description: `申领金额（服务券支付部分），${YUAN} (what the voucher pays)` }) claimAmount: string;
  @Field({ description: '发票号码 (invoice number)' }) invoiceNumber: string;
  @Field(() => DateScalar, { description: '交付日期 (delivered on)' }) deliveredOn: string;
  @Field(() => [ID], { description: '证明材料（对接会话中的附件 ID）(evidence: attachment ids of the case conversation)' }) attachmentIds: string[];
  @Field(() => ClaimStatusEnum, { description: '状态 (status)' }) status: string;
  @Field({ description: '是否有风险标记（须两位不同审批人）(flagged: needs two different approvers)' }) flagged: boolean;
  @Field({ description: '是否被随机抽查 (drawn for a spot check)' }) spotChecked: boolean;
  @Field(() => Float, { description: '抽查抽签值，0–1（由项目种子与申请 ID 计算，可复核）(the recorded spot-check draw in [0, 1))' }) spotDraw: number;
  /** Resolved by VoucherClaimFieldsResolver (AUTHORITY only). */
  findings: FraudFindingModel[] | null;
  @Field(() => String, { nullable: true, description: '企业的异议说明 (the firm\'s note)' }) firmNote: string | null;
  @Field(() => VoucherReasonModel, { nullable: true, description: '驳回或要求补充的理由 (the coded reason)' }) reason: VoucherReasonModel | null;
  @Field(() => String, { nullable: true, description: '审批说明 (the decision note)' }) decisionNote: string | null;
  @Field({ description: '是否已有第一审批人 (a first approval was given)' }) firstApprovalGiven: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: '核准（兑付）时间 (approved at)' }) approvedAt: Date | null;
  @Field(() => ID, { nullable: true, description: '结算批次 (settlement batch)' }) settlementBatchId: string | null;
  @Field(() => DateTimeScalar, { description: '提交时间 (created at)' }) createdAt: Date;
  rawFindings: FraudFindingModel[];
}

@ObjectType('VoucherSettlementBatch', { description: '结算批次：一次付给服务机构的已核准兑付申请 (approved claims paid together)' })
export class SettlementBatchModel {
  @Field(() => ID, { description: '编号 (id)' }) id: string;
  @Field(() => ID, { description: '项目 ID (programme id)' }) programmeId: string;
  @Field(() => Int, { description: '笔数 (claims)' }) claimCount: number;
  @Field({ description: `合计，${YUAN} (total)` }) total: string;
  @Field(() => DateTimeScalar, { description: '结算时间 (settled at)' }) settledAt: Date;
  @Field({ description: '财务用 XLSX 下载路径（GET，需主管部门的 Bearer 令牌）(path of the finance office\'s XLSX; GET with an AUTHORITY bearer token)' }) downloadPath: string;
}

@ObjectType('VoucherFigureRow', { description: '分组的服务券资金，单位：元 (voucher money of one group, yuan)' })
export class VoucherFigureRowModel {
  @Field({ description: '分组：服务类别、地区代码或服务机构 ID (category, region code or institution id)' }) key: string;
  @Field(() => String, { nullable: true, description: '分组名称 (name of the group)' }) name: string | null;
  @Field({ description: `已发放面额，${YUAN} (granted)` }) granted: string;
  @Field({ description: `预留中，${YUAN} (reserved)` }) reserved: string;
  @Field({ description: `已兑付，${YUAN} (redeemed)` }) redeemed: string;
  @Field({ description: `已结算，${YUAN} (settled)` }) settled: string;
}

@ObjectType('VoucherFigures', { description: '服务券项目的统计（仅主管部门）(a programme\'s figures, AUTHORITY only)' })
export class VoucherFiguresModel {
  @Field(() => ProgrammeBudgetModel, { description: '资金 (money)' }) budget: ProgrammeBudgetModel;
  @Field(() => Float, { nullable: true, description: '兑付率 = 已兑付张数 ÷ 已发放张数，小数 0–1；无发放时为空 (redemption rate, 0–1)' }) redemptionRate: number | null;
  @Field(() => Float, { nullable: true, description: '发放到兑付的天数中位数，单位：天 (median days from grant to redemption)' }) medianDaysToRedemption: number | null;
  @Field(() => Float, { nullable: true, description: '有风险标记的兑付申请占比，小数 0–1 (share of flagged claims)' }) flaggedClaimRate: number | null;
  @Field(() => [VoucherFigureRowModel], { description: '按服务类别 (by category)' }) byCategory: VoucherFigureRowModel[];
  @Field(() => [VoucherFigureRowModel], { description: '按企业所在地区 (by region)' }) byRegion: VoucherFigureRowModel[];
  @Field(() => [VoucherFigureRowModel], { description: '按服务机构 (by institution)' }) byInstitution: VoucherFigureRowModel[];
}

@ObjectType('VoucherLedgerDiscrepancy', { description: '账实不符的一项 (one figure that disagrees with the ledger)' })
export class LedgerDiscrepancyModel {
  @Field(() => ID, { description: '项目 ID (programme id)' }) programmeId: string;
  @Field(() => ID, { nullable: true, description: '服务券 ID；项目合计为空 (voucher id; null for a programme total)' }) voucherId: string | null;
  @Field({ description: '哪个数：budget/reserved/redeemed/settled（项目）或 outstanding/redeemed（服务券）(which figure)' }) figure: string;
  @Field({ description: `台账推算值，${YUAN} (what the ledger says)` }) ledger: string;
  @Field({ description: `记录中的值，${YUAN} (what the row says)` }) row: string;
}

@ObjectType('VoucherReconcileReport', { description: '台账核对结果 (the ledger reconcile)' })
export class ReconcileReportModel {
  @Field(() => Int, { description: '核对的项目数 (programmes checked)' }) programmes: number;
  @Field(() => Int, { description: '核对的服务券数 (vouchers checked)' }) vouchers: number;
  @Field(() => [LedgerDiscrepancyModel], { description: '不符项；为空表示账实相符 (discrepancies; empty when all agree)' }) discrepancies: LedgerDiscrepancyModel[];
}

const edgeAndConnection = (name: string, node: unknown, what: string) => {
  @ObjectType(`${name}Edge`, { description: `${what}及其游标 (an item and its cursor)` })
  class Edge {
    @Field({ description: '游标 (cursor)' }) cursor: string;
    @Field(() => node as new () => object, { description: '节点 (the item)' }) node: unknown;
  }
  @ObjectType(`${name}Connection`, { description: `${what}列表，新的在前 (newest first)` })
  class Connection {
    @Field(() => [Edge], { description: '本页 (this page)' }) edges: Edge[];
    @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
    @Field(() => Int, { description: '符合条件的总数 (total matching)' }) totalCount: number;
  }
  return Connection;
};

export const VoucherProgrammeConnection = edgeAndConnection('VoucherProgramme', VoucherProgrammeModel, '服务券项目');
export const VoucherConnection = edgeAndConnection('Voucher', VoucherModel, '服务券');
export const VoucherClaimConnection = edgeAndConnection('VoucherClaim', VoucherClaimModel, '兑付申请');

@InputType('VoucherProgrammeInput', { description: '新建服务券项目 (a new programme, created as DRAFT)' })
export class ProgrammeInput {
  @Field({ description: '项目名称，1–100 字 (name, 1–100 characters)' }) name: string;
  @Field({ description: '发放单位，1–100 字 (issuer, 1–100 characters)' }) issuer: string;
  @Field({ description: `总预算，${YUAN} (total budget)` }) budget: string;
  @Field(() => Int, { description: '补贴比例，服务券覆盖服务价格的百分比，1–100 (%) (share of the price covered, percent)' }) coverPercent: number;
  @Field({ description: `单张服务券上限，${YUAN}，不超过总预算 (cap per voucher)` }) capPerVoucher: string;
  @Field({ description: `每家企业每年上限，${YUAN}，不低于单张上限 (cap per firm per year)` }) capPerFirmYear: string;
  @Field(() => [String], { nullable: true, description: '可申领的梯度，至多 4 项；空为不限 (eligible tiers; empty: any)' }) eligibleTiers?: string[] | null;
  @Field(() => [String], { nullable: true, description: '可申领的地区代码（6 位），至多 100 项；空为不限 (eligible region codes, at most 100)' }) eligibleRegionCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '可申领的行业代码，至多 100 项；空为不限 (eligible industry codes, at most 100)' }) eligibleIndustryCodes?: string[] | null;
  @Field(() => [ID], { nullable: true, description: '导入的企业名单（机构 ID），至多 10000 家；空为不限 (an imported list of enterprise ids, at most 10,000)' }) eligibleOrganizationIds?: string[] | null;
  @Field(() => [String], { description: '可用的服务类别，1–12 项 (eligible service categories, 1–12)' }) serviceCategories: string[];
  @Field(() => DateScalar, { description: '申领开始日期 (window opens)' }) applyFrom: Date | string;
  @Field(() => DateScalar, { description: '申领截止日期（含），不早于开始日期 (window closes, inclusive)' }) applyUntil: Date | string;
  @Field(() => Int, { description: '服务券有效期，单位：月，1–36 (validity, months, 1–36)' }) validityMonths: number;
  @Field(() => String, { nullable: true, description: '风险规则阈值的覆盖（JSON 对象，键为规则名），至多 2000 字符；空为默认 (overrides of the fraud thresholds as JSON, at most 2,000 characters)' }) fraudThresholdsJson?: string | null;
}

@InputType('VoucherClaimInput', { description: '兑付申请 (a claim for a delivered service)' })
export class ClaimInput {
  @Field({ description: `合同金额（服务价格），${YUAN} (contract value)` }) contractValue: string;
  @Field({ description: `申领金额，${YUAN}；不超过合同金额 × 补贴比例，也不超过服务券余额 (claim amount; at most the programme's share of the price and the voucher's balance)` }) claimAmount: string;
  @Field({ description: '发票号码，1–64 字 (invoice number, 1–64 characters)' }) invoiceNumber: string;
  @Field(() => DateScalar, { description: '交付日期，发券日至今天 (delivered on, from the grant to today)' }) deliveredOn: Date | string;
  @Field(() => [ID], { nullable: true, description: '证明材料：贵机构在该对接会话中已发送的附件 ID，至多 20 个 (attachment ids your institution sent in the case conversation, at most 20)' }) attachmentIds?: string[] | null;
}
