import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, badInput, conflict, echoInput, fetchKeysetPage, checkPageSize, notFound, parseId, recordEvents, todayInShanghai } from '../../platform/src/index.js';
import type { EventLane } from '../../platform/src/index.js';
import { authorizeKind, authorizeQuery, type Actor } from '../../identity/src/index.js';
import { describeRegionCodeProblem } from '../../codes/src/index.js';
import {
  MAX_AMOUNT,
  REWARDS_EVALUATOR_VERSION,
  SHIPPED_POLICY_SET,
  amountDue,
  describeWithholdReasonProblem,
  evaluateRewards,
  policySetProblems,
  type Entitlement,
  type Evaluation,
  type NearMiss,
  type OrganizationFacts,
  type Policy,
  type PolicySet,
  type TitleTier,
} from './core/index.js';
import { PolicyEntitlementEntity } from './policy-entitlement.entity.js';
import { PolicyPayoutEntity } from './policy-payout.entity.js';
import { ChallengeProjectRecordEntity } from './challenge-project-record.entity.js';
import { ServiceProviderSelectionEntity } from './service-provider-selection.entity.js';

/**
 * The policy set in force: the shipped policies, with the policies of `REWARD_POLICIES_FILE` (a JSON
 * array of policies) added or replacing shipped ones by id — how the bureau configures parameters
 * (a region for a functional zone, a confirmed amount, a city reward 奉化 matches). The set is
 * checked as a whole; a problem stops the start naming the policy and field. Its version names the
 * file's content, so stored results say which parameters computed them.
 */
export function policySetFrom(file: string | undefined): PolicySet {
  if (!file) return SHIPPED_POLICY_SET;
  let text: string;
  let extra: Policy[];
  try {
    text = readFileSync(file, 'utf8');
    extra = JSON.parse(text) as Policy[];
  } catch (err) {
    throw new Error(`REWARD_POLICIES_FILE ${file}: 无法读取或不是 JSON (cannot read or parse: ${(err as Error).message})`, { cause: err });
  }
  if (!Array.isArray(extra) || extra.length > 500) throw new Error(`REWARD_POLICIES_FILE ${file}: 须为至多 500 项的政策数组 (must be an array of at most 500 policies)`);
  const ids = new Set(extra.map((p) => p?.id));
  const set: PolicySet = {
    version: `${SHIPPED_POLICY_SET.version}+${createHash('sha256').update(text).digest('hex').slice(0, 12)}`,
    policies: [...SHIPPED_POLICY_SET.policies.filter((p) => !ids.has(p.id)), ...extra],
  };
  const problems = policySetProblems(set);
  if (problems.length > 0) throw new Error(`REWARD_POLICIES_FILE ${file}: ${problems.map((p) => `${p.policyId}.${p.field}: ${p.message}`).join('; ')}`);
  return set;
}

/** The shipped set (code that has no configuration at hand, e.g. the bench). */
export const ACTIVE_POLICY_SET: PolicySet = SHIPPED_POLICY_SET;

type Q = Pick<DataSource, 'query'> | EntityManager;

/**
 * The facts the evaluator reads, for many organizations in a few statements: region and kind,
 * titles confirmed by the AUTHORITY (decision history, so a renewal never looks like a first
 * title) or imported from a published list, accepted 揭榜 applications, and payout lines paid.
 * Claims never pay (DOMAIN.md §8.10).
 */
