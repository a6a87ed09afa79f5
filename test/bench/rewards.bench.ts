/**
 * Policy rewards (issue 23): every shipped policy for N firms (default 20,000; goal ≤ 10 s).
 *  - pure: the evaluator alone on generated facts (titles, 揭榜 projects with tranches, payouts);
 *  - stored: the nightly path — facts loaded from PostgreSQL (title decisions, imported titles,
 *    accepted 揭榜 applications, paid lines), evaluated, and upserted into policy_entitlements, in
 *    transactions of 1,000 firms, on a scratch database.
 * Run alone: `npm run build && node dist/test/bench/rewards.bench.js [firms]`; `npm run bench` runs it
 * (BENCH_REWARDS=off skips it; BENCH_REWARDS_FIRMS sets N).
 */
import { DataSource } from 'typeorm';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { RewardsService } from '../../libs/rewards/src/rewards.service.js';
import { SHIPPED_POLICY_SET, evaluateRewards, type OrganizationFacts, type TitleTier } from '../../libs/rewards/src/core/index.js';
import { scratchDatabase } from './bench-kit.js';

const REGIONS = ['330281', '330203', '330205', '330212', '330213', '330282', '330206', '330106'];
const TIERS: TitleTier[] = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'];
const AS_OF = '2026-12-05';

/** Deterministic pseudo-random numbers (the same firms every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

export function generatedFacts(firms: number): OrganizationFacts[] {
  const r = rng(23);
  const out: OrganizationFacts[] = [];
  for (let i = 0; i < firms; i++) {
    const titles = r() < 0.6 ? [{ tier: TIERS[Math.floor(r() * 4)]!, certifiedOn: `202${2 + Math.floor(r() * 5)}-0${1 + Math.floor(r() * 9)}-15`, provenance: { kind: 'CONFIRMED_TITLE' as const, reference: `d${i}` } }] : [];
    if (r() < 0.2) titles.push({ tier: 'SPECIALIZED_SME', certifiedOn: '2022-09-01', provenance: { kind: 'CONFIRMED_TITLE', reference: `e${i}` } });
    const challenges =
      r() < 0.1
        ? [{
            projectId: `p${i}`,
            acceptedOn: '2025-04-01',
            category: 'INDUSTRIAL' as const,
            plannedInvestment: Math.floor(r() * 5_000_000),
            ...(r() < 0.5 ? { actualInvestment: { amount: Math.floor(r() * 8_000_000), recordedOn: '2026-03-01', provenance: { kind: 'RECORDED_RD' as const } }, completion: { on: '2026-03-01', passed: r() < 0.9, provenance: { kind: 'RECORDED_ACCEPTANCE' as const } } } : {}),
          }]
        : [];
    const paid = r() < 0.05 ? [{ policyId: 'YUYAO-2022-SPECIALIZED-FIRST', amount: 50_000, paidOn: '2023-01-10', reference: `R${i}` }] : [];
    out.push({ organizationId: `org-${i}`, kind: 'ENTERPRISE', regionCode: REGIONS[i % REGIONS.length]!, titles, challenges, paid });
  }
  return out;
}

export function pureRewards(firms: number): { firms: number; seconds: number; entitlements: number; amount: number } {
  const facts = generatedFacts(firms);
  for (let i = 0; i < Math.min(500, firms); i++) evaluateRewards(SHIPPED_POLICY_SET, facts[i]!, AS_OF); // warm-up
  const t0 = performance.now();
  let entitlements = 0;
  let amount = 0;
  for (const f of facts) {
    const e = evaluateRewards(SHIPPED_POLICY_SET, f, AS_OF);
    entitlements += e.entitlements.length;
    for (const x of e.entitlements) amount += x.amount;
  }
  return { firms, seconds: (performance.now() - t0) / 1000, entitlements, amount };
}

/** Inserts `firms` enterprises with confirmed titles (some imported), then times the nightly evaluation over them. */
export async function storedRewards(firms: number): Promise<{ firms: number; seconds: number; rows: number }> {
  const db = await scratchDatabase('srdi_bench_rewards');
  const ds: DataSource = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-bench-rewards');
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.query(
      `INSERT INTO organizations (id, kind, name, uscc, region_code, verified)
       SELECT gen_random_uuid(), 'ENTERPRISE', 'bench firm ' || i, 'BENCH' || lpad(i::text, 13, '0'),
              (ARRAY['330281','330203','330205','330212','330213','330282','330206','330106'])[1 + i % 8], true
         FROM generate_series(1, $1) AS i`,
      [firms],
    );
    await ds.query(
      `INSERT INTO enterprise_profiles (organization_id, industry_code, tier, tier_certified_on, tier_provenance, founded_on, main_business_since, invention_patents, utility_models)
       SELECT id, 'C3484', (ARRAY['INNOVATIVE_SME','SPECIALIZED_SME','LITTLE_GIANT','KEY_LITTLE_GIANT'])[1 + (hashtext(id::text) & 3)]::enterprise_tier,
              DATE '2023-01-15' + (hashtext(id::text) & 1023), 'IMPORTED', DATE '2014-01-01', DATE '2015-01-01', 1, 1
         FROM organizations WHERE uscc LIKE 'BENCH%'`,
    );
    const authority = (await ds.query(`INSERT INTO organizations (id, kind, name, region_code, verified) VALUES (gen_random_uuid(), 'AUTHORITY', 'bench bureau', '330200', true) RETURNING id`))[0].id;
    const [{ user }] = await ds.query(
      `INSERT INTO users (id, organization_id, email, password_hash, display_name) VALUES (gen_random_uuid(), $1, 'bench@bureau.test', 'x', 'bench') RETURNING id AS user`,
      [authority],
    );
    // Half the firms also have an earlier confirmed 专精特新 (就高不重复 and first-time checks).
    await ds.query(
      `INSERT INTO enterprise_title_decisions (organization_id, outcome, tier, certified_on, decided_by)
       SELECT organization_id, 'CONFIRMED', 'SPECIALIZED_SME', DATE '2022-09-01', $1 FROM enterprise_profiles WHERE hashtext(organization_id::text) & 4 = 0`,
      [user],
    );
    const service = new RewardsService(ds);
    const t0 = performance.now();
    for await (const ids of service.allOrganizationIds()) await service.evaluate(ids, AS_OF, undefined, 'bulk');
    const seconds = (performance.now() - t0) / 1000;
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM policy_entitlements');
    return { firms, seconds, rows: n };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

export async function runRewardsBench(firms = Number(process.env.BENCH_REWARDS_FIRMS ?? 20_000)): Promise<string> {
  const pure = pureRewards(firms);
  const stored = await storedRewards(firms);
  return [
    `policy rewards (${SHIPPED_POLICY_SET.policies.length} shipped policies, goal ≤ 10 s for 20,000 firms):`,
    `- pure evaluator: ${pure.firms} firms in ${pure.seconds.toFixed(2)} s (${(pure.firms / pure.seconds).toFixed(0)} firms/s; ${pure.entitlements} entitlements)`,
    `- stored nightly run (load facts, evaluate, upsert; 1,000 firms per transaction): ${stored.firms} firms in ${stored.seconds.toFixed(2)} s (${(stored.firms / stored.seconds).toFixed(0)} firms/s; ${stored.rows} rows)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runRewardsBench(Number(process.argv[2] ?? process.env.BENCH_REWARDS_FIRMS ?? 20_000)));
  process.exit(0);
}
