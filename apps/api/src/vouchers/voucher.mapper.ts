import { badInput } from '../../../../libs/platform/src/index.js';
import { voucherReason } from '../../../../libs/codes/src/index.js';
import { fenToYuanString, parseYuan, thresholdsWith, type VoucherClaimEntity, type VoucherEntity, type VoucherProgrammeEntity, type SettlementBatchEntity } from '../../../../libs/vouchers/src/index.js';
import type { SettlementBatchModel, VoucherClaimModel, VoucherModel, VoucherProgrammeModel, VoucherReasonModel } from './voucher.models.js';

/** An API amount (元, decimal string) as fen, or BAD_USER_INPUT naming the field. */
export function fen(value: unknown, field: string, label: string): number {
  const r = parseYuan(value, field, label);
  if ('message' in r) throw badInput(r.message, r.field);
  return r.fen;
}

/** GraphQL Date values arrive as Dates at UTC midnight; the services take YYYY-MM-DD. */
export const isoDay = (d: Date | string | null | undefined): string =>
  d instanceof Date ? (Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10)) : String(d ?? '');

export function toReasonModel(code: string | null | undefined): VoucherReasonModel | null {
  const r = voucherReason(code);
  return r ? { code: r.code, kind: r.kind, label: r.label, requiresText: r.requiresText } : null;
}

export function toProgrammeModel(p: VoucherProgrammeEntity): VoucherProgrammeModel {
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    status: p.status,
    coverPercent: p.coverPercent,
    capPerVoucher: fenToYuanString(p.capPerVoucherFen),
    capPerFirmYear: fenToYuanString(p.capPerFirmYearFen),
    eligibleTiers: p.eligibleTiers,
    eligibleRegionCodes: p.eligibleRegionCodes,
    eligibleIndustryCodes: p.eligibleIndustryCodes,
    eligibleListSize: p.eligibleOrganizationIds.length,
    serviceCategories: p.serviceCategories,
    applyFrom: p.applyFrom,
    applyUntil: p.applyUntil,
    validityMonths: p.validityMonths,
    fraudThresholdsJson: JSON.stringify(thresholdsWith(p.fraudThresholds as never)),
    createdAt: p.createdAt,
    budgetFen: p.budgetFen,
    reservedFen: p.reservedFen,
    redeemedFen: p.redeemedFen,
    settledFen: p.settledFen,
  };
}

export function toVoucherModel(v: VoucherEntity): VoucherModel {
  return {
    id: v.id,
    code: v.code,
    programmeId: v.programmeId,
    firmOrganizationId: v.firmOrganizationId,
    serviceCategory: v.serviceCategory,
    amount: fenToYuanString(v.amountFen),
    redeemed: fenToYuanString(v.redeemedFen),
    balance: fenToYuanString(v.status === 'GRANTED' ? v.amountFen - v.redeemedFen : 0),
    status: v.status,
    purpose: v.purpose,
    autoGranted: v.autoGranted,
    declineReason: toReasonModel(v.declineReasonCode),
    grantedAt: v.grantedAt,
    expiresOn: v.expiresOn,
    matchRequestId: v.matchRequestId,
    createdAt: v.createdAt,
  };
}

export function toClaimModel(c: VoucherClaimEntity): VoucherClaimModel {
  return {
    id: c.id,
    voucherId: c.voucherId,
    programmeId: c.programmeId,
    firmOrganizationId: c.firmOrganizationId,
    institutionOrganizationId: c.institutionOrganizationId,
    matchRequestId: c.matchRequestId,
    serviceCategory: c.serviceCategory,
    contractValue: fenToYuanString(c.contractValueFen),
    claimAmount: fenToYuanString(c.claimFen),
    invoiceNumber: c.invoiceNumber,
    deliveredOn: c.deliveredOn,
    attachmentIds: c.attachmentIds,
    status: c.status,
    flagged: c.flagged,
    spotChecked: c.spotChecked,
    spotDraw: c.spotDraw,
    findings: null,
    rawFindings: c.findings,
    firmNote: c.firmNote,
    reason: toReasonModel(c.reasonCode),
    decisionNote: c.decisionNote,
    firstApprovalGiven: c.firstApproverUserId !== null,
    approvedAt: c.approvedAt,
    settlementBatchId: c.settlementBatchId,
    createdAt: c.createdAt,
  };
}

export function toBatchModel(b: SettlementBatchEntity): SettlementBatchModel {
  return { id: b.id, programmeId: b.programmeId, claimCount: b.claimCount, total: fenToYuanString(b.totalFen), settledAt: b.settledAt, downloadPath: `/exports/vouchers/settlements/${b.id}.xlsx` };
}
