/**
 * The importer: upserts the enterprises of parsed rows by USCC, set-based. The rows of one call (the
 * run's batch of 100 enterprises, or a whole small file from the synchronous mutation) are checked
 * without the database first (import-rows.ts); the enterprises that pass are written in ONE
 * transaction with a fixed number of statements whatever their count — the organizations locked in
 * USCC order, their profiles, financial years and users read by set, claim conflicts recorded, new
 * organizations inserted, profiles upserted, years replaced and events written each in one
 * statement (issue 14: about ten round trips per enterprise made a 5,000-row sheet take a minute).
 *
 * An enterprise the profile validation refuses is reported row by row and skipped; the others are
 * kept. Re-running the same file changes nothing (UNCHANGED: no new version, no event). Two imports
 * creating the same organization at once: the loser's transaction fails on the USCC's unique index
 * and is retried once, finding it.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, inTransaction, isUniqueViolation, recordEvents, todayInShanghai } from '../../../platform/src/index.js';
import { OrganizationEntity, ORGANIZATION_KIND_LABELS, VERIFICATION_STATE_LABELS } from '../../../identity/src/index.js';
import { EnterpriseFinancialsEntity } from '../enterprise-financials.entity.js';
import { EnterpriseProfileEntity, ipAssetsOf } from '../enterprise-profile.entity.js';
import { BULK_ROWS, EnterpriseProfileService, type ProfileWrite } from '../enterprise-profile.service.js';
import { validateProfile, type AnnualFinancialsCommand, type ProfileCommand } from '../profile-input.js';
import { titleCounts } from '../title-provenance.js';
import type { RawRow } from './enterprise-sheet.js';
import {
  groupRows,
  prepareGroups,
  rejectGroup,
  type ContactKey,
  type ImportedFirm,
  type ImportOptions,
  type ImportReport,
  type Prepared,
  type Rejected,
} from './import-rows.js';

/** What the database decides for one prepared enterprise. */
type Decision =
  | (Rejected & { uscc: string })
  /** Unchanged figures; the contact columns may still fill an organization without an account (UPDATED). */
  | { uscc: string; firm: ImportedFirm; contact?: { organizationId: string; changes: Prepared['contact'] } }
  /** To be written: a new organization (org null) or an existing one, with the profile it had. */
  | { uscc: string; write: { p: Prepared; org: OrganizationEntity | null; command: ProfileCommand; existing: EnterpriseProfileEntity | null; contactChanges: Prepared['contact'] } };

