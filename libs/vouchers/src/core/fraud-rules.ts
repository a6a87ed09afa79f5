/**
 * Fraud and quality checks on a voucher claim (issue 22 item 4, ADR 0033): each a named rule with a
 * score and its evidence, thresholds as data (a programme may override any of them). The service
 * gathers the facts in SQL; the rules here only compare. Evidence names counts and amounts, never a
 * phone number, e-mail or address. Pure (node:crypto only, for the seeded spot-check draw).
 */
import { createHash } from 'node:crypto';
import { yuan } from './money.js';

export const FRAUD_RULE_CODES = ['REPEAT_PAIR', 'PRICE_ABOVE_LISTED', 'PRICE_ABOVE_MEDIAN', 'AT_CAP', 'RELATED_PARTY', 'SAME_DAY_BURST', 'FIRM_DISPUTE', 'SPOT_CHECK'] as const;
export type FraudRuleCode = (typeof FRAUD_RULE_CODES)[number];

export const FRAUD_RULE_LABELS: Record<FraudRuleCode, string> = {
  REPEAT_PAIR: '同一企业与机构反复兑付',
  PRICE_ABOVE_LISTED: '合同金额远高于服务产品标价',
  PRICE_ABOVE_MEDIAN: '合同金额远高于同类服务中位数',
  AT_CAP: '申领金额贴近上限',
  RELATED_PARTY: '企业与机构疑似关联方（联系电话、邮箱或地址相同）',
  SAME_DAY_BURST: '机构同日交付大量服务',
  FIRM_DISPUTE: '企业对交付有异议',
  SPOT_CHECK: '随机抽查',
};

/** Thresholds as data; percentages are integers so no comparison goes through a float. */
export interface FraudThresholds {
  /** Flag when the pair already has at least this many claims in the programme (not rejected) within windowDays. */
  readonly repeatPair: { readonly minPriorClaims: number; readonly windowDays: number; readonly score: number };
  /** Flag when the contract value exceeds the offering's listed maximum price by this percentage of it. */
  readonly priceAboveListed: { readonly percentOfListed: number; readonly score: number };
  /** Flag when the contract value exceeds the category's median claim by this percentage, with enough claims to judge. */
  readonly priceAboveMedian: { readonly percentOfMedian: number; readonly minSample: number; readonly score: number };
  /** Flag when the claim takes at least this percentage of the voucher's amount. */
  readonly atCap: { readonly percentOfCap: number; readonly score: number };
  readonly relatedParty: { readonly score: number };
  /** Flag when the institution's claims delivered on the same day reach this count (this one included). */
  readonly sameDayBurst: { readonly minClaims: number; readonly score: number };
  readonly firmDispute: { readonly score: number };
  /** Share of claims drawn for a spot check, in percent (0–100); a drawn claim needs a second approver. */
  readonly spotCheck: { readonly sharePercent: number; readonly score: number };
  /** A claim whose highest finding reaches this score is flagged (second approver needed). */
  readonly flagAtScore: number;
}

export const DEFAULT_FRAUD_THRESHOLDS: FraudThresholds = {
  repeatPair: { minPriorClaims: 2, windowDays: 365, score: 60 },
  priceAboveListed: { percentOfListed: 150, score: 50 },
  priceAboveMedian: { percentOfMedian: 200, minSample: 5, score: 40 },
  atCap: { percentOfCap: 98, score: 30 },
  relatedParty: { score: 90 },
  sameDayBurst: { minClaims: 5, score: 50 },
  firmDispute: { score: 80 },
  spotCheck: { sharePercent: 5, score: 30 },
  flagAtScore: 30,
};

/** A programme's overrides merged over the defaults, one rule at a time. */
export function thresholdsWith(overrides: Partial<Record<keyof FraudThresholds, unknown>> | null | undefined): FraudThresholds {
  const out: Record<string, unknown> = { ...DEFAULT_FRAUD_THRESHOLDS };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (!(k in DEFAULT_FRAUD_THRESHOLDS)) continue;
    const base = (DEFAULT_FRAUD_THRESHOLDS as unknown as Record<string, unknown>)[k];
    out[k] = typeof base === 'object' && v && typeof v === 'object' ? { ...(base as object), ...(v as object) } : v;
  }
  return out as unknown as FraudThresholds;
}

export interface ClaimFacts {
  readonly contractValueFen: number;
  readonly claimFen: number;
  readonly voucherAmountFen: number;
  /** Claims of the same firm–institution pair in the programme within the window, this one excluded, rejected ones excluded. */
  readonly priorPairClaims: number;
  /** The offering's listed maximum price, in fen; null when not listed. */
  readonly listedPriceMaxFen: number | null;
  /** Median contract value of the category's other claims in the programme; null without any. */
  readonly categoryMedianFen: number | null;
  readonly categorySample: number;
  readonly sharedPhone: boolean;
  readonly sharedEmail: boolean;
  readonly sharedAddress: boolean;
  /** The institution's claims in the programme delivered on the claim's delivery day, this one included. */
  readonly sameDayClaims: number;
  readonly disputed: boolean;
  /** The seeded draw in [0, 1) (see {@link spotCheckDraw}). */
  readonly spotDraw: number;
}