export async function loadRewardFacts(q: Q, organizationIds: readonly string[]): Promise<Map<string, OrganizationFacts>> {
  const ids = [...organizationIds];
  const out = new Map<string, OrganizationFacts>();
  if (ids.length === 0) return out;
  const orgs: Array<{ id: string; kind: string; region_code: string }> = await q.query(
    `SELECT id, kind, region_code FROM organizations WHERE id = ANY($1::uuid[]) AND kind IN ('ENTERPRISE', 'SERVICE_PROVIDER')`,
    [ids],
  );
  for (const o of orgs) out.set(o.id, { organizationId: o.id, kind: o.kind as OrganizationFacts['kind'], regionCode: o.region_code, titles: [], challenges: [], selections: [], paid: [] });
  const titles: Array<{ organization_id: string; ref: string | null; tier: TitleTier; certified_on: string; imported: boolean }> = await q.query(
    `SELECT organization_id, id::text AS ref, tier::text AS tier, to_char(certified_on, 'YYYY-MM-DD') AS certified_on, false AS imported
       FROM enterprise_title_decisions
      WHERE organization_id = ANY($1::uuid[]) AND outcome = 'CONFIRMED' AND certified_on IS NOT NULL AND tier <> 'NONE'
     UNION ALL
     SELECT organization_id, NULL, tier::text, to_char(tier_certified_on, 'YYYY-MM-DD'), true
       FROM enterprise_profiles
      WHERE organization_id = ANY($1::uuid[]) AND tier_provenance = 'IMPORTED' AND tier_certified_on IS NOT NULL AND tier <> 'NONE'`,
    [ids],
  );
  for (const t of titles) {
    (out.get(t.organization_id)?.titles as OrganizationFacts['titles'][number][] | undefined)?.push({
      tier: t.tier,
      certifiedOn: t.certified_on,
      provenance: t.imported ? { kind: 'IMPORTED_LIST' } : { kind: 'CONFIRMED_TITLE', reference: t.ref! },
    });
  }
  const challenges: Array<{
    id: string; org: string; accepted_on: string; title: string | null; category: string | null; planned: string | null;
    actual: string | null; actual_on: string | null; completed_on: string | null; passed: boolean | null;
  }> = await q.query(
    `SELECT a.id, a.applicant_organization_id AS org, to_char(a.decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS accepted_on, l.title,
            r.category, r.planned_investment AS planned, r.actual_investment AS actual, to_char(r.actual_recorded_on, 'YYYY-MM-DD') AS actual_on,
            to_char(r.completed_on, 'YYYY-MM-DD') AS completed_on, r.completion_passed AS passed
       FROM challenge_applications a LEFT JOIN listings l ON l.id = a.challenge_id LEFT JOIN challenge_project_records r ON r.application_id = a.id
      WHERE a.applicant_organization_id = ANY($1::uuid[]) AND a.status = 'ACCEPTED' AND a.decided_at IS NOT NULL`,
    [ids],
  );
  for (const c of challenges) {
    (out.get(c.org)?.challenges as NonNullable<OrganizationFacts['challenges']>[number][] | undefined)?.push({
      projectId: c.id,
      acceptedOn: c.accepted_on,
      ...(c.title ? { title: c.title.slice(0, 40) } : {}),
      ...(c.category ? { category: c.category as 'INDUSTRIAL' | 'AGRICULTURAL_SOCIAL' } : {}),
      ...(c.planned !== null ? { plannedInvestment: Number(c.planned) } : {}),
      ...(c.actual !== null && c.actual_on ? { actualInvestment: { amount: Number(c.actual), recordedOn: c.actual_on, provenance: { kind: 'RECORDED_RD' as const, reference: c.id } } } : {}),
      ...(c.completed_on && c.passed !== null ? { completion: { on: c.completed_on, passed: c.passed, provenance: { kind: 'RECORDED_ACCEPTANCE' as const, reference: c.id } } } : {}),
    });
  }
  const selections: Array<{ id: string; organization_id: string; year: number; selected_on: string; award: string }> = await q.query(
    `SELECT id::text AS id, organization_id, year, to_char(selected_on, 'YYYY-MM-DD') AS selected_on, award_yuan AS award
       FROM service_provider_selections WHERE organization_id = ANY($1::uuid[])`,
    [ids],
  );
  for (const sel of selections) {
    (out.get(sel.organization_id)?.selections as NonNullable<OrganizationFacts['selections']>[number][] | undefined)?.push({
      year: sel.year,
      selectedOn: sel.selected_on,
      award: Number(sel.award),
      provenance: { kind: 'SELECTION', reference: sel.id },
    });
  }
  const paid: Array<{ organization_id: string; policy_id: string; amount: string; paid_on: string; reference: string }> = await q.query(
    `SELECT organization_id, policy_id, amount, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, reference
       FROM policy_payouts WHERE organization_id = ANY($1::uuid[]) AND decision = 'PAID'`,
    [ids],
  );
  for (const p of paid) {
    (out.get(p.organization_id)?.paid as NonNullable<OrganizationFacts['paid']>[number][] | undefined)?.push({
      policyId: p.policy_id,
      amount: Number(p.amount),
      paidOn: p.paid_on,
      reference: p.reference,
    });
  }
  return out;
}