@Injectable()
export class EnterpriseImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileService,
  ) {}

  /** Imports `rows` in one transaction of its own (the synchronous mutation); see {@link importIn}. */
  async import(rows: readonly RawRow[], options: ImportOptions): Promise<ImportReport> {
    return this.inTransaction((m) => this.importIn(m, rows, options));
  }

  /**
   * Runs `work` in a READ COMMITTED transaction; when another import created one of the same
   * organizations meanwhile (the USCC's unique index), once more: the retry finds it.
   */
  async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return inTransaction(this.dataSource, work);
    }
  }

  /** Imports `rows` in the caller's transaction (a run records its batch's progress in the same one). */
  async importIn(manager: EntityManager, rows: readonly RawRow[], options: ImportOptions): Promise<ImportReport> {
    const today = options.today ?? todayInShanghai();
    const report: ImportReport = { total: rows.length, created: 0, updated: 0, unchanged: 0, rejectedRows: 0, rejected: [], firms: [], claimConflicts: 0 };

    const { rejected, prepared } = prepareGroups(groupRows(rows));
    report.rejected.push(...rejected);

    const results = prepared.length > 0 ? await this.upsertAll(manager, prepared, today, options.actorUserId) : [];
    for (const result of results) {
      if ('rejected' in result) {
        const mark = result.claimConflict ? { claimConflict: true as const } : result.notEnterprise ? { notEnterprise: true as const } : null;
        report.rejected.push(...(mark ? result.rejected.map((r) => ({ ...r, ...mark })) : result.rejected));
        if (result.claimConflict) report.claimConflicts += 1;
        continue;
      }
      report.firms.push(result);
      if (result.outcome === 'CREATED') report.created += 1;
      else if (result.outcome === 'UPDATED') report.updated += 1;
      else report.unchanged += 1;
    }
    report.rejected.sort((a, b) => a.row - b.row);
    report.rejectedRows = new Set(report.rejected.map((r) => r.row)).size;
    return report;
  }

  /** Writes the prepared enterprises in the caller's transaction; one result per enterprise, in their order. */
  private async upsertAll(manager: EntityManager, list: readonly Prepared[], today: string, actorUserId: string | null): Promise<Array<ImportedFirm | Rejected>> {
    // Locks in USCC order, so two imports of overlapping lists wait for each other instead of deadlocking.
    const orgs = await manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .where('o.uscc = ANY(:usccs)', { usccs: list.map((p) => p.uscc) })
      .orderBy('o.uscc')
      .setLock('pessimistic_write')
      .getMany();
    const orgByUscc = new Map(orgs.map((o) => [o.uscc!, o]));
    const enterpriseIds = orgs.filter((o) => o.kind === 'ENTERPRISE' && o.verificationState === 'VERIFIED').map((o) => o.id);
    const [profiles, years, withUsers] = enterpriseIds.length === 0 ? [[], [], new Set<string>()] : await this.storedOf(manager, enterpriseIds);
    const profileOf = new Map(profiles.map((p) => [p.organizationId, p]));
    const yearsOf = new Map<string, EnterpriseFinancialsEntity[]>();
    for (const y of years) yearsOf.set(y.organizationId, [...(yearsOf.get(y.organizationId) ?? []), y]);

    const conflicts: Array<{ org: OrganizationEntity; p: Prepared }> = [];
    const decisions = list.map((p): Decision => {
      const org = orgByUscc.get(p.uscc) ?? null;
      if (org && org.kind !== 'ENTERPRISE') {
        return rejectUscc(
          p,
          `该统一社会信用代码已注册为${ORGANIZATION_KIND_LABELS[org.kind]}「${org.name}」，不是企业，不能导入企业档案；请核对代码 ` +
            `(this USCC belongs to a registered organization of another kind (${ORGANIZATION_KIND_LABELS[org.kind]}), not an enterprise)`,
          { notEnterprise: true },
        );
      }
      if (org && org.verificationState !== 'VERIFIED') {
        // A USCC is a claim until the AUTHORITY verifies it: the bureau's figures never go to an
        // unverified claimant. The second claim is recorded for the verification desk.
        conflicts.push({ org, p });
        return rejectUscc(
          p,
          `该统一社会信用代码已被自行注册的机构「${org.name}」申领，该机构尚未通过主管部门审核（${VERIFICATION_STATE_LABELS[org.verificationState]}），` +
            `为防止冒用，本企业数据未导入；已在机构审核台标记该冲突，请先核实该机构 ` +
            `(this USCC is claimed by a registered organization that is not verified (${org.verificationState}); nothing was attached; the conflict is flagged on the verification desk)`,
          { claimConflict: true },
        );
      }
      return this.decide(p, org, org ? (profileOf.get(org.id) ?? null) : null, org ? (yearsOf.get(org.id) ?? []) : [], org ? withUsers.has(org.id) : false, today);
    });

    await recordClaimConflicts(manager, conflicts, actorUserId);
    const writes = decisions.flatMap((d) => ('write' in d ? [d.write] : []));
    // Contact details change rarely (a firm without an account whose sheet row changed): one statement each.
    for (const d of decisions) {
      const contact = 'firm' in d ? d.contact : 'write' in d && d.write.org ? { organizationId: d.write.org.id, changes: d.write.contactChanges } : undefined;
      if (contact && Object.keys(contact.changes).length > 0) await manager.update(OrganizationEntity, { id: contact.organizationId }, contact.changes);
    }
    const created = await this.createOrganizations(
      manager,
      writes.filter((w) => !w.org).map((w) => w.p),
      actorUserId,
    );
    const items: ProfileWrite[] = writes.map((w) => ({ organizationId: w.org?.id ?? created.get(w.p.uscc)!.id, command: w.command, existing: w.existing }));
    await this.profiles.writeImported(manager, items, actorUserId);

    return decisions.map((d) => {
      if ('rejected' in d) return { rejected: d.rejected, ...(d.claimConflict ? { claimConflict: true } : {}), ...(d.notEnterprise ? { notEnterprise: true } : {}) };
      if ('firm' in d) return d.firm;
      const { p, org, existing } = d.write;
      const o = org ?? created.get(p.uscc)!;
      return { uscc: p.uscc, name: o.name, organizationId: o.id, outcome: existing ? 'UPDATED' : 'CREATED', organizationCreated: !org, rows: p.rows.map((r) => r.row) };
    });
  }

  /** The stored profiles (locked), financial years and which organizations have users, for enterprises `ids`. */
  private async storedOf(manager: EntityManager, ids: string[]): Promise<[EnterpriseProfileEntity[], EnterpriseFinancialsEntity[], Set<string>]> {
    const profiles = await manager
      .createQueryBuilder(EnterpriseProfileEntity, 'p')
      .where('p.organization_id = ANY(:ids)', { ids })
      .orderBy('p.organization_id')
      .setLock('pessimistic_write')
      .getMany();
    const years = profiles.length === 0 ? [] : await manager.createQueryBuilder(EnterpriseFinancialsEntity, 'f').where('f.organization_id = ANY(:ids)', { ids }).orderBy('f.year', 'DESC').getMany();
    const users = (await manager.query(`SELECT DISTINCT organization_id AS id FROM users WHERE organization_id = ANY($1::uuid[])`, [ids])) as Array<{ id: string }>;
    return [profiles, years, new Set(users.map((u) => u.id))];
  }

  /** Validates the enterprise against what is stored, and decides: unchanged, or what to write. */
  private decide(
    p: Prepared,
    org: OrganizationEntity | null,
    existing: EnterpriseProfileEntity | null,
    stored: EnterpriseFinancialsEntity[],
    hasUsers: boolean,
    today: string,
  ): Decision {
    const rowNumbers = p.rows.map((r) => r.row);
    // Years in the file replace the stored ones; stored years the file does not mention are kept.
    const fileYears = new Set(p.financials.map((f) => f.year));
    const kept = stored.filter((s) => !fileYears.has(s.year)).map(financialsOf);
    const storedByYear = new Map(stored.map((s) => [s.year, s]));
    const financials = [...p.financials.map((f) => ({ ...f, equityFinancing: storedByYear.get(f.year)?.equityFinancing ?? null })), ...kept];
    const command: ProfileCommand = {
      ...p.profile,
      // Not in the file: kept from the stored profile, empty for a new one.
      certifications: existing?.certifications ?? [],
      serviceNeeds: existing?.serviceNeeds ?? [],
      financingNeed: existing?.financingNeed ?? null,
      spaceNeed: existing?.spaceNeed ?? null,
      tierFacts: existing?.tierFacts ?? {},
      financials,
    };
    let valid: ProfileCommand;
    try {
      valid = validateProfile(command, today, 'profile');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT') throw err;
      const path = String(err.details.field ?? 'profile');
      const fin = /^profile\.financials\[(\d+)\]\.(\w+)$/.exec(path);
      if (fin) {
        const i = Number(fin[1]);
        const row = p.yearRows[i];
        if (row !== undefined) return { uscc: p.uscc, ...rejectGroup(p.rows, p.uscc, row, fin[2]!, err.message) };
        const year = financials[i]?.year;
        return {
          uscc: p.uscc,
          ...rejectGroup(p.rows, p.uscc, p.rows[0]!.row, fin[2]!, `已存储的 ${year} 年度数据与本次导入冲突：${err.message} (stored year ${year} conflicts with the file)`),
        };
      }
      const field = path.replace(/^profile\./, '').replace(/^ipAssets\./, '');
      return { uscc: p.uscc, ...rejectGroup(p.rows, p.uscc, p.rows[0]!.row, field, err.message) };
    }

    // Contact columns fill the organization's contact details only while it has no account: once the
    // firm manages itself (an OWNER exists), its own details win over the bureau's sheet.
    const contactChanges = org && !hasUsers ? diffContact(org, p.contact) : org ? {} : p.contact;
    const contactChanged = Object.keys(contactChanges).length > 0;
    // The same figures under a title the firm only claims are not unchanged: the list confirms it (IMPORTED, DOMAIN.md §8.10).
    const titleSettled = existing !== null && (existing.tier === 'NONE' || titleCounts(existing.tierProvenance));
    if (org && existing && titleSettled && canonical(valid) === canonical(snapshot(existing, stored))) {
      const firm: ImportedFirm = { uscc: p.uscc, name: org.name, organizationId: org.id, outcome: contactChanged ? 'UPDATED' : 'UNCHANGED', organizationCreated: false, rows: rowNumbers };
      return { uscc: p.uscc, firm, ...(contactChanged ? { contact: { organizationId: org.id, changes: contactChanges } } : {}) };
    }
    return { uscc: p.uscc, write: { p, org, command: valid, existing, contactChanges: org ? contactChanges : {} } };
  }

  /** Inserts the organizations of new enterprises (verified: the authority vouches for its own list) and their events; by USCC. */
  private async createOrganizations(manager: EntityManager, list: readonly Prepared[], actorUserId: string | null): Promise<Map<string, OrganizationEntity>> {
    const byUscc = new Map<string, OrganizationEntity>();
    if (list.length === 0) return byUscc;
    const now = new Date();
    const orgs = list.map((p) =>
      manager.create(OrganizationEntity, {
        kind: 'ENTERPRISE',
        name: p.name,
        uscc: p.uscc,
        regionCode: p.regionCode,
        verified: true,
        verifiedAt: now,
        verifiedBy: actorUserId,
        ...p.contact,
      }),
    );
    // An organization row takes about 25 parameters: BULK_ROWS of them stay well within PostgreSQL's 65,535.
    for (let at = 0; at < orgs.length; at += BULK_ROWS) await manager.insert(OrganizationEntity, orgs.slice(at, at + BULK_ROWS));
    for (const o of orgs) byUscc.set(o.uscc!, o);
    await recordEvents(
      manager,
      orgs.map((o) => ({
        type: 'organization.registered' as const,
        aggregateType: 'organization',
        aggregateId: o.id,
        data: { organizationId: o.id },
        actorUserId,
        lane: 'bulk' as const,
      })),
    );
    return byUscc;
  }
}

