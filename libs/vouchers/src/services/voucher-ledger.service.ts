import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseId } from '../../../platform/src/index.js';

/** One figure that disagrees with the ledger. */
export interface LedgerDiscrepancy {
  readonly programmeId: string;
  /** Null for a programme's total. */
  readonly voucherId: string | null;
  /** reserved | redeemed | settled | budget (programme), outstanding | redeemed (voucher). */
  readonly figure: string;
  /** What the ledger says, in fen. */
  readonly ledgerFen: number;
  /** What the row says, in fen. */
  readonly rowFen: number;
}

export interface ReconcileReport {
  readonly programmes: number;
  readonly vouchers: number;
  readonly discrepancies: LedgerDiscrepancy[];
}

export interface VoucherFigureRow {
  /** The programme, category, region or institution (id or code). */
  readonly key: string;
  readonly grantedFen: number;
  readonly reservedFen: number;
  readonly redeemedFen: number;
  readonly settledFen: number;
}

export interface VoucherFigures {
  readonly budgetFen: number;
  readonly reservedFen: number;
  readonly redeemedFen: number;
  readonly settledFen: number;
  readonly availableFen: number;
  /** Vouchers redeemed ÷ vouchers granted (null without any). */
  readonly redemptionRate: number | null;
  /** Median whole days from grant to approval of the claim (null without any). */
  readonly medianDaysToRedemption: number | null;
  /** Flagged claims ÷ claims (null without any). */
  readonly flaggedClaimRate: number | null;
  readonly byCategory: VoucherFigureRow[];
  readonly byRegion: VoucherFigureRow[];
  readonly byInstitution: VoucherFigureRow[];
}

const n = (v: unknown): number => Number(v ?? 0);

/**
 * The ledger's read side (issue 22 item 5): the reconcile that derives every balance from the
 * append-only ledger and compares it with the running totals on the rows, and the AUTHORITY's figures.
 */
@Injectable()
export class VoucherLedgerService {
  /** Compares every programme's totals and every voucher's balance with the ledger; `programmeId` narrows it to one programme. */
  async reconcile(m: EntityManager, programmeId?: string | null): Promise<ReconcileReport> {
    const only = programmeId ? parseId(programmeId, 'programmeId') : null;
    const programmes: Array<Record<string, string>> = await m.query(
      `SELECT p.id, p.budget_fen, p.reserved_fen, p.redeemed_fen, p.settled_fen,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'BUDGET'), 0) AS l_budget,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'RESERVE'), 0) - COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind IN ('RELEASE', 'REDEEM')), 0) AS l_reserved,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'REDEEM'), 0) - COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'CLAW_BACK'), 0) AS l_redeemed,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'SETTLE'), 0) - COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'CLAW_BACK'), 0) AS l_settled
         FROM voucher_programmes p LEFT JOIN voucher_ledger l ON l.programme_id = p.id
        WHERE ($1::uuid IS NULL OR p.id = $1) GROUP BY p.id`,
      [only],
    );
    const out: LedgerDiscrepancy[] = [];
    for (const p of programmes) {
      for (const [figure, row, ledger] of [['budget', p.budget_fen, p.l_budget], ['reserved', p.reserved_fen, p.l_reserved], ['redeemed', p.redeemed_fen, p.l_redeemed], ['settled', p.settled_fen, p.l_settled]] as const) {
        if (n(row) !== n(ledger)) out.push({ programmeId: p.id!, voucherId: null, figure, ledgerFen: n(ledger), rowFen: n(row) });
      }
    }
    const vouchers: Array<Record<string, string>> = await m.query(
      `SELECT v.id, v.programme_id,
              CASE WHEN v.status = 'GRANTED' THEN v.amount_fen - v.redeemed_fen ELSE 0 END AS outstanding, v.redeemed_fen,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'RESERVE'), 0) - COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind IN ('RELEASE', 'REDEEM')), 0) AS l_outstanding,
              COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'REDEEM'), 0) - COALESCE(sum(l.amount_fen) FILTER (WHERE l.kind = 'CLAW_BACK'), 0) AS l_redeemed
         FROM vouchers v LEFT JOIN voucher_ledger l ON l.voucher_id = v.id
        WHERE ($1::uuid IS NULL OR v.programme_id = $1) AND v.status NOT IN ('APPLIED', 'DECLINED')
        GROUP BY v.id`,
      [only],
    );
    for (const v of vouchers) {
      if (n(v.outstanding) !== n(v.l_outstanding)) out.push({ programmeId: v.programme_id!, voucherId: v.id!, figure: 'outstanding', ledgerFen: n(v.l_outstanding), rowFen: n(v.outstanding) });
      if (n(v.redeemed_fen) !== n(v.l_redeemed)) out.push({ programmeId: v.programme_id!, voucherId: v.id!, figure: 'redeemed', ledgerFen: n(v.l_redeemed), rowFen: n(v.redeemed_fen) });
    }
    return { programmes: programmes.length, vouchers: vouchers.length, discrepancies: out };
  }

