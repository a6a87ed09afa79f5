import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, badInput, conflict, notFound, parseId, recordEvent, todayInShanghai } from '../../platform/src/index.js';
import { authorizeKind, OrganizationEntity, validateReason } from '../../identity/src/index.js';
import type { Actor } from '../../identity/src/index.js';
import { EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { ENTERPRISE_TIERS, type EnterpriseTier } from './enterprise-tier.js';
import { isoDate } from './profile-input.js';
import { TitleDecisionEntity, type TitleDecisionOutcome } from './title-decision.entity.js';
import { sameTitle, titleCounts } from './title-provenance.js';

export interface TitleDecisionResult {
  profile: EnterpriseProfileEntity;
  /** Null when nothing changed (confirming the title already confirmed or imported). */
  decision: TitleDecisionEntity | null;
}

/**
 * The AUTHORITY's decisions on an enterprise's certified title (DOMAIN.md §8.10): confirm a title
 * (the claimed one, or the one the bureau knows: tier and date as the AUTHORITY states them), or
 * reject the firm's claim with a reason. Each decision locks the organization and the profile, bumps
 * the profile's version, writes a history row and two outbox events (ids only):
 * `enterprise-profile.changed` (reassessment, match sets) and `enterprise-title.decided` (the notice).
 * All checks run before any write; a refusal writes nothing.
 */
@Injectable()
export class TitleDecisionService {
  async confirm(manager: EntityManager, actor: Actor | undefined, organizationId: string, tier: EnterpriseTier, certifiedOn: string): Promise<TitleDecisionResult> {
    authorizeKind(actor, 'confirmCertification');
    const id = parseId(organizationId, 'organizationId');
    if (!ENTERPRISE_TIERS.includes(tier) || tier === 'NONE') throw badInput('请选择要确认的称号（创新型、专精特新、小巨人或重点小巨人）(tier must be a title, not NONE)', 'tier');
    const day = isoDate(certifiedOn, 'certifiedOn', todayInShanghai());
    const profile = await this.lock(manager, id);
    if (day < profile.foundedOn) throw badInput(`认定日期不能早于企业成立日期 ${profile.foundedOn} (certifiedOn is before foundedOn)`, 'certifiedOn');
    if (sameTitle(profile, tier, day) && titleCounts(profile.tierProvenance)) return { profile, decision: null };
    const claimedTier = profile.tierProvenance === 'CLAIMED' || profile.tierProvenance === 'REJECTED' ? profile.tier : null;
    return this.apply(manager, actor!, profile, 'CONFIRMED', { tier, certifiedOn: day, claimedTier, reason: null });
  }

  async rejectClaim(manager: EntityManager, actor: Actor | undefined, organizationId: string, reason: string): Promise<TitleDecisionResult> {
    authorizeKind(actor, 'rejectCertificationClaim');
    const id = parseId(organizationId, 'organizationId');
    const why = validateReason(reason, 'reason', true)!;
    const profile = await this.lock(manager, id);
    if (profile.tierProvenance !== 'CLAIMED') {
      throw conflict('该企业没有待确认的自报称号（称号未填写、已确认、来自导入名单或已被驳回）(no claimed title to reject)', 'organizationId');
    }
    return this.apply(manager, actor!, profile, 'REJECTED', { tier: profile.tier, certifiedOn: profile.tierCertifiedOn, claimedTier: profile.tier, reason: why });
  }

  private async lock(manager: EntityManager, id: string): Promise<EnterpriseProfileEntity> {
    const org = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound(`机构 ${id} 不存在 (organization not found)`);
    if (org.kind !== 'ENTERPRISE') throw badInput('只有企业机构持有梯度称号 (titles belong to ENTERPRISE organizations)', 'organizationId');
    const profile = await manager.findOne(EnterpriseProfileEntity, { where: { organizationId: id }, lock: { mode: 'pessimistic_write' } });
    if (!profile) throw new AppError('NOT_FOUND', '该企业尚未建立企业档案，无法确认称号 (the enterprise has no profile yet)', { field: 'organizationId' });
    return profile;
  }

  private async apply(
    manager: EntityManager,
    actor: Actor,
    profile: EnterpriseProfileEntity,
    outcome: TitleDecisionOutcome,
    d: { tier: EnterpriseTier; certifiedOn: string | null; claimedTier: EnterpriseTier | null; reason: string | null },
  ): Promise<TitleDecisionResult> {
    const now = new Date();
    const changes: Partial<EnterpriseProfileEntity> = {
      tier: d.tier,
      tierCertifiedOn: d.certifiedOn,
      tierProvenance: outcome,
      tierProvenanceAt: now,
      tierProvenanceBy: actor.userId,
      tierRejectionReason: outcome === 'REJECTED' ? d.reason : null,
      // A pending re-review belongs to the title it was recorded for (§8.2), as on the firm's own edit.
      ...(sameTitle(profile, d.tier, d.certifiedOn) ? {} : { tierReviewPendingUntil: null }),
      version: profile.version + 1,
    };
    await manager.update(EnterpriseProfileEntity, { organizationId: profile.organizationId }, changes);
    Object.assign(profile, changes);
    const decision = await manager.save(
      manager.create(TitleDecisionEntity, {
        organizationId: profile.organizationId,
        outcome,
        tier: d.tier,
        certifiedOn: d.certifiedOn,
        claimedTier: d.claimedTier,
        reason: d.reason,
        decidedBy: actor.userId,
        decidedAt: now,
      }),
    );
    const ids = { organizationId: profile.organizationId };
    await recordEvent(manager, {
      type: 'enterprise-profile.changed',
      aggregateType: 'enterprise-profile',
      aggregateId: profile.organizationId,
      data: { ...ids, version: profile.version },
      actorUserId: actor.userId,
    });
    await recordEvent(manager, {
      type: 'enterprise-title.decided',
      aggregateType: 'enterprise-profile',
      aggregateId: profile.organizationId,
      data: { ...ids, decisionId: decision.id, outcome, profileVersion: profile.version },
      actorUserId: actor.userId,
    });
    return { profile, decision };
  }
}
