import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, asPatchError, forbidden, mergePatch, notFound, parseId, recordEvent, recordEvents, todayInShanghai, type Patch } from '../../platform/src/index.js';
import { authorizeKind, authorizeQuery, seesRow, OrganizationEntity } from '../../identity/src/index.js';
import type { Actor } from '../../identity/src/index.js';
import { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
import { EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { validateProfile, type ProfileCommand } from './profile-input.js';
import { provenanceAfterOwnEdit, sameTitle, type TitleProvenance } from './title-provenance.js';
import { SKIPPED_RESCORING, scoringChanges, type SkippedRescoring } from './scoring-relevance.js';

/**
 * {@link hidesAuthorityData}'s input read inside another context's statement (one round trip fewer):
 * the `imported_at` of the profile of the organization in parameter `organizationIdSql`, null when
 * it has none or nothing was imported. Pass it to hidesAuthorityData as the profile's importedAt.
 */
export const profileImportedAtSql = (organizationIdSql: string): string => `(SELECT ep.imported_at FROM enterprise_profiles ep WHERE ep.organization_id = ${organizationIdSql})`;

/**
 * A USCC is a claim until the AUTHORITY verifies it: a profile the AUTHORITY imported (its figures,
 * its certified title, and the assessments computed from them) is not shown to, or replaced by,
 * its own organization while that organization is not VERIFIED. The AUTHORITY and organizations
 * the enterprise shared its profile with are not affected. Pure.
 */
export function hidesAuthorityData(actor: Pick<Actor, 'organizationId' | 'kind' | 'verified'>, profile: Pick<EnterpriseProfileEntity, 'organizationId' | 'importedAt'>): boolean {
  return actor.kind !== 'AUTHORITY' && actor.organizationId === profile.organizationId && !actor.verified && profile.importedAt !== null;
}

function authorityDataHidden(): AppError {
  return new AppError(
    'FORBIDDEN',
    '本企业档案含主管部门导入的数据，机构通过主管部门审核后方可查看或修改 (this profile holds data imported by the AUTHORITY; it is available once your organization is verified)',
  );
}

/** Fields the whole profile input requires: a patch cannot clear them (ADR 0031). */
const PROFILE_REQUIRED = ['industryCode', 'tier', 'foundedOn', 'mainBusinessSince', 'mainProducts', 'capabilities', 'certifications', 'financials', 'ipAssets', 'serviceNeeds'] as const;

/** 一企一档: enterprise profiles with their yearly financials. */
@Injectable()
export class EnterpriseProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** Advances the match rows of a write that skips rescoring (libs/matching provides it; ADR 0044). */
    @Optional() @Inject(SKIPPED_RESCORING) private readonly skippedRescoring?: SkippedRescoring,
  ) {}

  /** The caller's own profile: ENTERPRISE only; creates or replaces it, financial years included. */
  async upsertOwn(manager: EntityManager, actor: Actor | undefined, input: ProfileCommand): Promise<EnterpriseProfileEntity> {
    authorizeKind(actor, 'upsertEnterpriseProfile');
    const command = validateProfile(input, todayInShanghai());
    const existing = await this.lockForWrite(manager, actor!.organizationId);
    // Replacing it would hand the bureau's figures back in the answer and overwrite them unreviewed.
    if (existing && hidesAuthorityData(actor!, existing)) throw authorityDataHidden();
    return this.write(manager, actor!.organizationId, command, actor!.userId, { existing });
  }

  /**
   * The partial form beside {@link upsertOwn} (issue 24, ADR 0031): fields absent keep their value,
   * null clears an optional one, a value replaces it (a list or a nested object such as `ipAssets`
   * or `financials` is replaced whole). The merged profile is validated as a whole; there must be
   * one already (the first one is written whole).
   */
  async patchOwn(manager: EntityManager, actor: Actor | undefined, patch: Patch<ProfileCommand>): Promise<EnterpriseProfileEntity> {
    authorizeKind(actor, 'patchEnterpriseProfile');
    const existing = await this.lockForWrite(manager, actor!.organizationId);
    if (!existing) throw notFound('尚未填写企业档案：第一次请用 upsertEnterpriseProfile 填写完整档案 (no profile yet: write the whole profile first with upsertEnterpriseProfile)');
    if (hidesAuthorityData(actor!, existing)) throw authorityDataHidden();
    const years = await manager.find(EnterpriseFinancialsEntity, { where: { organizationId: actor!.organizationId }, order: { year: 'ASC' } });
    const current: ProfileCommand = {
      industryCode: existing.industryCode,
      tier: existing.tier,
      tierCertifiedOn: existing.tierCertifiedOn,
      foundedOn: existing.foundedOn,
      mainBusinessSince: existing.mainBusinessSince,
      mainProducts: existing.mainProducts,
      capabilities: existing.capabilities,
      certifications: existing.certifications,
      financials: years.map((y) => ({
        year: y.year,
        revenue: y.revenue,
        mainBusinessRevenue: y.mainBusinessRevenue,
        rdExpense: y.rdExpense,
        netProfit: y.netProfit,
        totalAssets: y.totalAssets,
        totalLiabilities: y.totalLiabilities,
        employees: y.employees,
        rdEmployees: y.rdEmployees,
        equityFinancing: y.equityFinancing,
      })),
      ipAssets: {
        inventionPatents: existing.inventionPatents,
        utilityModels: existing.utilityModels,
        designPatents: existing.designPatents,
        softwareCopyrights: existing.softwareCopyrights,
        trademarks: existing.trademarks,
      },
      financingNeed: existing.financingNeed,
      serviceNeeds: existing.serviceNeeds,
      spaceNeed: existing.spaceNeed,
      tierFacts: existing.tierFacts,
    };
    const merged = mergePatch(current, patch, PROFILE_REQUIRED);
    let command: ProfileCommand;
    try {
      command = validateProfile(merged, todayInShanghai(), 'patch');
    } catch (err) {
      throw asPatchError(err);
    }
    return this.write(manager, actor!.organizationId, command, actor!.userId, { existing });
  }

  /**
   * Writes a validated profile for `organizationId` in the caller's transaction: the profile row,
   * its financial years (replaced as a set) and one `enterprise-profile.changed` event. A caller
   * that already holds the organization and profile locks passes `locked` with the profile it
   * read, and the two lookups are not repeated. The bulk import writes through {@link writeImported}.
   *
   * The title's provenance (DOMAIN.md §8.10): `titleAs` lets trusted
   * writers without a user (demo data) state it; any other writer is the firm itself, whose new
   * title is a CLAIM (the same tier and date as stored keep their provenance).
   */
  async write(
    manager: EntityManager,
    organizationId: string,
    command: ProfileCommand,
    actorUserId: string | null,
    locked?: { existing: EnterpriseProfileEntity | null },
    titleAs?: Extract<TitleProvenance, 'CONFIRMED' | 'IMPORTED'>,
  ): Promise<EnterpriseProfileEntity> {
    const existing = locked ? locked.existing : await this.lockForWrite(manager, organizationId);
    const { financials } = command;
    const profile = profileRow(manager, { organizationId, command, existing }, actorUserId, false, titleAs, new Date());
    delete profile.financials;
    const before = existing ? { profile: { ...existing }, years: await manager.find(EnterpriseFinancialsEntity, { where: { organizationId } }) } : null;
    const saved = await manager.save(profile);
    await manager.delete(EnterpriseFinancialsEntity, { organizationId });
    const years = financialRows(manager, organizationId, financials);
    if (years.length > 0) await manager.insert(EnterpriseFinancialsEntity, years);
    // Rescoring and reassessment are queued only when the write changes what they read (ADR 0044).
    const changes = scoringChanges(before, { profile, years });
    const skipJobs = [...(changes.tiers ? [] : (['tiers.assess-enterprise'] as const)), ...(changes.matching ? [] : (['matching.rescore-enterprise'] as const))];
    // The match rows of the previous version are those a rescoring would write now: they move to this version with the write.
    if (!changes.matching && before) await this.skippedRescoring?.advance(manager, organizationId, before.profile.version, saved.version);
    await recordEvent(manager, {
      type: 'enterprise-profile.changed',
      aggregateType: 'enterprise-profile',
      aggregateId: organizationId,
      data: { organizationId, version: saved.version, ...(skipJobs.length ? { skipJobs } : {}) },
      actorUserId,
    });
    // What was just written, newest first (no generated columns to read back).
    saved.financials = [...years].sort((a, b) => b.year - a.year);
    return saved;
  }

  /**
   * The bulk import's {@link write} of many profiles in the caller's transaction, set-based: one
   * upsert of the profile rows, one delete and one insert of their financial years, one insert of
   * their `enterprise-profile.changed` events (bulk lane, ADR 0017). The caller holds the
   * organizations' and profiles' locks and passes each profile it read (`existing`, null for a new
   * one); titles are recorded IMPORTED. Returns the version written per organization.
   */
  async writeImported(manager: EntityManager, items: readonly ProfileWrite[], actorUserId: string | null): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (items.length === 0) return versions;
    const now = new Date();
    const profiles = items.map((item) => {
      const profile = profileRow(manager, item, actorUserId, true, undefined, now);
      delete profile.financials;
      // An upsert writes every column: the stamp a save would set on update.
      profile.updatedAt = now;
      versions.set(item.organizationId, profile.version);
      return profile;
    });
    const metadata = manager.connection.getMetadata(EnterpriseProfileEntity);
    const updated = metadata.columns.filter((c) => !c.isPrimary && !c.isCreateDate && !c.relationMetadata).map((c) => c.databaseName);
    // PostgreSQL binds at most 65,535 parameters per statement: a profile row takes about 40, a year row 11.
    for (let at = 0; at < profiles.length; at += BULK_ROWS) {
      const slice = profiles.slice(at, at + BULK_ROWS);
      await manager.createQueryBuilder().insert().into(EnterpriseProfileEntity).values(slice).orUpdate(updated, ['organization_id']).updateEntity(false).execute();
    }
    const ids = items.map((i) => i.organizationId);
    await manager.query(`DELETE FROM enterprise_financials WHERE organization_id = ANY($1::uuid[])`, [ids]);
    const years = items.flatMap((i) => financialRows(manager, i.organizationId, i.command.financials));
    for (let at = 0; at < years.length; at += 4 * BULK_ROWS) {
      await manager.createQueryBuilder().insert().into(EnterpriseFinancialsEntity).values(years.slice(at, at + 4 * BULK_ROWS)).updateEntity(false).execute();
    }
    await recordEvents(
      manager,
      items.map(({ organizationId }) => ({
        type: 'enterprise-profile.changed' as const,
        aggregateType: 'enterprise-profile',
        aggregateId: organizationId,
        data: { organizationId, version: versions.get(organizationId)! },
        actorUserId,
        lane: 'bulk' as const,
      })),
    );
    return versions;
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
    // The grant is asked only of callers the profile is not open to anyway (one query saved).
    const granted = !seesRow(actor, 'enterpriseProfile', { parties: [id] }) && ((await sharedWithCaller?.(id)) ?? false);
    authorizeQuery(actor, 'enterpriseProfile', { parties: [id], granted });
    const profile = await this.load(id);
    if (profile && hidesAuthorityData(actor, profile)) throw authorityDataHidden();
    return profile;
  }

  /** Whether the caller's own profile holds AUTHORITY data it may not read ({@link hidesAuthorityData}). */
  async hidesAuthorityDataFrom(actor: Actor): Promise<boolean> {
    const profile = await this.dataSource.getRepository(EnterpriseProfileEntity).findOne({ where: { organizationId: actor.organizationId }, select: { organizationId: true, importedAt: true } });
    return profile !== null && hidesAuthorityData(actor, profile);
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

/** Rows per multi-row statement of {@link EnterpriseProfileService.writeImported} (well within PostgreSQL's 65,535 parameters). */
export const BULK_ROWS = 500;

/** One profile to write: its organization, the validated command, and the stored profile (read under lock) or null. */
export interface ProfileWrite {
  organizationId: string;
  command: ProfileCommand;
  existing: EnterpriseProfileEntity | null;
}

/**
 * The profile row a write stores (without its financial years): the command over the stored
 * profile, version + 1, the title's provenance (DOMAIN.md §8.10: `imported` records IMPORTED,
 * `titleAs` a trusted writer's statement, otherwise the firm's own claim), the import stamp, and a
 * pending re-review dropped when the title changed.
 */
function profileRow(
  manager: EntityManager,
  { organizationId, command, existing }: ProfileWrite,
  actorUserId: string | null,
  imported: boolean,
  titleAs: Extract<TitleProvenance, 'CONFIRMED' | 'IMPORTED'> | undefined,
  now: Date,
): EnterpriseProfileEntity {
  const { financials: _years, ipAssets, ...fields } = command;
  const tierCertifiedOn = fields.tierCertifiedOn ?? null;
  const stated = imported ? 'IMPORTED' : titleAs;
  const provenance = fields.tier === 'NONE' ? null : (stated ?? provenanceAfterOwnEdit(existing, fields.tier, tierCertifiedOn));
  // Unchanged provenance keeps who set it and when (and a rejection its reason).
  const kept =
    stated === undefined && existing !== null && existing.tier === fields.tier && existing.tierCertifiedOn === tierCertifiedOn && provenance === existing.tierProvenance;
  const title = kept
    ? {}
    : {
        tierProvenance: provenance,
        tierProvenanceAt: provenance ? now : null,
        tierProvenanceBy: provenance ? actorUserId : null,
        tierRejectionReason: null,
      };
  const profile = manager.create(EnterpriseProfileEntity, {
    ...(existing ?? {}),
    ...fields,
    ...ipAssets,
    organizationId,
    tierCertifiedOn,
    ...title,
    financingNeed: fields.financingNeed ?? null,
    spaceNeed: fields.spaceNeed ?? null,
    tierFacts: fields.tierFacts ?? {},
    version: (existing?.version ?? 0) + 1,
    ...(imported ? { importedAt: now, importedBy: actorUserId } : {}),
  });
  // A re-review recorded as pending belongs to the title it was recorded for: a new tier or
  // certification date (a renewal, a correction) drops it.
  if (existing && !sameTitle(existing, profile.tier, profile.tierCertifiedOn)) profile.tierReviewPendingUntil = null;
  return profile;
}

/** The rows of an organization's financial years. */
function financialRows(manager: EntityManager, organizationId: string, financials: ProfileCommand['financials']): EnterpriseFinancialsEntity[] {
  return financials.map((y) =>
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
}
