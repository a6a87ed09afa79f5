import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVALUATOR_VERSION, RULE_SETS, evaluateTiers, reviewRuleSetFor, reviewedTier, ruleSetInForce, titleStanding, type AssessedTier, type TierOutcome } from '../../tiers/src/index.js';
import { EnterpriseProfileService, EnterpriseProfileEntity, type ReviewRiskValue, profileFacts } from '../../enterprises/src/index.js';
import { todayInShanghai, recordEvent } from '../../platform/src/index.js';
import { highestEligible, reviewRisk } from './assessment-verdicts.js';
import { TierAssessmentEntity } from './tier-assessment.entity.js';
import type { EventLane } from '../../platform/src/index.js';

export interface AssessResult {
  organizationId: string;
  profileVersion: number;
  inserted: number;
  reviewRisk: ReviewRiskValue | null;
}

/** Runs the evaluator for an enterprise, stores the outcomes as history and refreshes its risk. */
@Injectable()
export class TierAssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileService,
  ) {}

  /** Idempotent for a given profile version and day: a replay inserts nothing new. */
  /** `lane`: the lane of the event that asked for it, passed on to `enterprise-assessment.changed` (ADR 0017). */
  async assess(organizationId: string, asOf = todayInShanghai(), lane: EventLane = 'interactive'): Promise<AssessResult | undefined> {
    const profile = await this.profiles.load(organizationId);
    if (!profile) return undefined;
    const facts = profileFacts(profile, asOf);
    const rows: Array<Partial<TierAssessmentEntity>> = [];
    const keep = (outcomes: TierOutcome[], mode: 'NEW' | 'REVIEW', version: string) =>
      outcomes.forEach((o) =>
        rows.push({
          organizationId,
          tier: o.tier,
          ruleSet: o.ruleSet,
          ruleSetVersion: version,
          evaluatorVersion: EVALUATOR_VERSION,
          mode,
          profileVersion: profile.version,
          asOf,
          eligible: o.eligible,
          verdict: o.verdict,
          score: o.score ?? null,
          maxScore: o.maxScore ?? null,
          passedBy: o.passedBy ?? null,
          criteria: o.criteria,
          missingData: o.missingData,
        }),
      );
    for (const ruleSet of Object.values(RULE_SETS)) keep(evaluateTiers(ruleSet, facts, { mode: 'NEW' }), 'NEW', ruleSet.version);

    // The title the self-assessment uses (a rejected claim is none); a claim is re-reviewed for the firm's own view only.
    const tier = reviewedTier(facts.certifiedTier);
    let review: TierOutcome | undefined;
    // A lapsed title is not re-reviewed: it is no longer held (§8.2). A pending re-review keeps it.
    const standing = titleStanding({ tier: profile.tier, certifiedOn: profile.tierCertifiedOn, reviewPendingUntil: profile.tierReviewPendingUntil }, asOf);
    // The rules in force on the re-review date (the expiry), or a campaign row's (§8.4).
    const choice = profile.tierCertifiedOn ? reviewRuleSetFor({ tier: profile.tier, certifiedOn: profile.tierCertifiedOn }) : undefined;
    if (tier && choice && standing.status !== 'LAPSED') {
      const ruleSet = RULE_SETS[choice.ruleSetId]!;
      const outcomes = evaluateTiers(ruleSet, facts, { mode: 'REVIEW' });
      keep(outcomes, 'REVIEW', ruleSet.version);
      review = outcomes.find((o) => o.tier === tier);
    }
    const risk = reviewRisk(profile, review, asOf, choice);
    // The AUTHORITY's statistics count only confirmed or imported titles (§8.10): when a claim met a
    // prerequisite, the eligible tier comes from an evaluation without it (not stored).
    const eligibleTier = facts.certifiedTierClaimed ? highestEligible(this.countedOutcomes(profileFacts(profile, asOf, 'counted')), asOf) : highestEligible(rows, asOf);

    return this.dataSource.transaction(async (manager) => {
      const result = await manager.createQueryBuilder().insert().into(TierAssessmentEntity).values(rows).orIgnore().execute();
      if (result.identifiers.some(Boolean)) {
        await recordEvent(manager, {
          type: 'enterprise-assessment.changed',
          aggregateType: 'enterprise-profile',
          aggregateId: organizationId,
          data: { organizationId, profileVersion: profile.version },
          lane,
        });
      }
      // Only the version that was assessed may set the risk; a newer profile gets its own job.
      await manager.update(
        EnterpriseProfileEntity,
        { organizationId, version: profile.version },
        { reviewRisk: risk, reviewRiskExpiresOn: risk?.expiresOn ?? null, eligibleTier },
      );
      return { organizationId, profileVersion: profile.version, inserted: result.identifiers.filter(Boolean).length, reviewRisk: risk };
    });
  }

  /** Application-mode outcomes of every rule set, shaped like stored rows for {@link highestEligible}. */
  private countedOutcomes(facts: ReturnType<typeof profileFacts>): Array<Partial<TierAssessmentEntity>> {
    return Object.values(RULE_SETS).flatMap((ruleSet) =>
      evaluateTiers(ruleSet, facts, { mode: 'NEW' }).map((o) => ({ tier: o.tier, ruleSet: o.ruleSet, mode: 'NEW' as const, eligible: o.eligible })),
    );
  }

  /**
   * Latest application-mode assessment per tier. Without `ruleSet`, each tier under the rule set
   * in force today; with it, every tier under that rule set.
   */
  async latest(organizationIds: readonly string[], ruleSet?: string): Promise<Map<string, TierAssessmentEntity[]>> {
    const today = todayInShanghai();
    const rows: TierAssessmentEntity[] = await this.dataSource
      .getRepository(TierAssessmentEntity)
      .createQueryBuilder('a')
      .distinctOn(['a.organizationId', 'a.ruleSet', 'a.tier'])
      .where('a.organizationId = ANY(:ids)', { ids: [...organizationIds] })
      .andWhere("a.mode = 'NEW'")
      .andWhere(ruleSet ? 'a.ruleSet = :ruleSet' : '1=1', { ruleSet })
      .orderBy('a.organizationId')
      .addOrderBy('a.ruleSet')
      .addOrderBy('a.tier')
      // A slow job for an older profile version may finish last; the newest version wins.
      .addOrderBy('a.profileVersion', 'DESC')
      .addOrderBy('a.computedAt', 'DESC')
      .getMany();
    const byOrg = new Map<string, TierAssessmentEntity[]>(organizationIds.map((id) => [id, []]));
    const order: AssessedTier[] = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'];
    for (const row of rows) {
      if (!ruleSet && row.ruleSet !== ruleSetInForce(row.tier as AssessedTier, today)) continue;
      byOrg.get(row.organizationId)?.push(row);
    }
    for (const list of byOrg.values()) list.sort((a, b) => order.indexOf(a.tier as AssessedTier) - order.indexOf(b.tier as AssessedTier));
    return byOrg;
  }

  /** Ids of every enterprise with a profile, in pages, for the nightly run. */
  async *allProfileIds(pageSize = 1_000): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        'SELECT organization_id AS id FROM enterprise_profiles WHERE organization_id > $1 ORDER BY organization_id LIMIT $2',
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1]!.id;
    }
  }
}