export interface StoreResult {
  evaluated: number;
  /** Entitlements that appeared (or went from nothing owed to something owed). */
  created: number;
}

export interface PayoutLine {
  entitlement: PolicyEntitlementEntity;
  policy: Policy;
  /** 元 due now (the DUE tranches), less what was decided on already. */
  amountDue: number;
  payouts: PolicyPayoutEntity[];
}

export interface PayoutPage {
  rows: PayoutLine[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface PayoutTotals {
  policyId: string;
  regionCode: string;
  organizations: number;
  entitled: number;
  paid: number;
  withheld: number;
}

export interface MyRewards {
  entitlements: Array<{ entitlement: PolicyEntitlementEntity; policy: Policy; payouts: PolicyPayoutEntity[] }>;
  nearMisses: NearMiss[];
}

export interface WhatIfResult {
  beneficiaries: number;
  cost: number;
  evaluated: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string, field: string): string {
  if (typeof value !== 'string' || !ISO_DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} 须为 YYYY-MM-DD 日期，收到 ${echoInput(value)} (must be an ISO date)`, field);
  }
  return value;
}

/**
 * Runs the pure evaluator on stored facts and keeps its results (one row per organization, policy
 * and trigger, with the policy set's version); the firm's own view; the bureau's payout list,
 * decisions (paid / withheld) and totals; and the what-if of a draft policy.
 */
@Injectable()
export class RewardsService {
  /** The policy set in force (see {@link policySetFrom}). */
  readonly policySet: PolicySet;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.policySet = policySetFrom(config?.rewardPoliciesFile);
  }

  policy(id: string): Policy {
    const p = this.policySet.policies.find((x) => x.id === id);
    if (!p) {
      throw notFound(`没有编号为 ${echoInput(id)} 的政策；可选：${this.policySet.policies.map((x) => `${x.id}（${x.name}）`).join('、')} (unknown policy)`);
    }
    return p;
  }

  /**
   * Evaluates the organizations and stores what they are owed, in one transaction (`manager` when
   * the caller has one: a payout decision re-evaluates its firm in its own transaction). New
   * entitlements are announced by `policy-entitlement.created` (the firm's notification).
   */
  async evaluate(organizationIds: readonly string[], asOf = todayInShanghai(), manager?: EntityManager, lane: EventLane = 'interactive'): Promise<StoreResult> {
    if (!manager) return this.dataSource.transaction((m) => this.evaluate(organizationIds, asOf, m, lane));
    const facts = await loadRewardFacts(manager, organizationIds);
    const ids = [...facts.keys()];
    if (ids.length === 0) return { evaluated: 0, created: 0 };
    const existing: Array<{ id: string; organization_id: string; policy_id: string; trigger_key: string; status: string; amount: string; paid: boolean }> = await manager.query(
      `SELECT e.id, e.organization_id, e.policy_id, e.trigger_key, e.status, e.amount,
              EXISTS (SELECT 1 FROM policy_payouts p WHERE p.entitlement_id = e.id) AS paid
         FROM policy_entitlements e WHERE e.organization_id = ANY($1::uuid[]) FOR UPDATE`,
      [ids],
    );
    const key = (org: string, policy: string, trigger: string) => `${org}|${policy}|${trigger}`;
    const before = new Map(existing.map((r) => [key(r.organization_id, r.policy_id, r.trigger_key), r]));
    const rows: Array<Partial<PolicyEntitlementEntity>> = [];
    const fresh = new Map<string, string[]>();
    for (const f of facts.values()) {
      const result = evaluateRewards(this.policySet, f, asOf);
      for (const e of result.entitlements) {
        rows.push(this.row(f, e, result, asOf));
        const was = before.get(key(f.organizationId, e.policyId, e.triggerKey));
        if (e.status === 'ENTITLED' && e.amount > 0 && (!was || was.status !== 'ENTITLED' || Number(was.amount) === 0)) {
          fresh.set(f.organizationId, [...(fresh.get(f.organizationId) ?? []), `${e.policyId}|${e.triggerKey}`]);
        }
        before.delete(key(f.organizationId, e.policyId, e.triggerKey));
      }
    }
    for (let i = 0; i < rows.length; i += 1_000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(PolicyEntitlementEntity)
        .values(rows.slice(i, i + 1_000))
        .orUpdate(['triggered_on', 'region_code', 'status', 'amount', 'arithmetic', 'tranches', 'facts', 'notes', 'policy_set_version', 'evaluator_version', 'as_of', 'stale', 'updated_at'], ['organization_id', 'policy_id', 'trigger_key'])
        .execute();
    }
    // Ids of the new entitlements (only organizations that have one: usually none in a nightly run).
    const idOf = new Map<string, string>();
    if (fresh.size > 0) {
      const found: Array<{ id: string; organization_id: string; policy_id: string; trigger_key: string }> = await manager.query(
        'SELECT id, organization_id, policy_id, trigger_key FROM policy_entitlements WHERE organization_id = ANY($1::uuid[])',
        [[...fresh.keys()]],
      );
      for (const r of found) idOf.set(`${r.organization_id}|${r.policy_id}|${r.trigger_key}`, r.id);
    }
    // Triggers that no longer hold: gone, unless a payout line refers to them.
    const vanished = [...before.values()];
    const drop = vanished.filter((r) => !r.paid).map((r) => r.id);
    const keep = vanished.filter((r) => r.paid).map((r) => r.id);
    if (drop.length) await manager.query('DELETE FROM policy_entitlements WHERE id = ANY($1::uuid[])', [drop]);
    if (keep.length) await manager.query('UPDATE policy_entitlements SET stale = true WHERE id = ANY($1::uuid[])', [keep]);
    let created = 0;
    const events = [...fresh].map(([organizationId, keys]) => {
      created += keys.length;
      return {
        type: 'policy-entitlement.created' as const,
        aggregateType: 'organization',
        aggregateId: organizationId,
        data: { organizationId, entitlementIds: keys.map((k) => idOf.get(`${organizationId}|${k}`)!).filter(Boolean) },
        lane,
      };
    });
    await recordEvents(manager, events);
    return { evaluated: ids.length, created };
  }

  private row(f: OrganizationFacts, e: Entitlement, result: Evaluation, asOf: string): Partial<PolicyEntitlementEntity> {
    return {
      organizationId: f.organizationId,
      policyId: e.policyId,
      triggerKey: e.triggerKey,
      triggeredOn: e.triggeredOn,
      regionCode: f.regionCode,
      status: e.status,
      amount: e.amount,
      arithmetic: e.arithmetic,
      tranches: e.tranches,
      facts: e.facts,
      notes: e.notes,
      policySetVersion: result.policySetVersion,
      evaluatorVersion: REWARDS_EVALUATOR_VERSION,
      asOf,
      stale: false,
    };
  }

  /** Ids of every enterprise and service provider, in pages, for the nightly run. */
  async *allOrganizationIds(pageSize = 1_000): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM organizations WHERE kind IN ('ENTERPRISE', 'SERVICE_PROVIDER') AND id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1]!.id;
    }
  }

  /** The caller's own rewards: stored entitlements with their payout decisions, and live near misses. */
  async mine(organizationId: string, asOf = todayInShanghai()): Promise<MyRewards> {
    const entitlements = await this.dataSource.getRepository(PolicyEntitlementEntity).find({ where: { organizationId }, order: { triggeredOn: 'DESC', policyId: 'ASC' } });
    const payouts = await this.payoutsOf(entitlements.map((e) => e.id));
    const facts = (await loadRewardFacts(this.dataSource, [organizationId])).get(organizationId);
    const nearMisses = facts ? evaluateRewards(this.policySet, facts, asOf).nearMisses : [];
    return {
      entitlements: entitlements
        .filter((e) => this.policySet.policies.some((p) => p.id === e.policyId))
        .map((e) => ({ entitlement: e, policy: this.policy(e.policyId), payouts: payouts.get(e.id) ?? [] })),
      nearMisses,
    };
  }

  private async payoutsOf(entitlementIds: readonly string[]): Promise<Map<string, PolicyPayoutEntity[]>> {
    const out = new Map<string, PolicyPayoutEntity[]>();
    if (entitlementIds.length === 0) return out;
    const rows = await this.dataSource
      .getRepository(PolicyPayoutEntity)
      .createQueryBuilder('p')
      .where('p.entitlementId = ANY(:ids)', { ids: [...entitlementIds] })
      .orderBy('p.trancheIndex')
      .getMany();
    for (const r of rows) out.set(r.entitlementId, [...(out.get(r.entitlementId) ?? []), r]);
    return out;
  }

  /** Checks a payout list's filter: a known policy, a period (triggered between, inclusive), a known region. */
  checkFilter(policyId: string, period: { from: string; to: string }, regionCode?: string | null): Policy {
    const policy = this.policy(policyId);
    checkDay(period.from, 'period.from');
    checkDay(period.to, 'period.to');
    if (period.from > period.to) throw badInput(`period.from ${period.from} 晚于 period.to ${period.to} (period ends before it starts)`, 'period.from');
    if (regionCode) {
      const problem = describeRegionCodeProblem(regionCode);
      if (problem) throw badInput(problem, 'regionCode');
    }
    return policy;
  }

  /** The entitled lines of a policy's payout list in a period (triggered then), within a region and everything under it. */
  private payoutLines(policyId: string, period: { from: string; to: string }, regionCode: string | null | undefined) {
    const b = this.dataSource
      .getRepository(PolicyEntitlementEntity)
      .createQueryBuilder('e')
      .where('e.policyId = :policyId', { policyId })
      .andWhere("e.status = 'ENTITLED'")
      .andWhere('e.triggeredOn BETWEEN :from AND :to', { from: period.from, to: period.to });
    if (regionCode) b.andWhere("e.regionCode LIKE :stem || '%'", { stem: regionCode.replace(/(00)+$/, '') || regionCode });
    return b;
  }

  /**
   * 免申即享 payout list of one policy: every entitled organization (not superseded) whose trigger
   * falls in the period, in the region (and everything under it), newest first, with what is due
   * now and the decisions taken.
   */
  async payoutList(policyId: string, period: { from: string; to: string }, regionCode: string | null | undefined, first: number, after?: string | null): Promise<PayoutPage> {
    checkPageSize(first);
    const policy = this.checkFilter(policyId, period, regionCode);
    const qb = () => this.payoutLines(policyId, period, regionCode);
    const totalCount = await qb().getCount();
    const page = await fetchKeysetPage(qb().orderBy('e.createdAt', 'DESC').addOrderBy('e.id', 'DESC'), 'e', 'policy_entitlements', first, after);
    const payouts = await this.payoutsOf(page.rows.map((r) => r.id));
    return {
      totalCount,
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      rows: page.rows.map((e) => this.line(e, policy, payouts.get(e.id) ?? [])),
    };
  }

  /** Every line of a payout list (the XLSX export), bounded at 20,000 lines. */
  async payoutListAll(policyId: string, period: { from: string; to: string }, regionCode?: string | null): Promise<PayoutLine[]> {
    const policy = this.checkFilter(policyId, period, regionCode);
    const rows = await this.payoutLines(policyId, period, regionCode).orderBy('e.createdAt', 'DESC').addOrderBy('e.id', 'DESC').take(20_000).getMany();
    const payouts = await this.payoutsOf(rows.map((r) => r.id));
    return rows.map((e) => this.line(e, policy, payouts.get(e.id) ?? []));
  }

  /** One line by entitlement id (after a decision). */
  async lineById(entitlementId: string): Promise<PayoutLine> {
    const e = await this.dataSource.getRepository(PolicyEntitlementEntity).findOneBy({ id: entitlementId });
    if (!e) throw notFound(`应享奖励 ${entitlementId} 不存在 (entitlement not found)`);
    return this.line(e, this.policy(e.policyId), (await this.payoutsOf([e.id])).get(e.id) ?? []);
  }

  private line(e: PolicyEntitlementEntity, policy: Policy, payouts: PolicyPayoutEntity[]): PayoutLine {
    const decided = new Set(payouts.map((p) => p.trancheIndex));
    const due = e.tranches.reduce((s, t, i) => s + (t.status === 'DUE' && !decided.has(i) ? t.amount : 0), 0);
    return { entitlement: e, policy, amountDue: due, payouts };
  }

  /** Totals of a policy's entitlements by region (county), for the period. */
  async totals(policyId: string, period: { from: string; to: string }, regionCode?: string | null): Promise<PayoutTotals[]> {
    this.checkFilter(policyId, period, regionCode);
    const rows: Array<{ region_code: string; organizations: string; entitled: string; paid: string; withheld: string }> = await this.dataSource.query(
      `SELECT e.region_code, count(DISTINCT e.organization_id) AS organizations, COALESCE(sum(e.amount), 0) AS entitled,
              COALESCE(sum((SELECT sum(p.amount) FROM policy_payouts p WHERE p.entitlement_id = e.id AND p.decision = 'PAID')), 0) AS paid,
              COALESCE(sum((SELECT count(*) FROM policy_payouts p WHERE p.entitlement_id = e.id AND p.decision = 'WITHHELD')), 0) AS withheld
         FROM policy_entitlements e
        WHERE e.policy_id = $1 AND e.status = 'ENTITLED' AND e.triggered_on BETWEEN $2 AND $3 AND ($4::text IS NULL OR e.region_code LIKE $4 || '%')
        GROUP BY e.region_code ORDER BY e.region_code`,
      [policyId, period.from, period.to, regionCode ? regionCode.replace(/(00)+$/, '') || regionCode : null],
    );
    return rows.map((r) => ({ policyId, regionCode: r.region_code, organizations: Number(r.organizations), entitled: Number(r.entitled), paid: Number(r.paid), withheld: Number(r.withheld) }));
  }

  /**
   * Marks one tranche of an entitlement paid (date, reference, the amount actually paid, at most
   * what is due) or withheld (coded reason). One decision per tranche (a second is CONFLICT). The
   * firm is re-evaluated in the same transaction: a paid amount feeds 就高不重复 and 配套 policies.
   */
  async decide(
    manager: EntityManager,
    actor: Actor | undefined,
    input: { entitlementId: string; trancheIndex?: number | null; decision: 'PAID' | 'WITHHELD'; paidOn?: string | null; reference?: string | null; amount?: number | null; reasonCode?: string | null; reasonText?: string | null },
  ): Promise<{ payout: PolicyPayoutEntity; entitlement: PolicyEntitlementEntity }> {
    authorizeKind(actor, input.decision === 'PAID' ? 'markPolicyPayoutPaid' : 'withholdPolicyPayout');
    const id = parseId(input.entitlementId, 'entitlementId');
    const index = input.trancheIndex ?? 0;
    if (!Number.isInteger(index) || index < 0 || index > 9) throw badInput('trancheIndex 须为 0–9 的整数（0 为首期）(trancheIndex must be 0–9)', 'trancheIndex');
    const e = await manager.findOne(PolicyEntitlementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw notFound(`应享奖励 ${id} 不存在 (entitlement not found)`);
    const policy = this.policy(e.policyId);
    if (e.status !== 'ENTITLED') throw conflict(`该项与同组较高奖励就高不重复，不予发放 (superseded by a higher reward of its group)`, 'entitlementId');
    const tranche = e.tranches[index];
    if (!tranche) throw badInput(`“${policy.name}”的该项奖励只有 ${e.tranches.length} 期（trancheIndex 0–${e.tranches.length - 1}）(no such tranche)`, 'trancheIndex');
    const earlier = await manager.findOne(PolicyPayoutEntity, { where: { entitlementId: id, trancheIndex: index } });
    if (earlier) {
      const what = earlier.decision === 'PAID' ? `已于 ${earlier.paidOn} 标记为已发放（凭证 ${earlier.reference}）` : `已标记为暂缓发放`;
      throw conflict(`“${policy.name}”该期（${tranche.label}）${what}，不能重复标记 (this tranche was already decided)`, 'entitlementId');
    }
    let row: Partial<PolicyPayoutEntity>;
    if (input.decision === 'PAID') {
      if (tranche.status !== 'DUE') throw conflict(`“${policy.name}”该期（${tranche.label}）尚未到期或已取消，不能标记为已发放 (tranche not due)`, 'trancheIndex');
      const paidOn = checkDay(input.paidOn ?? '', 'paidOn');
      if (paidOn > todayInShanghai()) throw badInput(`发放日期 ${paidOn} 晚于今天 (paidOn is in the future)`, 'paidOn');
      const reference = (input.reference ?? '').trim();
      if (reference.length < 1 || reference.length > 64) throw badInput('请填写 1–64 个字符的拨付凭证号 (reference must be 1–64 characters)', 'reference');
      const amount = input.amount ?? tranche.amount;
      if (!Number.isSafeInteger(amount) || amount < 1 || amount > Math.min(tranche.amount, MAX_AMOUNT)) {
        throw badInput(`实际发放金额须为 1 至 ${tranche.amount} 元的整数（该期应发 ${tranche.amount} 元）(amount must be whole 元, at most the tranche)`, 'amount');
      }
      row = { decision: 'PAID', amount, paidOn, reference, reasonCode: null, reasonText: null };
    } else {
      const text = input.reasonText?.trim() || null;
      if (text && text.length > 200) throw badInput('理由说明不超过 200 个字符 (reasonText: at most 200 characters)', 'reasonText');
      const problem = describeWithholdReasonProblem(input.reasonCode, text);
      if (problem) throw badInput(problem, 'reasonCode');
      row = { decision: 'WITHHELD', amount: 0, paidOn: null, reference: null, reasonCode: input.reasonCode!, reasonText: text };
    }
    const payout = await manager.save(
      manager.create(PolicyPayoutEntity, { ...row, entitlementId: id, organizationId: e.organizationId, policyId: e.policyId, trancheIndex: index, decidedBy: actor!.userId }),
    );
    if (input.decision === 'PAID') await this.evaluate([e.organizationId], todayInShanghai(), manager);
    return { payout, entitlement: (await manager.findOne(PolicyEntitlementEntity, { where: { id } })) ?? e };
  }

  /**
   * The bureau records an accepted 揭榜 application's project facts (class, planned and actual
   * investment, 验收): the bases of the 揭榜 reward policies. Only what is given changes; the firm is
   * re-evaluated in the same transaction.
   */
  async recordChallengeProject(
    manager: EntityManager,
    actor: Actor | undefined,
    input: { applicationId: string; category?: string | null; plannedInvestment?: number | null; actualInvestment?: number | null; completedOn?: string | null; completionPassed?: boolean | null },
  ): Promise<ChallengeProjectRecordEntity> {
    authorizeKind(actor, 'recordChallengeProjectFacts');
    const id = parseId(input.applicationId, 'applicationId');
    const [app]: Array<{ org: string; status: string; accepted_on: string | null }> = await manager.query(
      `SELECT applicant_organization_id AS org, status, to_char(decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS accepted_on FROM challenge_applications WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!app) throw notFound(`揭榜申请 ${id} 不存在 (challenge application not found)`);
    if (app.status !== 'ACCEPTED') throw conflict('只有已接受（立项）的揭榜申请才能登记项目投入与验收 (only an ACCEPTED application is a project)', 'applicationId');
    if (input.category != null && input.category !== 'INDUSTRIAL' && input.category !== 'AGRICULTURAL_SOCIAL') {
      throw badInput('项目类别须为 INDUSTRIAL（工业类）或 AGRICULTURAL_SOCIAL（农业和社会发展类）(category)', 'category');
    }
    for (const field of ['plannedInvestment', 'actualInvestment'] as const) {
      const v = input[field];
      if (v != null && (!Number.isSafeInteger(v) || v < 0 || v > MAX_AMOUNT)) throw badInput(`${field === 'plannedInvestment' ? '计划投入' : '实际投入'}须为 0 至 100亿 的整数元 (${field}: whole 元 within range)`, field);
    }
    const today = todayInShanghai();
    if (input.completedOn != null) {
      if (input.completionPassed == null) throw badInput('登记验收日期时须同时登记验收是否通过 (completionPassed is required with completedOn)', 'completionPassed');
      checkDay(input.completedOn, 'completedOn');
      if (input.completedOn > today) throw badInput(`验收日期 ${input.completedOn} 晚于今天 (completedOn is in the future)`, 'completedOn');
      if (app.accepted_on && input.completedOn < app.accepted_on) throw badInput(`验收日期 ${input.completedOn} 早于立项日期 ${app.accepted_on} (completedOn before acceptance)`, 'completedOn');
    } else if (input.completionPassed != null) {
      throw badInput('登记验收结果时须同时登记验收日期 (completedOn is required with completionPassed)', 'completedOn');
    }
    const existing = await manager.findOne(ChallengeProjectRecordEntity, { where: { applicationId: id } });
    const row = manager.create(ChallengeProjectRecordEntity, {
      ...(existing ?? {}),
      applicationId: id,
      organizationId: app.org,
      recordedBy: actor!.userId,
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.plannedInvestment !== undefined ? { plannedInvestment: input.plannedInvestment } : {}),
      ...(input.actualInvestment !== undefined ? { actualInvestment: input.actualInvestment, actualRecordedOn: input.actualInvestment === null ? null : today } : {}),
      ...(input.completedOn !== undefined ? { completedOn: input.completedOn, completionPassed: input.completionPassed ?? null } : {}),
    });
    const saved = await manager.save(row);
    await this.evaluate([app.org], today, manager);
    return saved;
  }

