/**
 * The one pure evaluator of policy rewards: for an organization's facts and a date, every policy
 * of a set it is entitled to (amount, arithmetic, tranches, facts used with their provenance),
 * then 就高不重复 within stacking groups, and near misses for policies in force in its region.
 * No Nest, no TypeORM, no I/O.
 */
import { isWithinRegion, regionName } from '../../../codes/src/index.js';
import { titleValidOn } from '../../../tiers/src/index.js';
import { formatShare, formatYuan, ratioOf, shareOf } from './money.js';
import type {
  ChallengeFact,
  Entitlement,
  Evaluation,
  NearMiss,
  OrganizationFacts,
  Policy,
  PolicySet,
  TitleFact,
  TitleTier,
  Tranche,
  UsedFact,
} from './policy-types.js';

/** Bump when the evaluator's reading of a policy changes (stored with each result). */
export const REWARDS_EVALUATOR_VERSION = 'rewards-1';

export const TITLE_NAMES: Record<TitleTier, string> = {
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新“小巨人”企业',
  KEY_LITTLE_GIANT: '国家重点“小巨人”企业',
};

const PROJECT_CATEGORY_NAMES = { INDUSTRIAL: '工业类', AGRICULTURAL_SOCIAL: '农业和社会发展类' } as const;

/** Chinese names of a policy's regions ("余姚市、慈溪市"), never codes. */
export function policyRegionText(p: Pick<Policy, 'regionCodes'>): string {
  return p.regionCodes.map((c) => regionName(c) ?? '未收录的区划').join('、') || '（未配置区划）';
}

export function tiersText(tiers: readonly TitleTier[]): string {
  return tiers.map((t) => TITLE_NAMES[t]).join('或');
}

/** Whether a policy may pay an organization registered in `regionCode`. */
export function inScope(p: Policy, regionCode: string): boolean {
  return !p.disabled && p.regionCodes.some((c) => isWithinRegion(regionCode, c));
}

/** Whether a trigger on `day` falls within the policy's validity (both ends inclusive). */
export function withinValidity(p: Pick<Policy, 'validFrom' | 'validTo'>, day: string): boolean {
  return day >= p.validFrom && (p.validTo === undefined || day <= p.validTo);
}

const titleFactOf = (t: TitleFact): UsedFact => ({
  label: `${TITLE_NAMES[t.tier]}认定日期`,
  value: t.certifiedOn,
  provenance: t.provenance,
});

interface Candidate {
  triggerKey: string;
  triggeredOn: string;
  facts: UsedFact[];
  challenge?: ChallengeFact;
  award?: number;
}

interface Computed {
  amount: number;
  arithmetic: string;
  tranches: Tranche[];
}

/** The first certification of any of `tiers` (renewals come later and do not trigger). */
function firstTitle(facts: OrganizationFacts, tiers: readonly TitleTier[]): TitleFact | undefined {
  let first: TitleFact | undefined;
  for (const t of facts.titles) if (tiers.includes(t.tier) && (!first || t.certifiedOn < first.certifiedOn)) first = t;
  return first;
}

/** A title among `tiers` valid on `day` (certified on or before it, within its 3 years). */
function titleHeldOn(facts: OrganizationFacts, tiers: readonly TitleTier[], day: string): TitleFact | undefined {
  return facts.titles.find((t) => tiers.includes(t.tier) && t.certifiedOn <= day && titleValidOn(t.certifiedOn, day));
}

function candidates(p: Policy, facts: OrganizationFacts, asOf: string, misses: string[]): Candidate[] {
  const t = p.trigger;
  switch (t.kind) {
    case 'TITLE_FIRST_CONFIRMED': {
      const first = firstTitle(facts, t.tiers);
      if (!first || first.certifiedOn > asOf) {
        misses.push(`再获得${tiersText(t.tiers)}认定`);
        return [];
      }
      if (!withinValidity(p, first.certifiedOn)) return [];
      return [{ triggerKey: `title:${t.tiers[0]}`, triggeredOn: first.certifiedOn, facts: [titleFactOf(first)] }];
    }
    case 'CHALLENGE_ACCEPTED': {
      const out: Candidate[] = [];
      for (const c of facts.challenges ?? []) {
        if (c.acceptedOn > asOf || !withinValidity(p, c.acceptedOn)) continue;
        if (t.category && c.category !== t.category) continue;
        const used: UsedFact[] = [
          { label: `揭榜项目${c.title ? `“${c.title}”` : ''}立项日期`, value: c.acceptedOn, provenance: { kind: 'RECORDED_ACCEPTANCE', reference: c.projectId } },
        ];
        if (t.requiresTiers) {
          const held = titleHeldOn(facts, t.requiresTiers, c.acceptedOn);
          if (!held) {
            misses.push(`揭榜立项时须持有有效的${tiersText(t.requiresTiers)}称号`);
            continue;
          }
          used.push(titleFactOf(held));
        }
        out.push({ triggerKey: `challenge:${c.projectId}`, triggeredOn: c.acceptedOn, facts: used, challenge: c });
      }
      if (out.length === 0 && misses.length === 0) {
        misses.push(`${t.category ? `${PROJECT_CATEGORY_NAMES[t.category]}` : ''}揭榜项目获得立项`);
      }
      return out;
    }
    case 'SERVICE_PROVIDER_SELECTED': {
      const out: Candidate[] = [];
      for (const s of facts.selections ?? []) {
        if (s.selectedOn > asOf || !withinValidity(p, s.selectedOn)) continue;
        out.push({
          triggerKey: `selection:${s.year}`,
          triggeredOn: s.selectedOn,
          facts: [{ label: `${s.year}年度优质服务机构核定奖励`, value: formatYuan(s.award), provenance: s.provenance }],
          award: s.award,
        });
      }
      if (out.length === 0) misses.push('入选优质服务机构');
      return out;
    }
  }
}

