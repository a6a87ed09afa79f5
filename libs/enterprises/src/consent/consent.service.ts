import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { badInput, CLOCK, conflict, echoInput, fetchKeysetPage, forbidden, notFound, parseId, recordEvent, systemClock, type Clock, type KeysetPage } from '../../../platform/src/index.js';
import { recordTimeline } from '../../../timeline/src/index.js';
import { authorizeKind, authorizeRow, OrganizationEntity, type Actor } from '../../../identity/src/index.js';
import { EnterpriseFinancialsEntity } from '../enterprise-financials.entity.js';
import {
  CONSENT_MAX_DAYS,
  DAY_MS,
  PROFILE_SECTIONS,
  sectionLabels,
  type ConsentPurpose,
  type ProfileSection,
} from './consent-scope.js';
import { ProfileConsentEntity, type FinancialsSnapshotYear } from './profile-consent.entity.js';

export const CONSENT_ROLES = ['GIVEN', 'RECEIVED'] as const;
export type ConsentRole = (typeof CONSENT_ROLES)[number];

/** A grant as the resolver hands it over: the case (if any) already resolved to its purpose and grantee. */
export interface GrantConsentCommand {
  granteeOrganizationId: string;
  purpose: ConsentPurpose;
  caseId: string | null;
  sections: unknown;
  financialYears?: unknown;
  expiresAt?: unknown;
}

const MAX_YEARS = 20;

/** The figures of `years` (all years when null) of `organizationId` as they are now: the snapshot a consent keeps. */
async function snapshotFinancials(manager: EntityManager, organizationId: string, years: readonly number[] | null): Promise<FinancialsSnapshotYear[]> {
  const rows = await manager.find(EnterpriseFinancialsEntity, { where: { organizationId, ...(years ? { year: In([...years]) } : {}) }, order: { year: 'DESC' } });
  return rows.map(({ year, revenue, mainBusinessRevenue, rdExpense, netProfit, totalAssets, totalLiabilities, employees, rdEmployees, equityFinancing }) => ({
    year,
    revenue,
    mainBusinessRevenue,
    rdExpense,
    netProfit,
    totalAssets,
    totalLiabilities,
    employees,
    rdEmployees,
    equityFinancing,
  }));
}

/**
 * The default consent behind `shareProfile` on a match request or a 揭榜 application: every section,
 * the financial years on file now, for as long as the case is open (and 90 days after its decision),
 * at most a year. Written in the case's own transaction.
 */
export async function recordCaseConsent(
  manager: EntityManager,
  c: { grantorOrganizationId: string; granteeOrganizationId: string; purpose: 'MATCH_REQUEST' | 'CHALLENGE_APPLICATION'; caseId: string; grantedBy: string; now: Date },
): Promise<ProfileConsentEntity> {
  const snapshot = await snapshotFinancials(manager, c.grantorOrganizationId, null);
  return manager.save(
    manager.create(ProfileConsentEntity, {
      grantorOrganizationId: c.grantorOrganizationId,
      granteeOrganizationId: c.granteeOrganizationId,
      purpose: c.purpose,
      matchRequestId: c.purpose === 'MATCH_REQUEST' ? c.caseId : null,
      challengeApplicationId: c.purpose === 'CHALLENGE_APPLICATION' ? c.caseId : null,
      sections: [...PROFILE_SECTIONS],
      financialYears: snapshot.map((y) => y.year),
      financialsSnapshot: snapshot,
      startsAt: c.now,
      expiresAt: new Date(c.now.getTime() + CONSENT_MAX_DAYS * DAY_MS),
      revokedAt: null,
      revokedBy: null,
      grantedBy: c.grantedBy,
    }),
  );
}

function parseSections(value: unknown): ProfileSection[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badInput(`授权范围不能为空，可选：${PROFILE_SECTIONS.join('、')} (sections: at least one of ${PROFILE_SECTIONS.join(', ')})`, 'input.sections');
  }
  if (value.length > PROFILE_SECTIONS.length * 2) throw badInput(`授权范围最多 ${PROFILE_SECTIONS.length} 项 (too many sections)`, 'input.sections');
  for (const s of value) {
    if (!(PROFILE_SECTIONS as readonly unknown[]).includes(s)) {
      throw badInput(`不存在的授权范围 ${echoInput(String(s))}，可选：${PROFILE_SECTIONS.join('、')} (unknown section)`, 'input.sections');
    }
  }
  return PROFILE_SECTIONS.filter((s) => value.includes(s));
}

