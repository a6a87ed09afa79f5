/**
 * The money movements shared by the voucher services: every movement locks the programme row
 * (FOR UPDATE) first, then the voucher or claim, always in that order (no deadlock between a grant,
 * a redemption and the expiry job), changes the running totals and appends one ledger row, in the
 * caller's transaction.
 */
import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound, parseId } from '../../../platform/src/index.js';
import type { LedgerKind } from '../core/voucher-enums.js';
import { yuan } from '../core/money.js';
import { VoucherProgrammeEntity } from '../entities/voucher-programme.entity.js';
import { VoucherEntity } from '../entities/voucher.entity.js';
import { VoucherLedgerEntity } from '../entities/voucher-ledger.entity.js';

export const TEXT_MAX_CHARS = 500;

export async function lockProgramme(m: EntityManager, id: string, field = 'programmeId'): Promise<VoucherProgrammeEntity> {
  const programmeId = parseId(String(id ?? ''), field);
  const p = await m.findOne(VoucherProgrammeEntity, { where: { id: programmeId }, lock: { mode: 'pessimistic_write' } });
  if (!p) throw notFound(`找不到服务券项目 ${programmeId} (no voucher programme with id ${programmeId})`);
  return p;
}

/** The voucher's programme locked first, then the voucher itself. */
export async function lockVoucher(m: EntityManager, id: string, field = 'voucherId'): Promise<{ programme: VoucherProgrammeEntity; voucher: VoucherEntity }> {
  const voucherId = parseId(String(id ?? ''), field);
  const peek = await m.findOne(VoucherEntity, { where: { id: voucherId }, select: { id: true, programmeId: true } });
  if (!peek) throw notFound(`找不到服务券 ${voucherId} (no voucher with id ${voucherId})`);
  const programme = await lockProgramme(m, peek.programmeId);
  const voucher = (await m.findOne(VoucherEntity, { where: { id: voucherId }, lock: { mode: 'pessimistic_write' } }))!;
  return { programme, voucher };
}

export const available = (p: VoucherProgrammeEntity): number => p.budgetFen - p.reservedFen - p.redeemedFen;

export interface Movement {
  kind: LedgerKind;
  amountFen: number;
  voucherId?: string | null;
  claimId?: string | null;
  settlementBatchId?: string | null;
  note?: string | null;
  actorUserId?: string | null;
}

/**
 * Applies one movement to the programme's totals (the row must be locked by the caller) and appends
 * its ledger row. The programme row is saved by the caller once all its movements are applied.
 */
export async function move(m: EntityManager, p: VoucherProgrammeEntity, mv: Movement): Promise<void> {
  const a = mv.amountFen;
  switch (mv.kind) {
    case 'BUDGET':
      p.budgetFen += a;
      break;
    case 'RESERVE':
      if (a > available(p)) {
        throw conflict(`服务券项目预算不足：可用 ${yuan(available(p))}，本次需 ${yuan(a)} (the programme's budget cannot cover this grant)`, 'programmeId');
      }
      p.reservedFen += a;
      break;
    case 'RELEASE':
      p.reservedFen -= a;
      break;
    case 'REDEEM':
      p.reservedFen -= a;
      p.redeemedFen += a;
      break;
    case 'SETTLE':
      p.settledFen += a;
      break;
    case 'CLAW_BACK':
      p.redeemedFen -= a;
      p.settledFen -= a;
      break;
  }
  await m.insert(VoucherLedgerEntity, {
    programmeId: p.id,
    kind: mv.kind,
    amountFen: a,
    voucherId: mv.voucherId ?? null,
    claimId: mv.claimId ?? null,
    settlementBatchId: mv.settlementBatchId ?? null,
    note: mv.note ?? null,
    actorUserId: mv.actorUserId ?? null,
  });
}

export async function saveProgramme(m: EntityManager, p: VoucherProgrammeEntity): Promise<VoucherProgrammeEntity> {
  p.version += 1;
  return m.save(p);
}

/** Trimmed text within bounds; null when empty and optional. */
export function text(value: unknown, field: string, label: string, opts: { required?: boolean; max?: number } = {}): string | null {
  const max = opts.max ?? TEXT_MAX_CHARS;
  if (value == null || value === '') {
    if (opts.required) throw badInput(`请填写${label} (${field} is required)`, field);
    return null;
  }
  if (typeof value !== 'string') throw badInput(`${label}须为文本 (${field} must be a string)`, field);
  const t = value.trim();
  if (!t) {
    if (opts.required) throw badInput(`请填写${label} (${field} is required)`, field);
    return null;
  }
  if (Array.from(t).length > max) throw badInput(`${label}不能超过 ${max} 个字符 (${field} is longer than ${max} characters)`, field);
  return t;
}

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** yyyy-mm-dd plus whole months, clamped to the month's end (2026-05-31 + 9 → 2027-02-28), minus one day: the last valid day. */
export function lastValidDay(from: string, months: number): string {
  const [y, mo, d] = from.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, mo - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastOfMonth)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
