import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, CLOCK, notFound, parseId, todayInShanghai, type Clock } from '../../../platform/src/index.js';
import { authorizeKind, OrganizationEntity, type Actor } from '../../../identity/src/index.js';
import { describeIndustryCodeProblem, describeRegionCodeProblem } from '../../../codes/src/index.js';
import { ENTERPRISE_TIERS, SERVICE_CATEGORIES, TIER_NAMES, type EnterpriseTier } from '../../../enterprises/src/index.js';
import { amountProblem, yuan } from '../core/money.js';
import { DEFAULT_FRAUD_THRESHOLDS } from '../core/fraud-rules.js';
import { PROGRAMME_STATUS_LABELS, type ProgrammeStatus } from '../core/voucher-enums.js';
import { VoucherProgrammeEntity } from '../entities/voucher-programme.entity.js';
import { ContractedInstitutionEntity } from '../entities/contracted-institution.entity.js';
import { isDate, lockProgramme, move, saveProgramme, text } from './voucher-books.js';

export const PROGRAMME_LIST_MAX = 100;
export const ELIGIBLE_LIST_MAX = 10_000;

export interface ProgrammeCommand {
  name: string;
  issuer: string;
  budgetFen: number;
  coverPercent: number;
  capPerVoucherFen: number;
  capPerFirmYearFen: number;
  eligibleTiers?: string[] | null;
  eligibleRegionCodes?: string[] | null;
  eligibleIndustryCodes?: string[] | null;
  eligibleOrganizationIds?: string[] | null;
  serviceCategories: string[];
  applyFrom: string;
  applyUntil: string;
  validityMonths: number;
  /** Overrides of the fraud thresholds, by rule (see DEFAULT_FRAUD_THRESHOLDS). */
  fraudThresholds?: Record<string, unknown> | null;
}

function fail(p: { message: string; field: string } | null): void {
  if (p) throw badInput(p.message, p.field);
}

function list(value: unknown, field: string, max: number): string[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw badInput(`${field} 须为列表 (${field} must be a list)`, field);
  if (value.length > max) throw badInput(`${field} 最多 ${max} 项 (${field} has more than ${max} entries)`, field);
  if (value.some((x) => typeof x !== 'string')) throw badInput(`${field} 的每一项须为文本 (${field} entries must be strings)`, field);
  return [...new Set(value as string[])];
}