/** Every row of enterprise `p` rejected on its USCC (the first row named), marked as the outcome it is. */
function rejectUscc(p: Prepared, reason: string, mark: { notEnterprise: true } | { claimConflict: true }): Decision {
  return { uscc: p.uscc, ...rejectGroup(p.rows, p.uscc, p.rows[0]!.row, 'uscc', reason), ...mark };
}

/** Records, for the verification desk, the second claim on each USCC an unverified organization holds (one statement). */
async function recordClaimConflicts(manager: EntityManager, conflicts: ReadonlyArray<{ org: OrganizationEntity; p: Prepared }>, actorUserId: string | null): Promise<void> {
  if (conflicts.length === 0) return;
  // A decided conflict of this claimant is opened again: the claimant is not VERIFIED now.
  await manager.query(
    `INSERT INTO uscc_claim_conflicts (organization_id, uscc, imported_name, imported_by)
     SELECT c.organization_id, c.uscc, c.imported_name, $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(organization_id, uscc, imported_name)
     ON CONFLICT (organization_id) DO UPDATE
       SET uscc = EXCLUDED.uscc, imported_name = EXCLUDED.imported_name, imported_by = EXCLUDED.imported_by,
           last_seen_at = now(), import_count = uscc_claim_conflicts.import_count + 1,
           outcome = NULL, reason = NULL, decided_by = NULL, decided_at = NULL`,
    [conflicts.map((c) => c.org.id), conflicts.map((c) => c.p.uscc), conflicts.map((c) => c.p.name), actorUserId],
  );
}