/**
 * `TierAssessmentService.latest` for bulk readers in the caller's transaction (the match sides):
 * each firm's newest application-mode assessment per tier under the rule set in force on `asOf`,
 * one statement per 5,000 firms, ordered INNOVATIVE_SME, SPECIALIZED_SME, LITTLE_GIANT. Only the
 * fields the scorer reads; firms without an assessment are absent.
 */
export async function latestAssessmentsInForce(q: Pick<DataSource, 'query'>, organizationIds: readonly string[], asOf: string): Promise<Map<string, TierAssessmentEntity[]>> {
  const out = new Map<string, TierAssessmentEntity[]>();
  for (let i = 0; i < organizationIds.length; i += 5_000) {
    const rows: Array<Record<string, any>> = await q.query(
      `SELECT DISTINCT ON (organization_id, rule_set, tier) organization_id, rule_set, tier, eligible, criteria
         FROM tier_assessments WHERE organization_id = ANY($1::uuid[]) AND mode = 'NEW'
        ORDER BY organization_id, rule_set, tier, profile_version DESC, computed_at DESC`,
      [organizationIds.slice(i, i + 5_000)],
    );
    for (const r of rows) {
      if (r.rule_set !== ruleSetInForce(r.tier as AssessedTier, asOf)) continue;
      const list = out.get(r.organization_id) ?? [];
      list.push({ organizationId: r.organization_id, tier: r.tier, ruleSet: r.rule_set, eligible: r.eligible, criteria: r.criteria } as TierAssessmentEntity);
      out.set(r.organization_id, list);
    }
  }
  const order: AssessedTier[] = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'];
  for (const list of out.values()) list.sort((a, b) => order.indexOf(a.tier as AssessedTier) - order.indexOf(b.tier as AssessedTier));
  return out;
}
