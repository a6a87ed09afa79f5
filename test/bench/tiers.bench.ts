import { randomUUID } from 'node:crypto';
import type { StartedApp } from '../../apps/api/src/bootstrap.js';
import { JOB_CATALOG } from '../../libs/platform/src/queue/job-catalog.js';
import { RULE_SETS, SAMPLE_FACTS, evaluateTiers } from '../../libs/tiers/src/index.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

/** Pure evaluator: firm × rule-set evaluations (3 tiers each) per second, single thread. */
export function evaluatorThroughput(iterations = 20_000): { evaluationsPerSecond: number; iterations: number } {
  const samples = Object.values(SAMPLE_FACTS);
  const sets = Object.values(RULE_SETS);
  for (let i = 0; i < 500; i++) evaluateTiers(sets[i % sets.length]!, samples[i % samples.length]!); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) evaluateTiers(sets[i % sets.length]!, samples[i % samples.length]!);
  return { iterations, evaluationsPerSecond: iterations / ((performance.now() - t0) / 1000) };
}

/**
 * Inserts `count` enterprises with a profile and three financial years straight in SQL, then
 * times a nightly reassessment through the queue (fan-out job + one job per firm) until every
 * firm has its assessments for the run.
 */
export async function reassessThroughQueue(app: StartedApp, count: number) {
  const ds = app.runtime.database.dataSource;
  // Relative to today: the last three closed financial years, titles certified two years ago.
  const year = Number(todayInShanghai().slice(0, 4));
  const certifiedOn = `${year - 2}-02-01`;
  await ds.query(
    `INSERT INTO organizations (id, kind, name, uscc, region_code, verified)
     SELECT gen_random_uuid(), 'ENTERPRISE', 'bench firm ' || i, 'BENCH' || lpad(i::text, 13, '0'), '330281', true
       FROM generate_series(1, $1) AS i`,
    [count],
  );
  await ds.query(
    `INSERT INTO enterprise_profiles (organization_id, industry_code, tier, tier_certified_on, founded_on, main_business_since,
        invention_patents, utility_models, tier_facts)
     SELECT id, 'C3484', CASE WHEN random() < 0.3 THEN 'INNOVATIVE_SME'::enterprise_tier ELSE 'NONE'::enterprise_tier END,
            CASE WHEN random() < 0.3 THEN $1::date END, DATE '2014-01-01', DATE '2015-01-01',
            (random() * 6)::int, (random() * 20)::int, '{"honours": [], "awards": [], "rdInstitutionLevel": "NONE", "strategicEmergingIndustry": true}'
       FROM organizations WHERE uscc LIKE 'BENCH%'`,
    [certifiedOn],
  );
  await ds.query(`UPDATE enterprise_profiles SET tier_certified_on = NULL WHERE tier = 'NONE'`);
  await ds.query(`UPDATE enterprise_profiles SET tier_certified_on = $1::date WHERE tier <> 'NONE' AND tier_certified_on IS NULL`, [certifiedOn]);
  await ds.query(`UPDATE enterprise_profiles SET tier_provenance = 'IMPORTED' WHERE tier <> 'NONE'`);
  await ds.query(
    `INSERT INTO enterprise_financials (organization_id, year, revenue, main_business_revenue, rd_expense, total_assets, total_liabilities, employees, rd_employees, equity_financing)
     SELECT p.organization_id, y, r, (r * 0.85)::bigint, (r * (0.005 + random() * 0.06))::bigint, r * 2, r, 80, 12, 0
       FROM enterprise_profiles p, generate_series($1::int - 3, $1::int - 1) AS y,
            LATERAL (SELECT (10000000 + random() * 50000000)::bigint * (1 + (y - ($1::int - 3)) * 0.1)::numeric AS raw) x,
            LATERAL (SELECT x.raw::bigint AS r) rr`,
    [year],
  );
  const runId = `bench-${randomUUID().slice(0, 8)}`;
  const before = Number((await ds.query('SELECT count(*) AS n FROM tier_assessments'))[0].n);
  const t0 = performance.now();
  await app.runtime.queues.queue(JOB_CATALOG['tiers.reassess-all'].queue).add('tiers.reassess-all', { runId }, { jobId: runId });
  const expected = before + count * 6; // two rule sets × three tiers, application mode
  for (;;) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tier_assessments WHERE mode = 'NEW'`);
    if (n >= expected && (await app.runtime.queues.pendingJobs()) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  const [{ risk }] = await ds.query('SELECT count(*)::int AS risk FROM enterprise_profiles WHERE review_risk IS NOT NULL');
  return { firms: count, seconds, firmsPerSecond: count / seconds, atRisk: risk as number };
}