  /**
   * AUTHORITY: records that a verified service institution was selected as 优质服务机构 in `year`
   * with the award the bureau decided (whole 元), or corrects that year's record; the institution's
   * rewards are evaluated in the same transaction.
   */
  async recordServiceProviderSelection(
    manager: EntityManager,
    actor: Actor | undefined,
    input: { organizationId: string; year: number; award: number; selectedOn?: string | null },
  ): Promise<ServiceProviderSelectionEntity> {
    authorizeKind(actor, 'recordServiceProviderSelection');
    const organizationId = parseId(input.organizationId, 'organizationId');
    const today = todayInShanghai();
    const thisYear = Number(today.slice(0, 4));
    if (!Number.isSafeInteger(input.year) || input.year < 2018 || input.year > thisYear) throw badInput(`评选年度须为 2018 至 ${thisYear} 年 (year within 2018–${thisYear})`, 'year');
    if (!Number.isSafeInteger(input.award) || input.award < 1 || input.award > MAX_AMOUNT) throw badInput('核定奖励须为 1 至 100亿 的整数元 (award: whole 元 within 1–10^10)', 'award');
    const selectedOn = input.selectedOn ?? today;
    checkDay(selectedOn, 'selectedOn');
    if (selectedOn > today) throw badInput(`公布日期 ${selectedOn} 晚于今天 (selectedOn is in the future)`, 'selectedOn');
    if (Number(selectedOn.slice(0, 4)) < input.year) throw badInput(`公布日期 ${selectedOn} 早于评选年度 ${input.year} 年 (selectedOn before the selection's year)`, 'selectedOn');
    const [org]: Array<{ kind: string; verified: boolean }> = await manager.query('SELECT kind, verified FROM organizations WHERE id = $1 FOR SHARE', [organizationId]);
    if (!org) throw notFound(`机构 ${organizationId} 不存在 (organization not found)`);
    if (org.kind !== 'SERVICE_PROVIDER') throw badInput('只有服务机构可以入选优质服务机构 (only a SERVICE_PROVIDER can be selected)', 'organizationId');
    if (!org.verified) throw conflict('该服务机构尚未通过认证，认证后才能登记评选结果 (the institution is not verified)', 'organizationId');
    const existing = await manager.findOne(ServiceProviderSelectionEntity, { where: { organizationId, year: input.year } });
    const saved = await manager.save(
      manager.create(ServiceProviderSelectionEntity, { ...(existing ?? {}), organizationId, year: input.year, selectedOn, awardYuan: input.award, recordedBy: actor!.userId }),
    );
    await this.evaluate([organizationId], today, manager);
    return saved;
  }