/** The contact fields of `contact` that differ from the organization's. */
function diffContact(org: OrganizationEntity, contact: Prepared['contact']): Prepared['contact'] {
  return Object.fromEntries(Object.entries(contact).filter(([k, v]) => org[k as ContactKey] !== v));
}

function financialsOf(f: EnterpriseFinancialsEntity): AnnualFinancialsCommand {
  return {
    year: f.year,
    revenue: f.revenue,
    mainBusinessRevenue: f.mainBusinessRevenue,
    rdExpense: f.rdExpense,
    netProfit: f.netProfit,
    totalAssets: f.totalAssets,
    totalLiabilities: f.totalLiabilities,
    employees: f.employees,
    rdEmployees: f.rdEmployees,
    equityFinancing: f.equityFinancing,
  };
}

/** The stored profile as the command that would have written it. */
function snapshot(p: EnterpriseProfileEntity, financials: EnterpriseFinancialsEntity[]): ProfileCommand {
  return {
    industryCode: p.industryCode,
    tier: p.tier,
    tierCertifiedOn: p.tierCertifiedOn,
    foundedOn: p.foundedOn,
    mainBusinessSince: p.mainBusinessSince,
    mainProducts: p.mainProducts,
    capabilities: p.capabilities,
    certifications: p.certifications,
    financials: financials.map(financialsOf),
    ipAssets: ipAssetsOf(p),
    financingNeed: p.financingNeed,
    serviceNeeds: p.serviceNeeds,
    spaceNeed: p.spaceNeed,
    tierFacts: p.tierFacts,
  };
}

/** A stable text form of a command: keys sorted, undefined as null, years newest first. */
function canonical(c: ProfileCommand): string {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])])
          .filter(([, x]) => x !== null),
      );
    }
    return v;
  };
  const financials = [...c.financials].sort((a, b) => b.year - a.year);
  return JSON.stringify(norm({ ...c, tierCertifiedOn: c.tierCertifiedOn ?? null, financials }));
}
