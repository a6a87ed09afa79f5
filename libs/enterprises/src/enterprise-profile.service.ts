import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, forbidden } from '../../platform/src/errors/app-error.js';
import { parseId } from '../../platform/src/errors/ids.js';
import { recordEvent } from '../../platform/src/outbox/outbox.service.js';
import { todayInShanghai } from '../../platform/src/time/beijing-date.js';
import { authorize } from '../../identity/src/access/authorize.js';
import type { Actor } from '../../identity/src/access/access-policy.js';
import { OrganizationEntity } from '../../identity/src/organizations/organization.entity.js';
import { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
import { EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { validateProfile, type ProfileCommand } from './profile-input.js';


/** 一企一档: enterprise profiles with their yearly financials. */
@Injectable()
export class EnterpriseProfileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's own profile: ENTERPRISE only; creates or replaces it, financial years included. */
  async upsertOwn(manager: EntityManager, actor: Actor | undefined, input: ProfileCommand): Promise<EnterpriseProfileEntity> {
    authorize(actor, 'upsertEnterpriseProfile', { ownerOrganizationId: actor?.organizationId });
    const command = validateProfile(input, todayInShanghai());
    return this.write(manager, actor!.organizationId, command, actor!.userId);
  }

  /**
   * Writes a validated profile for `organizationId` in the caller's transaction: the profile row,
   * its financial years (replaced as a set) and one `enterprise-profile.changed` event. A caller
   * that already holds the organization and profile locks (the bulk import) passes `locked` with
   * the profile it read, and the two lookups are not repeated.
   */
  async write(
    manager: EntityManager,
    organizationId: string,
    command: ProfileCommand,
    actorUserId: string | null,
    locked?: { existing: EnterpriseProfileEntity | null },
  ): Promise<EnterpriseProfileEntity> {
    const existing = locked ? locked.existing : await this.lockForWrite(manager, organizationId);
    const { financials, ipAssets, ...fields } = command;
    const profile = manager.create(EnterpriseProfileEntity, {
      ...(existing ?? {}),
      ...fields,
      ...ipAssets,
      organizationId,
      tierCertifiedOn: fields.tierCertifiedOn ?? null,
      financingNeed: fields.financingNeed ?? null,
      spaceNeed: fields.spaceNeed ?? null,
      tierFacts: fields.tierFacts ?? {},
      version: (existing?.version ?? 0) + 1,
    });
    delete profile.financials;
    const saved = await manager.save(profile);
    await manager.delete(EnterpriseFinancialsEntity, { organizationId });
    const years = financials.map((y) =>
      manager.create(EnterpriseFinancialsEntity, {
        organizationId,
        year: y.year,
        revenue: y.revenue,
        mainBusinessRevenue: y.mainBusinessRevenue,
        rdExpense: y.rdExpense,
        netProfit: y.netProfit ?? null,
        totalAssets: y.totalAssets ?? null,
        totalLiabilities: y.totalLiabilities ?? null,
        employees: y.employees ?? null,
        rdEmployees: y.rdEmployees ?? null,
        equityFinancing: y.equityFinancing ?? null,
      }),
    );
    if (years.length > 0) await manager.insert(EnterpriseFinancialsEntity, years);
    await recordEvent(manager, {
      type: 'enterprise-profile.changed',
      aggregateType: 'enterprise-profile',
      aggregateId: organizationId,
      data: { organizationId, version: saved.version },
      actorUserId,
    });
    // What was just written, newest first (no generated columns to read back).
    saved.financials = [...years].sort((a, b) => b.year - a.year);
    return saved;
  }

  /** Locks the organization (serialising every writer of its profile, the first insert included) and the profile. */
  private async lockForWrite(manager: EntityManager, organizationId: string): Promise<EnterpriseProfileEntity | null> {
    const org = await manager.findOne(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org || org.kind !== 'ENTERPRISE') throw forbidden('只有企业机构可以维护企业档案 (profiles belong to ENTERPRISE organizations)');
    return manager.findOne(EnterpriseProfileEntity, { where: { organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Reads a profile if the caller may: its own organization, an AUTHORITY, or an organization the
   * enterprise shared its profile with (`sharedWithCaller`, answered by the match-request workflow,
   * which this library does not depend on).
   */
  async read(actor: Actor, organizationId: string, sharedWithCaller?: (enterpriseId: string) => Promise<boolean>): Promise<EnterpriseProfileEntity | null> {
    const id = parseId(organizationId, 'organizationId');
    const allowed = actor.organizationId === id || actor.kind === 'AUTHORITY' || ((await sharedWithCaller?.(id)) ?? false);
    if (!allowed) {
      throw new AppError(
        'FORBIDDEN',
        '无权查看该企业档案：仅企业本身、主管部门或企业通过对接申请授权的机构可查看 (not allowed to read this enterprise profile: only the enterprise, the authority, or an organization it shared its profile with through a match request)',
      );
    }
    return this.load(id);
  }

  /** Several profiles with their financial years (two queries); no access check. */
  async loadMany(organizationIds: readonly string[]): Promise<EnterpriseProfileEntity[]> {
    if (organizationIds.length === 0) return [];
    const ids = [...new Set(organizationIds)];
    const [profiles, financials] = await Promise.all([
      this.dataSource.getRepository(EnterpriseProfileEntity).findBy({ organizationId: In(ids) }),
      this.dataSource.getRepository(EnterpriseFinancialsEntity).find({ where: { organizationId: In(ids) }, order: { year: 'DESC' } }),
    ]);
    const byOrganization = new Map<string, EnterpriseFinancialsEntity[]>();
    for (const f of financials) byOrganization.set(f.organizationId, [...(byOrganization.get(f.organizationId) ?? []), f]);
    for (const p of profiles) p.financials = byOrganization.get(p.organizationId) ?? [];
    return profiles;
  }

  /** The profile with its financial years, newest first; no access check (workers, internal use). */
  async load(organizationId: string): Promise<EnterpriseProfileEntity | null> {
    const profile = await this.dataSource.getRepository(EnterpriseProfileEntity).findOneBy({ organizationId });
    if (!profile) return null;
    profile.financials = await this.dataSource
      .getRepository(EnterpriseFinancialsEntity)
      .find({ where: { organizationId }, order: { year: 'DESC' } });
    return profile;
  }
}
