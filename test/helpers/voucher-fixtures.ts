import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';
import { sql } from './listing-fixtures.js';

/** How far along a voucher fixture goes. */
export type VoucherStage = 'DRAFT_PROGRAMME' | 'OPEN_PROGRAMME' | 'APPLIED' | 'GRANTED' | 'ATTACHED' | 'SUBMITTED' | 'CONFIRMED' | 'APPROVED' | 'SETTLED';

export interface VoucherFixture {
  programmeId: string;
  voucherId?: string;
  requestId?: string;
  claimId?: string;
}

const ORDER: VoucherStage[] = ['DRAFT_PROGRAMME', 'OPEN_PROGRAMME', 'APPLIED', 'GRANTED', 'ATTACHED', 'SUBMITTED', 'CONFIRMED', 'APPROVED', 'SETTLED'];
const AMOUNT = 100_000;
const CLAIM = 60_000;

/**
 * Voucher rows written straight into the database (for access tests that need a row in a given
 * state, not the journey that leads there): an OPEN programme of 10 000 元 with `institution`
 * contracted, and — as far as `stage` asks — a voucher of 1 000 元 for `firm` (applied, granted,
 * attached to an accepted match request for the institution's offering) and a claim of 600 元 on it.
 * The ledger and the programme's totals are written consistently.
 */