const once = (label: string, amount: number, dueOn: string): Tranche[] => [{ label, amount, status: 'DUE', dueOn }];

/** Amount, arithmetic and tranches of one candidate; undefined (with a miss) when a base is not recorded yet. */
function compute(p: Policy, set: PolicySet, facts: OrganizationFacts, c: Candidate, misses: string[]): Computed | undefined {
  const f = p.formula;
  switch (f.kind) {
    case 'FIXED':
      return { amount: f.amount, arithmetic: `定额 ${formatYuan(f.amount)}`, tranches: once('一次性拨付', f.amount, c.triggeredOn) };
    case 'MATCH_PAID': {
      const sources = matchSources(p, set);
      const paid = (facts.paid ?? []).filter((x) => sources.has(x.policyId));
      const base = paid.reduce((s, x) => s + x.amount, 0);
      if (base === 0) {
        misses.push(`其他“${tiersText(p.trigger.kind === 'TITLE_FIRST_CONFIRMED' ? p.trigger.tiers : [])}”奖励实际发放后，按 ${f.numerator}:${f.denominator} 配套`);
        return undefined;
      }
      const raw = ratioOf(base, f.numerator, f.denominator);
      const amount = f.cap !== undefined ? Math.min(raw, f.cap) : raw;
      for (const x of paid) c.facts.push({ label: `已实际发放：${set.policies.find((q) => q.id === x.policyId)?.name ?? x.policyId}`, value: `${formatYuan(x.amount)}（${x.paidOn}）`, provenance: { kind: 'PAYOUT', reference: x.reference } });
      const capText = f.cap !== undefined && raw > f.cap ? `，上限 ${formatYuan(f.cap)} → ${formatYuan(amount)}` : '';
      return {
        amount,
        arithmetic: `实际奖励总额 ${formatYuan(base)} × ${f.numerator}:${f.denominator} = ${formatYuan(raw)}${capText}`,
        tranches: once('一次性拨付', amount, paid.reduce((d, x) => (x.paidOn > d ? x.paidOn : d), c.triggeredOn)),
      };
    }
    case 'SHARE': {
      const capped = (base: number) => Math.min(shareOf(base, f.shareBp), f.cap);
      const step = (base: number, what: string) => {
        const raw = shareOf(base, f.shareBp);
        return `${formatShare(f.shareBp)} × ${what} ${formatYuan(base)} = ${formatYuan(raw)}${raw > f.cap ? `，上限 ${formatYuan(f.cap)} → ${formatYuan(f.cap)}` : ''}`;
      };
      if (f.base === 'SELECTION_AWARD') {
        const award = c.award ?? 0;
        const amount = capped(award);
        return { amount, arithmetic: step(award, '核定奖励'), tranches: once('一次性拨付', amount, c.triggeredOn) };
      }
      const ch = c.challenge!;
      const actual = ch.actualInvestment;
      if (actual) c.facts.push({ label: f.base === 'CHALLENGE_RD_ACTUAL' ? '揭榜项目实际研发投入' : '揭榜项目实际科技投入', value: formatYuan(actual.amount), provenance: actual.provenance });
      if (ch.completion) c.facts.push({ label: '验收', value: `${ch.completion.on} ${ch.completion.passed ? '通过' : '未通过'}`, provenance: ch.completion.provenance });
      if (!p.tranches) {
        if (!actual) {
          misses.push(`登记揭榜项目${ch.title ? `“${ch.title}”` : ''}的实际研发投入后，按 ${formatShare(f.shareBp)} 计算（最高 ${formatYuan(f.cap)}）`);
          return undefined;
        }
        const amount = capped(actual.amount);
        return { amount, arithmetic: step(actual.amount, '实际研发投入'), tranches: once('一次性拨付', amount, actual.recordedOn) };
      }
      // Tranches: the first part on the planned base at 立项, the balance on the actual base after 验收.
      if (ch.plannedInvestment === undefined) {
        misses.push(`登记揭榜项目${ch.title ? `“${ch.title}”` : ''}的计划科技投入后，立项即可拨付 ${formatShare(p.tranches.firstShareBp)}`);
        return undefined;
      }
      const plannedTotal = capped(ch.plannedInvestment);
      const first = shareOf(plannedTotal, p.tranches.firstShareBp);
      const lines = [`首期：${step(ch.plannedInvestment, '计划投入')}，× ${formatShare(p.tranches.firstShareBp)} = ${formatYuan(first)}`];
      c.facts.push({ label: '揭榜项目计划科技投入', value: formatYuan(ch.plannedInvestment), provenance: { kind: 'RECORDED_ACCEPTANCE', reference: ch.projectId } });
      const tranches: Tranche[] = [{ label: p.tranches.firstLabel, amount: first, status: 'DUE', dueOn: ch.acceptedOn }];
      if (ch.completion && !ch.completion.passed) {
        tranches.push({ label: p.tranches.balanceLabel, amount: 0, status: 'FORFEITED', dueOn: ch.completion.on });
        lines.push('验收未通过，不拨付余款');
        return { amount: first, arithmetic: lines.join('；'), tranches };
      }
      if (ch.completion && actual) {
        const total = capped(actual.amount);
        const balance = Math.max(0, total - first);
        tranches.push({ label: p.tranches.balanceLabel, amount: balance, status: 'DUE', dueOn: ch.completion.on });
        lines.push(`结算：${step(actual.amount, '实际投入')}，余款 ${formatYuan(total)} − ${formatYuan(first)} = ${formatYuan(balance)}`);
        return { amount: first + balance, arithmetic: lines.join('；'), tranches };
      }
      const estimate = plannedTotal - first;
      tranches.push({ label: p.tranches.balanceLabel, amount: estimate, status: 'WAITING' });
      lines.push(`余款待验收后按实际投入结算（按计划投入预计 ${formatYuan(estimate)}）`);
      return { amount: first + estimate, arithmetic: lines.join('；'), tranches };
    }
  }
}