export interface FraudFinding {
  readonly rule: FraudRuleCode;
  readonly label: string;
  /** 0–100. */
  readonly score: number;
  /** What was seen (counts and amounts only). */
  readonly evidence: string;
  /** The threshold it crossed, as text. */
  readonly threshold: string;
}

const finding = (rule: FraudRuleCode, score: number, evidence: string, threshold: string): FraudFinding => ({ rule, label: FRAUD_RULE_LABELS[rule], score, evidence, threshold });

/** Every rule the claim trips, highest score first. */
export function evaluateClaim(f: ClaimFacts, t: FraudThresholds = DEFAULT_FRAUD_THRESHOLDS): FraudFinding[] {
  const out: FraudFinding[] = [];
  if (f.priorPairClaims >= t.repeatPair.minPriorClaims) {
    out.push(finding('REPEAT_PAIR', t.repeatPair.score, `该企业与该机构在本项目 ${t.repeatPair.windowDays} 天内已有 ${f.priorPairClaims} 笔兑付申请`, `≥ ${t.repeatPair.minPriorClaims} 笔`));
  }
  if (f.listedPriceMaxFen !== null && f.listedPriceMaxFen > 0 && f.contractValueFen * 100 > f.listedPriceMaxFen * t.priceAboveListed.percentOfListed) {
    out.push(finding('PRICE_ABOVE_LISTED', t.priceAboveListed.score, `合同金额 ${yuan(f.contractValueFen)}，服务产品标价上限 ${yuan(f.listedPriceMaxFen)}`, `> 标价的 ${t.priceAboveListed.percentOfListed}%`));
  }
  if (f.categoryMedianFen !== null && f.categorySample >= t.priceAboveMedian.minSample && f.contractValueFen * 100 > f.categoryMedianFen * t.priceAboveMedian.percentOfMedian) {
    out.push(
      finding('PRICE_ABOVE_MEDIAN', t.priceAboveMedian.score, `合同金额 ${yuan(f.contractValueFen)}，同类 ${f.categorySample} 笔的中位数 ${yuan(f.categoryMedianFen)}`, `> 中位数的 ${t.priceAboveMedian.percentOfMedian}%（至少 ${t.priceAboveMedian.minSample} 笔）`),
    );
  }
  if (f.voucherAmountFen > 0 && f.claimFen * 100 >= f.voucherAmountFen * t.atCap.percentOfCap) {
    out.push(finding('AT_CAP', t.atCap.score, `申领 ${yuan(f.claimFen)}，服务券面额 ${yuan(f.voucherAmountFen)}`, `≥ 面额的 ${t.atCap.percentOfCap}%`));
  }
  const shared = [f.sharedPhone && '联系电话', f.sharedEmail && '电子邮箱', f.sharedAddress && '地址'].filter(Boolean);
  if (shared.length) out.push(finding('RELATED_PARTY', t.relatedParty.score, `企业与机构的${shared.join('、')}相同`, '任一相同'));
  if (f.sameDayClaims >= t.sameDayBurst.minClaims) {
    out.push(finding('SAME_DAY_BURST', t.sameDayBurst.score, `该机构同一交付日共 ${f.sameDayClaims} 笔兑付申请`, `≥ ${t.sameDayBurst.minClaims} 笔`));
  }
  if (f.disputed) out.push(finding('FIRM_DISPUTE', t.firmDispute.score, '企业对服务交付提出异议', '企业异议'));
  if (f.spotDraw * 100 < t.spotCheck.sharePercent) {
    out.push(finding('SPOT_CHECK', t.spotCheck.score, `随机抽查命中（抽签值 ${f.spotDraw.toFixed(4)}）`, `抽查比例 ${t.spotCheck.sharePercent}%`));
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Flagged: the highest finding reaches the flag score (a second approver is then needed). */
export function isFlagged(findings: readonly FraudFinding[], t: FraudThresholds = DEFAULT_FRAUD_THRESHOLDS): boolean {
  return findings.some((x) => x.score >= t.flagAtScore);
}

/** The spot-check draw of a claim: a number in [0, 1) from the programme's seed and the claim's id, reproducible by anyone holding both. */
export function spotCheckDraw(seed: string, claimId: string): number {
  const h = createHash('sha256').update(`${seed}:${claimId}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** Contact details compared for related parties: digits of a phone, lower-case e-mail, address without blanks and punctuation. */
export const normalizePhone = (s: string | null | undefined): string | null => {
  const d = (s ?? '').replace(/\D/g, '');
  return d.length >= 7 ? d.slice(-11) : null;
};
export const normalizeEmail = (s: string | null | undefined): string | null => (s && s.includes('@') ? s.trim().toLowerCase() : null);
export const normalizeAddress = (s: string | null | undefined): string | null => {
  const a = (s ?? '').replace(/[\s,，。.、()（）\-—#号]/g, '');
  return a.length >= 6 ? a : null;
};
export const sameContact = (a: string | null, b: string | null): boolean => a !== null && a === b;

/** Median of whole fen (the lower of the two middle values, so it stays whole). */
export function medianFen(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