/** Consents: grants and revocations by the firm (OWNER/ADMIN), and the lists of either side. */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** Grants a consent (standing or for a case the resolver resolved); nothing is written when any part is refused. */
  async grant(manager: EntityManager, actor: Actor | undefined, cmd: GrantConsentCommand): Promise<ProfileConsentEntity> {
    authorizeKind(actor, 'grantProfileConsent');
    const firm = actor!;
    const granteeId = parseId(cmd.granteeOrganizationId, 'input.granteeOrganizationId');
    if (granteeId === firm.organizationId) throw badInput('不能授权给本企业自己 (a consent to oneself: the grantee must be another organization)', 'input.granteeOrganizationId');
    const grantee = await manager.findOne(OrganizationEntity, { where: { id: granteeId }, select: { id: true, kind: true } });
    if (!grantee) throw notFound(`找不到被授权机构 ${granteeId} (no organization with this id)`);
    if (grantee.kind === 'AUTHORITY') throw badInput('主管部门无需授权即可查看企业档案 (the AUTHORITY reads every profile; no consent needed)', 'input.granteeOrganizationId');
    const sections = parseSections(cmd.sections);
    const now = this.clock.now();

    let years: number[] = [];
    const askedYears = cmd.financialYears;
    if (!sections.includes('FINANCIALS')) {
      if (Array.isArray(askedYears) && askedYears.length > 0) throw badInput('未授权财务数据（FINANCIALS）时不能指定财务年度 (financialYears need the FINANCIALS section)', 'input.financialYears');
    } else if (askedYears !== undefined && askedYears !== null) {
      if (!Array.isArray(askedYears) || askedYears.length === 0 || askedYears.length > MAX_YEARS) throw badInput(`财务年度须为 1–${MAX_YEARS} 个年份 (financialYears: 1–${MAX_YEARS} years)`, 'input.financialYears');
      years = [...new Set(askedYears as unknown[])].map((y) => {
        if (!Number.isInteger(y)) throw badInput(`财务年度须为整数年份，收到 ${echoInput(String(y))} (a year)`, 'input.financialYears');
        return y as number;
      });
    }
    const snapshot = sections.includes('FINANCIALS') ? await snapshotFinancials(manager, firm.organizationId, years.length ? years : null) : [];
    if (years.length) {
      const onFile = new Set(snapshot.map((y) => y.year));
      const missing = years.filter((y) => !onFile.has(y)).sort();
      if (missing.length) throw badInput(`企业档案中没有 ${missing.join('、')} 年度的财务数据，不能授权 (no financials on file for ${missing.join(', ')})`, 'input.financialYears');
    }

    const latest = now.getTime() + CONSENT_MAX_DAYS * DAY_MS;
    let expiresAt = new Date(latest);
    if (cmd.expiresAt !== undefined && cmd.expiresAt !== null) {
      const t = cmd.expiresAt instanceof Date ? cmd.expiresAt.getTime() : Number.NaN;
      if (Number.isNaN(t)) throw badInput('到期时间无效 (expiresAt: not a time)', 'input.expiresAt');
      if (t <= now.getTime()) throw badInput('到期时间须晚于当前时间 (expiresAt must be in the future)', 'input.expiresAt');
      if (t > latest) throw badInput(`授权期限最长 ${CONSENT_MAX_DAYS} 天：到期时间不能晚于 ${new Date(latest).toISOString()} (expiresAt: at most ${CONSENT_MAX_DAYS} days from now)`, 'input.expiresAt');
      expiresAt = new Date(t);
    }
    const saved = await manager.save(
      manager.create(ProfileConsentEntity, {
        grantorOrganizationId: firm.organizationId,
        granteeOrganizationId: granteeId,
        purpose: cmd.purpose,
        matchRequestId: cmd.purpose === 'MATCH_REQUEST' ? cmd.caseId : null,
        challengeApplicationId: cmd.purpose === 'CHALLENGE_APPLICATION' ? cmd.caseId : null,
        sections,
        financialYears: snapshot.map((y) => y.year),
        financialsSnapshot: snapshot,
        startsAt: now,
        expiresAt,
        revokedAt: null,
        revokedBy: null,
        grantedBy: firm.userId,
      }),
    );
    await this.recordChange(manager, saved, 'profile-consent.granted', firm);
    return saved;
  }

  /**
   * The grantee hears of a consent given or revoked (outbox event, same transaction); a consent tied
   * to a case also shows on that case's timeline, which both sides read.
   */
  private async recordChange(manager: EntityManager, consent: ProfileConsentEntity, type: 'profile-consent.granted' | 'profile-consent.revoked', actor: Actor): Promise<void> {
    await recordEvent(manager, { type, aggregateType: 'profile-consent', aggregateId: consent.id, data: { consentId: consent.id }, actorUserId: actor.userId });
    const caseId = consent.matchRequestId ?? consent.challengeApplicationId;
    if (!caseId) return;
    await recordTimeline(manager, {
      subjectType: consent.matchRequestId ? 'MATCH_REQUEST' : 'CHALLENGE_APPLICATION',
      subjectId: caseId,
      kind: type === 'profile-consent.granted' ? 'CONSENT_GRANTED' : 'CONSENT_REVOKED',
      actorOrganizationId: actor.organizationId,
      actorUserId: actor.userId,
      note: `${type === 'profile-consent.granted' ? '企业授权查看档案' : '企业撤销档案授权'}：${sectionLabels(consent.sections)}`,
      data: { consentId: consent.id },
    });
  }

  /** The firm revokes one of its consents, at once; a second revocation is CONFLICT. */
  async revoke(manager: EntityManager, actor: Actor | undefined, id: string): Promise<ProfileConsentEntity> {
    authorizeKind(actor, 'revokeProfileConsent');
    const consentId = parseId(String(id ?? ''), 'id');
    const consent = await manager.findOne(ProfileConsentEntity, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
    // The grantee learns its consent exists from its own list; to anyone else an unknown id and another firm's consent look alike.
    if (!consent || (consent.grantorOrganizationId !== actor!.organizationId && consent.granteeOrganizationId !== actor!.organizationId)) {
      throw notFound(`找不到授权 ${consentId} (no consent with this id among yours)`);
    }
    if (consent.grantorOrganizationId !== actor!.organizationId) throw forbidden('只能撤销本企业授予的授权：该授权由其他企业授予您的机构 (only the firm that gave a consent may revoke it)');
    authorizeRow(actor, 'revokeProfileConsent', { ownerOrganizationId: consent.grantorOrganizationId });
    if (consent.revokedAt) throw conflict(`该授权已于 ${consent.revokedAt.toISOString()} 撤销 (already revoked)`, 'id');
    consent.revokedAt = this.clock.now();
    consent.revokedBy = actor!.userId;
    const saved = await manager.save(consent);
    await this.recordChange(manager, saved, 'profile-consent.revoked', actor!);
    return saved;
  }

  /** The caller's organization's consents, given (as the firm) or received (as the grantee), newest first. */
  async page(actor: Actor, role: ConsentRole, first: number, after?: string | null): Promise<KeysetPage<ProfileConsentEntity> & { totalCount: number }> {
    const qb = this.dataSource
      .getRepository(ProfileConsentEntity)
      .createQueryBuilder('c')
      .where(role === 'GIVEN' ? 'c.grantorOrganizationId = :me' : 'c.granteeOrganizationId = :me', { me: actor.organizationId });
    const totalCount = await qb.clone().getCount();
    return { ...(await fetchKeysetPage(qb, 'c', 'profile_consents', first, after)), totalCount };
  }

  /**
   * Consents of `grantorIds` to `granteeId` not revoked and not past their own expiry at `now`: the
   * candidates whose case (if any) the caller still checks. One query.
   */
  async candidates(granteeId: string, grantorIds: readonly string[], now: Date): Promise<ProfileConsentEntity[]> {
    if (grantorIds.length === 0) return [];
    return this.dataSource
      .getRepository(ProfileConsentEntity)
      .createQueryBuilder('c')
      .where('c.granteeOrganizationId = :granteeId', { granteeId })
      .andWhere('c.grantorOrganizationId = ANY(:grantors::uuid[])', { grantors: [...new Set(grantorIds)] })
      .andWhere('c.revokedAt IS NULL AND c.expiresAt > :now AND c.startsAt <= :now', { now })
      .orderBy('c.createdAt', 'DESC')
      .getMany();
  }
}