/** The policies whose actual payouts a MATCH_PAID policy matches. */
export function matchSources(p: Policy, set: PolicySet): Set<string> {
  if (p.formula.kind !== 'MATCH_PAID') return new Set();
  if (p.formula.policyIds && p.formula.policyIds.length > 0) return new Set(p.formula.policyIds);
  const tiers = p.trigger.kind === 'TITLE_FIRST_CONFIRMED' ? p.trigger.tiers : [];
  return new Set(
    set.policies
      .filter((q) => q.id !== p.id && q.formula.kind !== 'MATCH_PAID' && q.trigger.kind === 'TITLE_FIRST_CONFIRMED' && q.trigger.tiers.some((t) => tiers.includes(t)))
      .map((q) => q.id),
  );
}

/**
 * Every policy of `set` for one organization on `asOf`. `only`: evaluate just these policy ids
 * (the payout list of one policy; a draft's what-if) — stacking groups still see their other members.
 */
export function evaluateRewards(set: PolicySet, facts: OrganizationFacts, asOf: string, only?: ReadonlySet<string>): Evaluation {
  const entitlements: Entitlement[] = [];
  const nearMisses: NearMiss[] = [];
  const byId = new Map(set.policies.map((p) => [p.id, p]));
  const groupsNeeded = new Set<string>();
  if (only) for (const id of only) { const g = byId.get(id)?.stackingGroup; if (g) groupsNeeded.add(g); }
  for (const p of set.policies) {
    if (only && !only.has(p.id) && !(p.stackingGroup && groupsNeeded.has(p.stackingGroup))) continue;
    if (p.beneficiary !== facts.kind || !inScope(p, facts.regionCode)) continue;
    const misses: string[] = [];
    let found = 0;
    for (const c of candidates(p, facts, asOf, misses)) {
      const computed = compute(p, set, facts, c, misses);
      if (!computed) continue;
      found++;
      entitlements.push({
        policyId: p.id,
        triggerKey: c.triggerKey,
        triggeredOn: c.triggeredOn,
        status: 'ENTITLED',
        amount: computed.amount,
        arithmetic: computed.arithmetic,
        tranches: computed.tranches,
        facts: c.facts,
        notes: p.confirmation === 'UNCONFIRMED' ? [`政策参数尚待确认：${p.note ?? ''}`.trim()] : [],
      });
    }
    if (found === 0 && misses.length > 0 && withinValidity(p, asOf)) {
      nearMisses.push({ policyId: p.id, missing: `${misses[0]}即可获得“${p.name}”${potentialText(p)}`, potentialAmount: potential(p) });
    }
  }
  // A near miss of a group where a higher amount is already owed is no near miss (就高不重复).
  const groupTop = new Map<string, number>();
  for (const e of entitlements) {
    const g = byId.get(e.policyId)?.stackingGroup;
    if (g) groupTop.set(g, Math.max(groupTop.get(g) ?? 0, e.amount));
  }
  applyStacking(set, facts, entitlements);
  const keep = only ? entitlements.filter((e) => only.has(e.policyId)) : entitlements;
  const misses = nearMisses.filter((m) => {
    if (only && !only.has(m.policyId)) return false;
    const g = byId.get(m.policyId)!.stackingGroup;
    return !g || (groupTop.get(g) ?? 0) < (m.potentialAmount ?? Number.MAX_SAFE_INTEGER);
  });
  return { organizationId: facts.organizationId, asOf, policySetVersion: set.version, entitlements: keep, nearMisses: misses };
}