function intIn(value: unknown, min: number, max: number, field: string, label: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${label}须为 ${min}–${max} 之间的整数 (${field} must be a whole number from ${min} to ${max})`, field);
  }
  return value;
}

/** Programmes and their contracted institutions (issue 22 item 1); AUTHORITY only. */
@Injectable()
export class VoucherProgrammeService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async create(m: EntityManager, actor: Actor | undefined, input: ProgrammeCommand): Promise<VoucherProgrammeEntity> {
    authorizeKind(actor, 'createVoucherProgramme');
    const name = text(input?.name, 'input.name', '项目名称', { required: true, max: 100 })!;
    const issuer = text(input.issuer, 'input.issuer', '发放单位', { required: true, max: 100 })!;
    fail(amountProblem(input.budgetFen, 'input.budget', '总预算'));
    const coverPercent = intIn(input.coverPercent, 1, 100, 'input.coverPercent', '补贴比例（%）');
    fail(amountProblem(input.capPerVoucherFen, 'input.capPerVoucher', '单张服务券上限'));
    fail(amountProblem(input.capPerFirmYearFen, 'input.capPerFirmYear', '每家企业每年上限'));
    if (input.capPerVoucherFen > input.budgetFen) throw badInput(`单张服务券上限 ${yuan(input.capPerVoucherFen)} 超过总预算 ${yuan(input.budgetFen)} (capPerVoucherFen is above the budget)`, 'input.capPerVoucher');
    if (input.capPerFirmYearFen < input.capPerVoucherFen) throw badInput(`每家企业每年上限不能低于单张服务券上限 (capPerFirmYearFen is below capPerVoucherFen)`, 'input.capPerFirmYear');
    const tiers = list(input.eligibleTiers, 'input.eligibleTiers', ENTERPRISE_TIERS.length);
    for (const t of tiers) {
      if (t === 'NONE' || !(ENTERPRISE_TIERS as readonly string[]).includes(t)) {
        throw badInput(`无效的梯度；可选：${ENTERPRISE_TIERS.filter((x) => x !== 'NONE').map((x) => TIER_NAMES[x as EnterpriseTier]).join('、')} (unknown tier in eligibleTiers)`, 'input.eligibleTiers');
      }
    }
    const regions = list(input.eligibleRegionCodes, 'input.eligibleRegionCodes', PROGRAMME_LIST_MAX);
    for (const r of regions) {
      const problem = describeRegionCodeProblem(r);
      if (problem) throw badInput(problem, 'input.eligibleRegionCodes');
    }
    const industries = list(input.eligibleIndustryCodes, 'input.eligibleIndustryCodes', PROGRAMME_LIST_MAX);
    for (const i of industries) {
      const problem = describeIndustryCodeProblem(i);
      if (problem) throw badInput(problem, 'input.eligibleIndustryCodes');
    }
    const orgIds = list(input.eligibleOrganizationIds, 'input.eligibleOrganizationIds', ELIGIBLE_LIST_MAX).map((id) => parseId(id, 'input.eligibleOrganizationIds'));
    if (orgIds.length) {
      const found = await m.query(`SELECT count(*)::int AS n FROM organizations WHERE id = ANY($1::uuid[]) AND kind = 'ENTERPRISE'`, [orgIds]);
      if (found[0].n !== orgIds.length) throw badInput(`名单中有 ${orgIds.length - found[0].n} 个 ID 不是平台上的企业 (some eligibleOrganizationIds are not enterprises)`, 'input.eligibleOrganizationIds');
    }
    const categories = list(input.serviceCategories, 'input.serviceCategories', SERVICE_CATEGORIES.length);
    if (!categories.length) throw badInput('请至少选择一个服务类别 (serviceCategories needs at least one category)', 'input.serviceCategories');
    for (const c of categories) {
      if (!(SERVICE_CATEGORIES as readonly string[]).includes(c)) throw badInput(`未知的服务类别 (unknown service category; one of ${SERVICE_CATEGORIES.join(', ')})`, 'input.serviceCategories');
    }
    if (!isDate(input.applyFrom)) throw badInput('申领开始日期须为 YYYY-MM-DD (applyFrom must be a date)', 'input.applyFrom');
    if (!isDate(input.applyUntil)) throw badInput('申领截止日期须为 YYYY-MM-DD (applyUntil must be a date)', 'input.applyUntil');
    if (input.applyUntil < input.applyFrom) throw badInput('申领截止日期早于开始日期 (applyUntil is before applyFrom)', 'input.applyUntil');
    const validityMonths = intIn(input.validityMonths, 1, 36, 'input.validityMonths', '有效期（月）');
    const thresholds = input.fraudThresholds ?? null;
    if (thresholds !== null) {
      if (typeof thresholds !== 'object' || Array.isArray(thresholds)) throw badInput('fraudThresholds 须为对象 (fraudThresholds must be an object)', 'input.fraudThresholds');
      for (const k of Object.keys(thresholds)) {
        if (!(k in DEFAULT_FRAUD_THRESHOLDS)) throw badInput(`未知的风险规则阈值 ${k.slice(0, 40)}；可选：${Object.keys(DEFAULT_FRAUD_THRESHOLDS).join(', ')} (unknown threshold)`, 'input.fraudThresholds');
      }
      if (JSON.stringify(thresholds).length > 2000) throw badInput('fraudThresholds 过长 (fraudThresholds is too long)', 'input.fraudThresholds');
    }
    const p = m.create(VoucherProgrammeEntity, {
      name,
      issuer,
      authorityOrganizationId: actor!.organizationId,
      status: 'DRAFT',
      budgetFen: 0,
      reservedFen: 0,
      redeemedFen: 0,
      settledFen: 0,
      coverPercent,
      capPerVoucherFen: input.capPerVoucherFen,
      capPerFirmYearFen: input.capPerFirmYearFen,
      eligibleTiers: tiers,
      eligibleRegionCodes: regions,
      eligibleIndustryCodes: industries,
      eligibleOrganizationIds: orgIds,
      serviceCategories: categories,
      applyFrom: input.applyFrom,
      applyUntil: input.applyUntil,
      validityMonths,
      fraudThresholds: thresholds,
      spotCheckSeed: randomBytes(16).toString('hex'),
      version: 0,
    });
    const saved = await m.save(p);
    await move(m, saved, { kind: 'BUDGET', amountFen: input.budgetFen, note: '初始预算', actorUserId: actor!.userId });
    return saveProgramme(m, saved);
  }

  /** DRAFT → OPEN → CLOSED. Closing stops applications and grants; granted vouchers stay valid to their expiry. */
  async setStatus(m: EntityManager, actor: Actor | undefined, programmeId: string, status: ProgrammeStatus): Promise<VoucherProgrammeEntity> {
    authorizeKind(actor, 'setVoucherProgrammeStatus');
    const p = await lockProgramme(m, programmeId);
    const allowed: Record<ProgrammeStatus, ProgrammeStatus[]> = { DRAFT: ['OPEN'], OPEN: ['CLOSED'], CLOSED: [] };
    if (!(PROGRAMME_STATUS_LABELS as Record<string, string>)[status]) throw badInput('status 须为 OPEN 或 CLOSED (status must be OPEN or CLOSED)', 'status');
    if (!allowed[p.status].includes(status)) {
      throw conflict(`项目状态为「${PROGRAMME_STATUS_LABELS[p.status]}」，不能改为「${PROGRAMME_STATUS_LABELS[status]}」(a ${p.status} programme cannot become ${status})`, 'status');
    }
    p.status = status;
    return saveProgramme(m, p);
  }

  /** A new total budget, never below what is already committed (reserved + redeemed); the change is a BUDGET ledger row with its reason. */
  async changeBudget(m: EntityManager, actor: Actor | undefined, programmeId: string, budgetFen: number, reason: string): Promise<VoucherProgrammeEntity> {
    authorizeKind(actor, 'changeVoucherProgrammeBudget');
    fail(amountProblem(budgetFen, 'budget', '总预算'));
    const why = text(reason, 'reason', '调整原因', { required: true })!;
    const p = await lockProgramme(m, programmeId);
    if (p.status === 'CLOSED') throw conflict('项目已结束，不能调整预算 (the programme is CLOSED)', 'programmeId');
    const committed = p.reservedFen + p.redeemedFen;
    if (budgetFen < committed) throw conflict(`新预算 ${yuan(budgetFen)} 低于已占用的 ${yuan(committed)}（已发放未兑付与已兑付之和）(the new budget is below what is committed)`, 'budget');
    if (budgetFen === p.budgetFen) return p;
    await move(m, p, { kind: 'BUDGET', amountFen: budgetFen - p.budgetFen, note: why, actorUserId: actor!.userId });
    return saveProgramme(m, p);
  }

  async addInstitution(m: EntityManager, actor: Actor | undefined, programmeId: string, institutionId: string, reason: string): Promise<ContractedInstitutionEntity> {
    authorizeKind(actor, 'addContractedInstitution');
    const orgId = parseId(String(institutionId ?? ''), 'institutionId');
    const why = text(reason, 'reason', '签约说明', { required: true })!;
    const p = await lockProgramme(m, programmeId);
    if (p.status === 'CLOSED') throw conflict('项目已结束，不能新增签约机构 (the programme is CLOSED)', 'programmeId');
    const org = await m.findOneBy(OrganizationEntity, { id: orgId });
    if (!org) throw notFound(`找不到机构 ${orgId} (no organization with id ${orgId})`);
    if (org.kind !== 'SERVICE_PROVIDER') throw badInput('只有服务机构可以签约为服务券兑付机构 (only SERVICE_PROVIDER organizations can be contracted)', 'institutionId');
    if (!org.verified) throw badInput('该服务机构尚未通过主管部门审核 (the institution is not verified)', 'institutionId');
    if (await activeContract(m, p.id, orgId)) throw conflict('该机构已是本项目的签约机构 (already contracted)', 'institutionId');
    return m.save(m.create(ContractedInstitutionEntity, { programmeId: p.id, institutionOrganizationId: orgId, addedReason: why, addedBy: actor!.userId, removedAt: null, removedReason: null, removedBy: null }));
  }

  /** Removal stops new attachments and claims by the institution; claims already submitted are decided as usual. */
  async removeInstitution(m: EntityManager, actor: Actor | undefined, programmeId: string, institutionId: string, reason: string): Promise<ContractedInstitutionEntity> {
    authorizeKind(actor, 'removeContractedInstitution');
    const orgId = parseId(String(institutionId ?? ''), 'institutionId');
    const why = text(reason, 'reason', '解约原因', { required: true })!;
    const p = await lockProgramme(m, programmeId);
    const row = await activeContract(m, p.id, orgId);
    if (!row) throw notFound('该机构不是本项目的签约机构 (the institution is not contracted to this programme)');
    row.removedAt = this.clock.now();
    row.removedReason = why;
    row.removedBy = actor!.userId;
    return m.save(row);
  }

  /** The programme is open and today is inside its window (Beijing date). */
  static openToday(p: VoucherProgrammeEntity, today: string): string | null {
    if (p.status !== 'OPEN') return `项目状态为「${PROGRAMME_STATUS_LABELS[p.status]}」，不接受申领 (the programme is ${p.status})`;
    if (today < p.applyFrom || today > p.applyUntil) return `不在申领期内（${p.applyFrom} 至 ${p.applyUntil}）(outside the application window)`;
    return null;
  }

  today(): string {
    return todayInShanghai(this.clock.now());
  }
}

export async function activeContract(m: EntityManager, programmeId: string, institutionId: string): Promise<ContractedInstitutionEntity | null> {
  return m.getRepository(ContractedInstitutionEntity).createQueryBuilder('c').where('c.programmeId = :p AND c.institutionOrganizationId = :o AND c.removedAt IS NULL', { p: programmeId, o: institutionId }).getOne();
}
