import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, checkPageSize, fetchKeysetPage, forbidden, notFound, parseId, type KeysetPage } from '../../../platform/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { CLAIM_STATUSES, PROGRAMME_STATUSES, VOUCHER_STATUSES, type ClaimStatus, type ProgrammeStatus, type VoucherStatus } from '../core/voucher-enums.js';
import { VoucherProgrammeEntity } from '../entities/voucher-programme.entity.js';
import { VoucherEntity } from '../entities/voucher.entity.js';
import { VoucherClaimEntity } from '../entities/voucher-claim.entity.js';
import { ContractedInstitutionEntity } from '../entities/contracted-institution.entity.js';
import { SettlementBatchEntity } from '../entities/settlement-batch.entity.js';

export interface Counted<T> extends KeysetPage<T> {
  totalCount: number;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown, field: string): T | null => {
  if (v == null) return null;
  if (!values.includes(v as T)) throw badInput(`${field} 无效 (unknown ${field})`, field);
  return v as T;
};

/**
 * The read side, filtered by who asks (issue 22 item 6): the AUTHORITY reads everything; a firm its
 * own vouchers and the claims on them; an institution its own claims; programmes in DRAFT only the
 * AUTHORITY. Amount fields are hidden from others by the resolvers.
 */
@Injectable()
export class VoucherReadService {
  async programmes(m: EntityManager, actor: Actor, status: ProgrammeStatus | null | undefined, first: number, after?: string | null): Promise<Counted<VoucherProgrammeEntity>> {
    checkPageSize(first);
    const qb = m.getRepository(VoucherProgrammeEntity).createQueryBuilder('p');
    const s = oneOf(PROGRAMME_STATUSES, status, 'status');
    if (s) qb.andWhere('p.status = :s', { s });
    if (actor.kind !== 'AUTHORITY') qb.andWhere(`p.status <> 'DRAFT'`);
    const totalCount = await qb.getCount();
    return { ...(await fetchKeysetPage(qb, 'p', 'voucher_programmes', first, after)), totalCount };
  }

  async programme(m: EntityManager, actor: Actor, id: string): Promise<VoucherProgrammeEntity | null> {
    const p = await m.findOneBy(VoucherProgrammeEntity, { id: parseId(id, 'id') });
    if (!p || (p.status === 'DRAFT' && actor.kind !== 'AUTHORITY')) return null;
    return p;
  }

  async contracts(m: EntityManager, programmeIds: readonly string[]): Promise<ContractedInstitutionEntity[]> {
    if (!programmeIds.length) return [];
    return m.getRepository(ContractedInstitutionEntity).createQueryBuilder('c').where('c.programmeId IN (:...ids)', { ids: programmeIds }).orderBy('c.addedAt').limit(2000).getMany();
  }

  async vouchers(m: EntityManager, actor: Actor, filter: { programmeId?: string | null; status?: VoucherStatus | null }, first: number, after?: string | null): Promise<Counted<VoucherEntity>> {
    checkPageSize(first);
    const qb = m.getRepository(VoucherEntity).createQueryBuilder('v');
    if (actor.kind === 'ENTERPRISE') qb.andWhere('v.firmOrganizationId = :me', { me: actor.organizationId });
    else if (actor.kind !== 'AUTHORITY') throw forbidden('服务券仅企业本身和主管部门可查看 (vouchers: the firm itself and the AUTHORITY only)');
    if (filter.programmeId) qb.andWhere('v.programmeId = :p', { p: parseId(filter.programmeId, 'filter.programmeId') });
    const s = oneOf(VOUCHER_STATUSES, filter.status, 'filter.status');
    if (s) qb.andWhere('v.status = :s', { s });
    const totalCount = await qb.getCount();
    return { ...(await fetchKeysetPage(qb, 'v', 'vouchers', first, after)), totalCount };
  }

  async claims(m: EntityManager, actor: Actor, filter: { programmeId?: string | null; status?: ClaimStatus | null; flaggedOnly?: boolean | null }, first: number, after?: string | null): Promise<Counted<VoucherClaimEntity>> {
    checkPageSize(first);
    const qb = m.getRepository(VoucherClaimEntity).createQueryBuilder('c');
    if (actor.kind === 'ENTERPRISE') qb.andWhere('c.firmOrganizationId = :me', { me: actor.organizationId });
    else if (actor.kind === 'SERVICE_PROVIDER') qb.andWhere('c.institutionOrganizationId = :me', { me: actor.organizationId });
    else if (actor.kind !== 'AUTHORITY') throw forbidden('兑付申请仅相关企业、服务机构和主管部门可查看 (voucher claims: their firm, institution and the AUTHORITY only)');
    if (filter.programmeId) qb.andWhere('c.programmeId = :p', { p: parseId(filter.programmeId, 'filter.programmeId') });
    const s = oneOf(CLAIM_STATUSES, filter.status, 'filter.status');
    if (s) qb.andWhere('c.status = :s', { s });
    if (filter.flaggedOnly) qb.andWhere('c.flagged');
    const totalCount = await qb.getCount();
    return { ...(await fetchKeysetPage(qb, 'c', 'voucher_claims', first, after)), totalCount };
  }

  /** A settlement batch and its claims with the parties' names, for the finance office's XLSX (AUTHORITY only, checked by the caller). */
  async settlement(m: EntityManager, batchId: string): Promise<{ batch: SettlementBatchEntity; programme: VoucherProgrammeEntity; rows: Array<Record<string, string>> }> {
    const batch = await m.findOneBy(SettlementBatchEntity, { id: parseId(batchId, 'batchId') });
    if (!batch) throw notFound(`找不到结算批次 ${batchId} (no settlement batch with id ${batchId})`);
    const programme = (await m.findOneBy(VoucherProgrammeEntity, { id: batch.programmeId }))!;
    const rows: Array<Record<string, string>> = await m.query(
      `SELECT c.id, v.code, fo.name AS firm, fo.uscc AS firm_uscc, io.name AS institution, io.uscc AS institution_uscc, c.service_category,
              c.invoice_number, c.delivered_on::text AS delivered_on, c.contract_value_fen::text AS contract_value_fen, c.claim_fen::text AS claim_fen,
              c.flagged, c.spot_checked
         FROM voucher_claims c JOIN vouchers v ON v.id = c.voucher_id
         JOIN organizations fo ON fo.id = c.firm_organization_id JOIN organizations io ON io.id = c.institution_organization_id
        WHERE c.settlement_batch_id = $1 ORDER BY io.name, v.code`,
      [batch.id],
    );
    return { batch, programme, rows };
  }
}