  /** Budget committed, redeemed and settled by programme, category, region and institution, and the rates. */
  async figures(m: EntityManager, programmeId: string): Promise<VoucherFigures | null> {
    const id = parseId(programmeId, 'programmeId');
    const [p] = await m.query(`SELECT budget_fen, reserved_fen, redeemed_fen, settled_fen FROM voucher_programmes WHERE id = $1`, [id]);
    if (!p) return null;
    const [rates] = await m.query(
      `SELECT (SELECT count(*) FROM vouchers WHERE programme_id = $1 AND granted_at IS NOT NULL)::int AS granted,
              (SELECT count(*) FROM vouchers WHERE programme_id = $1 AND status = 'REDEEMED')::int AS redeemed,
              (SELECT count(*) FROM voucher_claims WHERE programme_id = $1)::int AS claims,
              (SELECT count(*) FROM voucher_claims WHERE programme_id = $1 AND flagged)::int AS flagged,
              (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.approved_at - v.granted_at) / 86400)
                 FROM voucher_claims c JOIN vouchers v ON v.id = c.voucher_id WHERE c.programme_id = $1 AND c.approved_at IS NOT NULL) AS median_days`,
      [id],
    );
    const by = async (keySql: string, join = ''): Promise<VoucherFigureRow[]> => {
      const rows: Array<Record<string, string>> = await m.query(
        `SELECT ${keySql} AS key,
                COALESCE(sum(v.amount_fen) FILTER (WHERE v.granted_at IS NOT NULL), 0) AS granted,
                COALESCE(sum(v.amount_fen - v.redeemed_fen) FILTER (WHERE v.status = 'GRANTED'), 0) AS reserved,
                COALESCE(sum(v.redeemed_fen), 0) AS redeemed,
                COALESCE(sum(c.claim_fen) FILTER (WHERE c.status = 'SETTLED'), 0) AS settled
           FROM vouchers v ${join}
           LEFT JOIN voucher_claims c ON c.voucher_id = v.id AND c.status IN ('APPROVED', 'SETTLED')
          WHERE v.programme_id = $1 AND v.granted_at IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 200`,
        [id],
      );
      return rows.map((r) => ({ key: r.key ?? '', grantedFen: n(r.granted), reservedFen: n(r.reserved), redeemedFen: n(r.redeemed), settledFen: n(r.settled) }));
    };
    const ratio = (a: number, b: number): number | null => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
    return {
      budgetFen: n(p.budget_fen),
      reservedFen: n(p.reserved_fen),
      redeemedFen: n(p.redeemed_fen),
      settledFen: n(p.settled_fen),
      availableFen: n(p.budget_fen) - n(p.reserved_fen) - n(p.redeemed_fen),
      redemptionRate: ratio(rates.redeemed, rates.granted),
      medianDaysToRedemption: rates.median_days == null ? null : Math.round(Number(rates.median_days) * 10) / 10,
      flaggedClaimRate: ratio(rates.flagged, rates.claims),
      byCategory: await by('v.service_category'),
      byRegion: await by('o.region_code', 'JOIN organizations o ON o.id = v.firm_organization_id'),
      byInstitution: await by(`COALESCE(ic.institution_organization_id::text, '')`, `LEFT JOIN LATERAL (SELECT institution_organization_id FROM voucher_claims WHERE voucher_id = v.id ORDER BY created_at DESC LIMIT 1) ic ON true`),
    };
  }
}