  /**
   * What-if (AUTHORITY): the draft policy (a new one, or a shipped one with new parameters) against
   * every current firm — how many would benefit and what it would cost in total, before publishing.
   */
  async whatIf(actor: Actor, draft: Policy, asOf = todayInShanghai()): Promise<WhatIfResult> {
    authorizeQuery(actor, 'policyWhatIf');
    const set: PolicySet = { version: `draft-${this.policySet.version}`, policies: [...this.policySet.policies.filter((p) => p.id !== draft.id), draft] };
    const problems = policySetProblems(set).filter((p) => p.policyId === draft.id || draft.stackingGroup !== undefined);
    if (problems.length > 0) throw badInput(problems[0]!.message, `draft.${problems[0]!.field}`);
    const only = new Set([draft.id]);
    let beneficiaries = 0;
    let cost = 0;
    let evaluated = 0;
    for await (const ids of this.allOrganizationIds(2_000)) {
      const facts = await loadRewardFacts(this.dataSource, ids);
      for (const f of facts.values()) {
        evaluated++;
        const owed = evaluateRewards(set, f, asOf, only).entitlements.reduce((s, e) => s + e.amount, 0);
        if (owed > 0) {
          beneficiaries++;
          cost += owed;
        }
      }
    }
    return { beneficiaries, cost, evaluated };
  }
}

export { amountDue };
