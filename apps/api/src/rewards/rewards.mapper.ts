import { regionName } from '../../../../libs/codes/src/index.js';
import {
  PolicyEntitlementEntity,
  PolicyPayoutEntity,
  formatShare,
  formatYuan,
  policyRegionText,
  tiersText,
  withholdReasonLabel,
  type Policy,
  type Provenance,
} from '../../../../libs/rewards/src/index.js';
import type { PolicyRewardModel, RewardPolicyModel } from './rewards.models.js';

const SOURCE: Record<Provenance['kind'], string> = {
  CONFIRMED_TITLE: '主管部门确认的称号',
  IMPORTED_LIST: '主管部门导入的认定名单',
  RECORDED_RD: '登记的研发投入',
  RECORDED_ACCEPTANCE: '揭榜立项或验收记录',
  SELECTION: '优质服务机构评选结果',
  PAYOUT: '已发放记录',
  PROFILE: '企业档案',
};

const BASE_TEXT = { CHALLENGE_RD_ACTUAL: '揭榜项目实际研发投入', CHALLENGE_INVESTMENT: '揭榜项目科技投入', SELECTION_AWARD: '核定奖励' } as const;

/** The rule of a policy in words: trigger, then formula, tranches and stacking. */
export function ruleText(p: Policy): string {
  const t = p.trigger;
  const when =
    t.kind === 'TITLE_FIRST_CONFIRMED'
      ? `首次获得${tiersText(t.tiers)}认定`
      : t.kind === 'CHALLENGE_ACCEPTED'
        ? `揭榜项目立项${t.requiresTiers ? `（立项时持有${tiersText(t.requiresTiers)}称号）` : ''}`
        : '入选优质服务机构';
  const f = p.formula;
  const how =
    f.kind === 'FIXED'
      ? `定额 ${formatYuan(f.amount)}`
      : f.kind === 'SHARE'
        ? `按${BASE_TEXT[f.base]}的 ${formatShare(f.shareBp)}，最高 ${formatYuan(f.cap)}`
        : `按实际奖励总额 ${f.numerator}:${f.denominator} 配套${f.cap !== undefined ? `，最高 ${formatYuan(f.cap)}` : ''}`;
  const parts = [`${when}，${how}`];
  if (p.tranches) parts.push(`${p.tranches.firstLabel} ${formatShare(p.tranches.firstShareBp)}，${p.tranches.balanceLabel}`);
  if (p.stackingGroup) parts.push('同组政策就高不重复');
  return parts.join('；');
}

export function toPolicyModel(p: Policy): RewardPolicyModel {
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    documentNumber: p.documentNumber ?? null,
    source: p.source,
    confirmation: p.confirmation,
    note: p.note ?? null,
    regionNames: policyRegionText(p).split('、'),
    validFrom: p.validFrom,
    validTo: p.validTo ?? null,
    rule: ruleText(p),
    stackingGroup: p.stackingGroup ?? null,
  };
}

export function toRewardModel(e: PolicyEntitlementEntity, policy: Policy, payouts: PolicyPayoutEntity[]): PolicyRewardModel {
  const byIndex = new Map(payouts.map((x) => [x.trancheIndex, x]));
  const tranches = e.tranches.map((t, index) => {
    const d = byIndex.get(index);
    return {
      index,
      label: t.label,
      amount: t.amount,
      status: t.status,
      dueOn: t.dueOn ?? null,
      decision: d?.decision ?? null,
      paidAmount: d?.decision === 'PAID' ? d.amount : null,
      paidOn: d?.paidOn ?? null,
      reference: d?.reference ?? null,
      withholdReasonCode: d?.reasonCode ?? null,
      withholdReason: d?.reasonCode ? [withholdReasonLabel(d.reasonCode), d.reasonText].filter(Boolean).join('：') : null,
    };
  });
  const amountPaid = payouts.filter((x) => x.decision === 'PAID').reduce((s, x) => s + x.amount, 0);
  const amountDue = e.status === 'ENTITLED' ? tranches.filter((t) => t.status === 'DUE' && !t.decision).reduce((s, t) => s + t.amount, 0) : 0;
  const state =
    e.status === 'SUPERSEDED'
      ? 'SUPERSEDED'
      : amountDue > 0
        ? 'ELIGIBLE'
        : tranches.some((t) => t.decision === 'WITHHELD')
          ? 'WITHHELD'
          : tranches.some((t) => t.status === 'WAITING')
            ? 'PENDING'
            : 'PAID';
  return {
    id: e.id,
    policy: toPolicyModel(policy),
    state,
    triggeredOn: e.triggeredOn,
    amount: e.amount,
    amountDue,
    amountPaid,
    arithmetic: e.arithmetic,
    tranches,
    facts: e.facts.slice(0, 10).map((f) => ({ label: f.label, value: f.value, source: f.provenance.kind === 'PAYOUT' && f.provenance.reference ? `${SOURCE.PAYOUT}（凭证 ${f.provenance.reference}）` : SOURCE[f.provenance.kind] })),
    notes: e.notes,
    policySetVersion: e.policySetVersion,
    evaluatedOn: e.asOf,
    stale: e.stale,
  };
}

export const regionText = (code: string): string => regionName(code.trim()) ?? '未收录的区划';