export async function voucherFixture(app: TestApp, stage: VoucherStage, firm?: string, institution?: string): Promise<VoucherFixture> {
  const at = (s: VoucherStage) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
  const tag = randomBytes(4).toString('hex');
  const [p] = await sql(
    app,
    `INSERT INTO voucher_programmes (name, issuer, authority_organization_id, status, budget_fen, cover_percent, cap_per_voucher_fen, cap_per_firm_year_fen, service_categories, apply_from, apply_until, validity_months, spot_check_seed, fraud_thresholds)
     SELECT $1, '宁波市经济和信息化局', id, $2, 1000000, 50, 200000, 400000, '{POLICY_APPLICATION}', (now() AT TIME ZONE 'Asia/Shanghai')::date - 1, (now() AT TIME ZONE 'Asia/Shanghai')::date + 60, 9, $3, '{"spotCheck":{"sharePercent":0}}'::jsonb
       FROM organizations WHERE kind = 'AUTHORITY' LIMIT 1 RETURNING id`,
    [`访问测试服务券 ${tag}`, at('OPEN_PROGRAMME') ? 'OPEN' : 'DRAFT', tag],
  );
  const programmeId = p.id as string;
  await sql(app, `INSERT INTO voucher_ledger (programme_id, kind, amount_fen, note) VALUES ($1, 'BUDGET', 1000000, '初始预算')`, [programmeId]);
  if (institution) await sql(app, `INSERT INTO voucher_contracted_institutions (programme_id, institution_organization_id, added_reason, added_by) SELECT $1, $2, '测试签约', id FROM users LIMIT 1`, [programmeId, institution]);
  if (!at('APPLIED') || !firm) return { programmeId };
  const granted = at('GRANTED');
  const [v] = await sql(
    app,
    `INSERT INTO vouchers (programme_id, firm_organization_id, service_category, amount_fen, status, purpose, code, granted_at, expires_on)
     VALUES ($1, $2, 'POLICY_APPLICATION', $3, $4, '政策申报辅导', $5, CASE WHEN $6 THEN now() - interval '1 day' END, CASE WHEN $6 THEN (now() AT TIME ZONE 'Asia/Shanghai')::date + 200 END) RETURNING id`,
    [programmeId, firm, AMOUNT, granted ? 'GRANTED' : 'APPLIED', granted ? `SVTEST-${tag.toUpperCase()}` : null, granted],
  );
  const voucherId = v.id as string;
  if (!granted) return { programmeId, voucherId };
  await sql(app, `INSERT INTO voucher_ledger (programme_id, voucher_id, kind, amount_fen) VALUES ($1, $2, 'RESERVE', $3)`, [programmeId, voucherId, AMOUNT]);
  await sql(app, `UPDATE voucher_programmes SET reserved_fen = $2 WHERE id = $1`, [programmeId, AMOUNT]);
  if (!at('ATTACHED') || !institution) return { programmeId, voucherId };
  const [l] = await sql(
    app,
    `INSERT INTO listings (kind, owner_organization_id, status, title, description, region_codes, industry_codes, tags, published_at)
     VALUES ('SERVICE_OFFERING', $1, 'PUBLISHED', $2, '专精特新申报辅导，逐项诊断与材料梳理。', '{330281}', '{}', '{}', now()) RETURNING id`,
    [institution, `访问测试申报辅导 ${tag}`],
  );
  await sql(app, `INSERT INTO service_offerings (listing_id, category, price_min, price_max, accepts_service_voucher) VALUES ($1, 'POLICY_APPLICATION', 1000, 5000, true)`, [l.id]);
  const [r] = await sql(
    app,
    `INSERT INTO match_requests (listing_id, listing_kind, owner_organization_id, enterprise_organization_id, enterprise_region_code, share_profile, status, responded_at)
     VALUES ($1, 'SERVICE_OFFERING', $2, $3, '330281', false, 'ACCEPTED', now()) RETURNING id`,
    [l.id, institution, firm],
  );
  const requestId = r.id as string;
  await sql(app, `UPDATE vouchers SET match_request_id = $2 WHERE id = $1`, [voucherId, requestId]);
  if (!at('SUBMITTED')) return { programmeId, voucherId, requestId };
  const status = stage === 'SUBMITTED' ? 'SUBMITTED' : stage === 'CONFIRMED' ? 'CONFIRMED' : stage;
  const [c] = await sql(
    app,
    `INSERT INTO voucher_claims (voucher_id, programme_id, firm_organization_id, institution_organization_id, match_request_id, offering_listing_id, service_category, contract_value_fen, claim_fen, invoice_number, delivered_on, status, spot_draw, approved_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'POLICY_APPLICATION', 150000, $7, $8, (now() AT TIME ZONE 'Asia/Shanghai')::date, $9, 0.5, CASE WHEN $10 THEN now() END) RETURNING id`,
    [voucherId, programmeId, firm, institution, requestId, l.id, CLAIM, `INV${tag}`, status, at('APPROVED')],
  );
  const claimId = c.id as string;
  if (at('APPROVED')) {
    await sql(app, `INSERT INTO voucher_ledger (programme_id, voucher_id, claim_id, kind, amount_fen) VALUES ($1, $2, $3, 'REDEEM', $4), ($1, $2, $3, 'RELEASE', $5)`, [programmeId, voucherId, claimId, CLAIM, AMOUNT - CLAIM]);
    await sql(app, `UPDATE voucher_programmes SET reserved_fen = 0, redeemed_fen = $2 WHERE id = $1`, [programmeId, CLAIM]);
    await sql(app, `UPDATE vouchers SET status = 'REDEEMED', redeemed_fen = $2 WHERE id = $1`, [voucherId, CLAIM]);
  }
  if (at('SETTLED')) {
    const [b] = await sql(app, `INSERT INTO voucher_settlement_batches (programme_id, claim_count, total_fen, settled_by) SELECT $1, 1, $2, id FROM users LIMIT 1 RETURNING id`, [programmeId, CLAIM]);
    await sql(app, `INSERT INTO voucher_ledger (programme_id, voucher_id, claim_id, settlement_batch_id, kind, amount_fen) VALUES ($1, $2, $3, $4, 'SETTLE', $5)`, [programmeId, voucherId, claimId, b.id, CLAIM]);
    await sql(app, `UPDATE voucher_programmes SET settled_fen = $2 WHERE id = $1`, [programmeId, CLAIM]);
    await sql(app, `UPDATE voucher_claims SET settlement_batch_id = $2 WHERE id = $1`, [claimId, b.id]);
  }
  return { programmeId, voucherId, requestId, claimId };
}

export const voucherRow = async (app: TestApp, table: 'voucher_programmes' | 'vouchers' | 'voucher_claims', id: string): Promise<Record<string, unknown>> =>
  (await sql(app, `SELECT * FROM ${table} WHERE id = $1`, [id]))[0];

/** Fingerprint of every voucher table (whole rows), to prove a refused call wrote nothing. */
export async function voucherSnapshot(app: TestApp): Promise<string> {
  const tables = ['voucher_programmes', 'voucher_contracted_institutions', 'vouchers', 'voucher_claims', 'voucher_ledger', 'voucher_settlement_batches'];
  const parts = tables.map((t) => `(SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${t} t)`);
  const [row] = await sql(app, `SELECT concat_ws('/', ${parts.join(', ')}) AS s`);
  return row.s as string;
}