function potential(p: Policy): number | undefined {
  return p.formula.kind === 'FIXED' ? p.formula.amount : undefined;
}

function potentialText(p: Policy): string {
  const f = p.formula;
  if (f.kind === 'FIXED') return ` ${formatYuan(f.amount)}`;
  if (f.kind === 'SHARE') return `（${formatShare(f.shareBp)}，最高 ${formatYuan(f.cap)}）`;
  return '';
}

/**
 * 就高不重复: in each stacking group the highest entitlement is owed, less what the group's other
 * policies already paid (and within the group's cap); a lower one already paid keeps what it paid;
 * the others are SUPERSEDED with amount 0.
 */
function applyStacking(set: PolicySet, facts: OrganizationFacts, entitlements: Entitlement[]): void {
  const byId = new Map(set.policies.map((p) => [p.id, p]));
  const groups = new Map<string, Entitlement[]>();
  for (const e of entitlements) {
    const g = byId.get(e.policyId)?.stackingGroup;
    if (g) groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  for (const [group, members] of groups) {
    const paidBy = new Map<string, number>();
    for (const x of facts.paid ?? []) if (byId.get(x.policyId)?.stackingGroup === group) paidBy.set(x.policyId, (paidBy.get(x.policyId) ?? 0) + x.amount);
    members.sort((a, b) => b.amount - a.amount || a.policyId.localeCompare(b.policyId));
    const top = members[0]!;
    const topPolicy = byId.get(top.policyId)!;
    const paidElsewhere = [...paidBy].filter(([id]) => id !== top.policyId).reduce((s, [, v]) => s + v, 0);
    const cap = topPolicy.groupCap;
    let owed = Math.max(0, top.amount - paidElsewhere);
    if (cap !== undefined) owed = Math.min(owed, Math.max(0, cap - paidElsewhere));
    if (owed !== top.amount) {
      const names = [...paidBy].filter(([id]) => id !== top.policyId).map(([id, v]) => `${byId.get(id)!.name} ${formatYuan(v)}`).join('、');
      top.arithmetic += `；就高不重复：${formatYuan(top.amount)} − 已发放（${names}）= ${formatYuan(owed)}`;
      scaleTranches(top, owed);
      top.amount = owed;
    }
    for (const e of members.slice(1)) {
      const paid = paidBy.get(e.policyId) ?? 0;
      if (paid > 0) {
        e.notes.push(`已按本政策发放 ${formatYuan(paid)}；同组更高奖励“${topPolicy.name}”只补差额（就高不重复）`);
        e.amount = paid;
        scaleTranches(e, paid);
        continue;
      }
      e.status = 'SUPERSEDED';
      e.arithmetic += `；与“${topPolicy.name}”就高不重复，按较高者发放，本项不发`;
      e.amount = 0;
      e.tranches = e.tranches.map((t) => ({ ...t, amount: 0 }));
    }
  }
}

function scaleTranches(e: Entitlement, amount: number): void {
  if (e.tranches.length === 1) e.tranches = [{ ...e.tranches[0]!, amount }];
  else {
    // Deduct from the last tranches first.
    let excess = e.tranches.reduce((s, t) => s + t.amount, 0) - amount;
    e.tranches = [...e.tranches].reverse().map((t) => { const cut = Math.min(t.amount, Math.max(0, excess)); excess -= cut; return { ...t, amount: t.amount - cut }; }).reverse();
  }
}

/** Sum of the tranches due (what a payout line pays now). */
export function amountDue(e: Pick<Entitlement, 'tranches'>): number {
  return e.tranches.filter((t) => t.status === 'DUE').reduce((s, t) => s + t.amount, 0);
}
