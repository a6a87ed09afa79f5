/**
 * Publish → push delivered (issue 18): the real path on the embedded default (PostgreSQL queue and
 * pub/sub) — commit of publishListing → outbox → relay → `matching.sync-listing` (scores the new
 * credit product against the firms it can reach, enters it into their sets and decides the pushes
 * in the same transaction) → `recommendation.pushed` → relay → `recommendation.publish` → pub/sub →
 * the API process → the subscribed firm's `recommendationAdded` over the websocket. Measured from
 * the publish call until the event arrives, on a world of BENCH_PUSH_FIRMS (default 20,000)
 * seeded firms, every product open to every tier in one district and the push threshold at 0 and no
 * daily cap, so each publish pushes to every firm the product reaches (the worst case for fan-out).
 * Each measured product is closed again before the next one (its removal left to settle), so the
 * firms' sets never fill with identical products (a product that enters no set is pushed to nobody).
 * BENCH_PUSH_TRACE=1 prints each sample's stage times (outbox stamps, BullMQ job timestamps).
 * As publish-latency.bench.ts measures publish → searchable. Standalone:
 * `npm run build && node dist/test/bench/push-latency.bench.js`.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openDatabase } from '../../libs/platform/src/database/database-runtime.js';
import { inTransaction } from '../../libs/platform/src/database/data-source.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { RECOMMENDATION_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { startApp, type StartedApp } from '../../apps/all-in-one/src/start.js';
import { hashPassword } from '../../libs/identity/src/auth/password-hasher.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ListingService } from '../../libs/listings/src/listing.service.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { RecommendationPushService } from '../../libs/matching/src/pushes/recommendation-push.service.js';
import { seedMatchingData } from './matching-data.js';
import { benchAppConfig, pct, post, scratchDatabase } from './bench-kit.js';

const PASSWORD = 'bench-password-1';
const DISTRICT = '330281';

const product = (title: string) => ({
  title,
  description: '以企业自有发明专利评估价值为质押，单户最高 1000 万元，适用于专精特新中小企业研发与扩产。',
  regionCodes: [DISTRICT],
  industryCodes: [],
  tags: ['知识产权质押'],
  productType: 'IP_PLEDGE',
  amountMin: 1_000_000,
  amountMax: 10_000_000,
  annualRateMin: 3.2,
  annualRateMax: 4.5,
  termMonthsMax: 36,
  eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null },
  rateType: 'LPR_FLOATING',
  guaranteeMethods: ['IP_PLEDGE'],
  pledgeRatioPercent: 50,
  partnerInvestor: null,
});

/** Milliseconds after the publish call at which each stage of one sample happened (null: not reached). */
export interface PushStages {
  committed: number | null;
  /** The relay stamped `listing.published` (its batch was claimed). */
  relayed: number | null;
  /** `matching.sync-listing` added, started and finished (BullMQ's timestamps). */
  matchQueued: number | null;
  matchStart: number | null;
  matchEnd: number | null;
  /** The relay stamped `recommendation.pushed`. */
  pushRelayed: number | null;
  /** `recommendation.publish` started and finished (the pub/sub message is out at its end). */
  publishStart: number | null;
  publishEnd: number | null;
  /** `notify.recommendation-pushed` (the in-app notices) started and finished. */
  noticeStart: number | null;
  noticeEnd: number | null;
  delivered: number | null;
}

export interface PushLatency {
  firms: number;
  /** Firms each product was pushed to (the last sample). */
  pushedTo: number;
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** Median of each stage over the samples (ms after the publish call). */
  stages: Record<keyof PushStages, number | null>;
}

/**
 * Where one sample's time went: the outbox stamps, the jobs' BullMQ timestamps (PostgreSQL backend,
 * schema `bullmq_<namespace>`) and the arrival, as ms after the publish call (`t0Wall`, epoch ms).
 */
async function stagesOf(ds: DataSource, schema: string, listingId: string, t0Wall: number, committedWall: number | null, deliveredWall: number | null): Promise<PushStages> {
  const at = (ms: number | string | Date | null | undefined) => (ms === null || ms === undefined ? null : Math.round(Number(ms instanceof Date ? ms.getTime() : ms) - t0Wall));
  const [published] = await ds.query(`SELECT id, published_at FROM outbox_events WHERE type = 'listing.published' AND aggregate_id = $1 ORDER BY id DESC LIMIT 1`, [listingId]);
  const [pushed] = await ds.query(`SELECT id, published_at FROM outbox_events WHERE type = 'recommendation.pushed' AND aggregate_id = $1 ORDER BY id DESC LIMIT 1`, [listingId]);
  const job = async (name: string, eventId: string | undefined) => {
    if (!eventId) return undefined;
    const [row] = await ds.query(`SELECT added_at_ms AS a, processed_at_ms AS p, finished_at_ms AS f FROM "${schema}".job WHERE id = $1`, [`evt-${eventId}-${name}`]);
    return row as { a: string; p: string | null; f: string | null } | undefined;
  };
  const match = await job('matching.sync-listing', published?.id);
  const publish = await job('recommendation.publish', pushed?.id);
  const notice = await job('notify.recommendation-pushed', pushed?.id);
  return {
    committed: committedWall === null ? null : Math.round(committedWall - t0Wall),
    relayed: at(published?.published_at),
    matchQueued: at(match?.a),
    matchStart: at(match?.p),
    matchEnd: at(match?.f),
    pushRelayed: at(pushed?.published_at),
    publishStart: at(publish?.p),
    publishEnd: at(publish?.f),
    noticeStart: at(notice?.p),
    noticeEnd: at(notice?.f),
    delivered: deliveredWall === null ? null : Math.round(deliveredWall - t0Wall),
  };
}

const renderStages = (s: Partial<Record<keyof PushStages, number | null>>) =>
  Object.entries(s)
    .map(([k, v]) => `${k} ${v === null || v === undefined ? '—' : `${v} ms`}`)
    .join(', ');

export async function publishToPushed(opts: { firms?: number; count?: number } = {}): Promise<PushLatency> {
  const firms = opts.firms ?? Number(process.env.BENCH_PUSH_FIRMS ?? 20_000);
  const count = opts.count ?? Number(process.env.BENCH_PUSH_SAMPLES ?? 30);
  const db = await scratchDatabase('srdi_bench_push');
  let app: StartedApp | undefined;
  const namespace = `benchp${randomBytes(3).toString('hex')}`;
  try {
    const today = todayInShanghai();
    const rt = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench-push');
    // Few listings: the sets are not full, so a new product enters every set it qualifies for.
    const tSeed = performance.now();
    await seedMatchingData(rt.dataSource, { enterprises: firms, listings: 40, today, seed: 18, tag: 'PU' });
    const tRebuild = performance.now();
    await new MatchMaintenanceService(new MatchSetService(rt.dataSource), loadConfig(process.env)).rebuildAll(today);
    if (process.env.BENCH_PUSH_TRACE) console.log(`seeded ${firms} firms in ${Math.round(tRebuild - tSeed)} ms, sets rebuilt in ${Math.round(performance.now() - tRebuild)} ms`);
    await rt.close();
    app = await startApp({
      config: benchAppConfig(db.url, {
        WORKER_CONCURRENCY: '5',
        RATE_LIMIT_MULTIPLIER: '1000',
      }),
      withWorkers: true,
      queueNamespace: namespace,
    });
    const ds = app.runtime.database.dataSource;
    const pushes = app.app.get(RecommendationPushService, { strict: false });
    for (const k of Object.keys(pushes.rules.thresholds) as Array<keyof typeof pushes.rules.thresholds>) pushes.rules.thresholds[k] = 0;
    pushes.rules.dailyCap = 1_000_000;
    const listings = app.app.get(ListingService);
    const bank = await ds.getRepository(OrganizationEntity).save({
      kind: 'BANK', name: '基准推送测试银行', uscc: makeUscc('91', DISTRICT, `PNBK${String(Date.now() % 10000).padStart(4, '0')}`), regionCode: DISTRICT, verified: true,
    });
    const actor = { userId: bank.id, organizationId: bank.id, kind: 'BANK' as const, verified: true };
    const publish = async (title: string) => {
      const draft = await inTransaction(ds, (m) => listings.createCreditProduct(m, actor, product(title) as never));
      const t0 = performance.now();
      const t0Wall = Date.now();
      await inTransaction(ds, (m) => listings.publish(m, actor, draft.listing.id));
      return { id: draft.listing.id, t0, t0Wall, committedWall: Date.now() };
    };
    const schema = `bullmq_${namespace}`;
    /** Waits until the closed listing left every set and no job is waiting or running (the next sample starts on a quiet queue). */
    const settled = async (listingId: string) => {
      for (const until = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 50))) {
        const [{ n }] = await ds.query(
          `SELECT (SELECT count(*) FROM matches WHERE listing_id = $1) + (SELECT count(*) FROM outbox_events WHERE published_at IS NULL)
                  + (SELECT count(*) FROM "${schema}".job WHERE state IN ('waiting', 'active')) AS n`,
          [listingId],
        );
        if (Number(n) === 0) return;
        if (Date.now() > until) throw new Error(`closing ${listingId} did not settle within 120 s`);
      }
    };
    // Warm-up: the firm the first product reaches best becomes the subscriber.
    const warm = await publish('推送延迟预热产品');
    let target: string | undefined;
    for (const until = Date.now() + 120_000; !target && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const [row] = await ds.query('SELECT enterprise_organization_id AS e FROM recommendation_entries WHERE listing_id = $1 AND pushed_at IS NOT NULL ORDER BY score DESC LIMIT 1', [warm.id]);
      target = row?.e;
    }
    if (!target) throw new Error(`the warm-up product was pushed to no firm (${renderStages(await stagesOf(ds, schema, warm.id, warm.t0Wall, warm.committedWall, null))})`);
    if (process.env.BENCH_PUSH_TRACE) console.log(`warm-up: ${renderStages(await stagesOf(ds, schema, warm.id, warm.t0Wall, warm.committedWall, null))}`);
    const email = `push-bench-${randomBytes(3).toString('hex')}@bench.srdi.example`;
    await ds.query(`INSERT INTO users (email, password_hash, display_name, organization_id) VALUES ($1, $2, 'bench', $3)`, [email, await hashPassword(PASSWORD), target]);
    const token = (await post(app.graphqlUrl, `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email, password: PASSWORD } })).login.accessToken as string;
    const arrived = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const client = createClient({ url: app.graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    client.subscribe<{ recommendationAdded: { listing: { id: string } } }>(
      { query: 'subscription { recommendationAdded { score listing { id } } }' },
      {
        next: (r) => {
          const id = r.data?.recommendationAdded.listing.id;
          if (!id) return;
          arrived.set(id, performance.now());
          waiters.get(id)?.();
        },
        error: (err) => console.error('subscription error', err),
        complete: () => undefined,
      },
    );
    for (const until = Date.now() + 15_000; app.runtime.pubsub.listenerCount(RECOMMENDATION_ADDED) < 1; await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() > until) throw new Error('the subscription did not arrive');
    }
    // Let the warm-up's fan-out finish before measuring.
    await new Promise((r) => setTimeout(r, 2_000));
    await settled('00000000-0000-0000-0000-000000000000');
    const times: number[] = [];
    const samples: PushStages[] = [];
    let pushedTo = 0;
    for (let i = 0; i < count; i++) {
      const { id, t0, t0Wall, committedWall } = await publish(`推送延迟测试产品 ${i}`);
      await new Promise<void>((resolve, reject) => {
        if (arrived.has(id)) return resolve();
        const timer = setTimeout(() => {
          void stagesOf(ds, schema, id, t0Wall, committedWall, null).then(
            async (s) => {
              const jobs = await ds.query(
                `SELECT id, name, state, attempts_made, failed_reason, added_at_ms - $2::bigint AS added, processed_at_ms - $2::bigint AS started, finished_at_ms - $2::bigint AS finished
                   FROM "${schema}".job WHERE data->'data'->>'listingId' = $1 OR data->>'aggregateId' = $1 OR id LIKE ANY (SELECT 'evt-' || id || '-%' FROM outbox_events WHERE aggregate_id = $1)`,
                [id, t0Wall],
              );
              const events = await ds.query(`SELECT id, type, created_at, published_at FROM outbox_events WHERE aggregate_id = $1`, [id]);
              const entries = await ds.query(`SELECT count(*)::int AS n, count(pushed_at)::int AS pushed, min(skip_reason) AS skip FROM recommendation_entries WHERE listing_id = $1`, [id]);
              const unrelayed = await ds.query(`SELECT type, count(*)::int AS n, min(created_at) AS oldest FROM outbox_events WHERE published_at IS NULL GROUP BY 1`);
              const waiting = await ds.query(`SELECT queue, state, count(*)::int AS n FROM "${schema}".job WHERE state IN ('waiting', 'active', 'delayed') GROUP BY 1, 2`);
              console.error(JSON.stringify({ jobs, events, entries, unrelayed, waiting }, null, 1));
              reject(new Error(`no push of ${id} within 60 s (${renderStages(s)})`));
            },
            reject,
          );
        }, 60_000);
        waiters.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      times.push(arrived.get(id)! - t0);
      // The arrival in wall-clock time: the same offset from the publish call.
      samples.push(await stagesOf(ds, schema, id, t0Wall, committedWall, t0Wall + (arrived.get(id)! - t0)));
      if (process.env.BENCH_PUSH_TRACE) console.log(`sample ${i}: ${renderStages(samples[samples.length - 1]!)}`);
      [{ n: pushedTo }] = await ds.query('SELECT count(*)::int AS n FROM recommendation_entries WHERE listing_id = $1 AND pushed_at IS NOT NULL', [id]);
      // Close it again and let its removal (and the sets' refill) finish: otherwise the identical
      // products fill the firms' credit sets (MATCH_SET_BOUNDS.perKind = 20) and a later one, losing
      // every tie on its listing id, enters no set and is rightly pushed to nobody.
      await inTransaction(ds, (m) => listings.close(m, actor, id));
      await settled(id);
    }
    await client.dispose();
    times.sort((a, b) => a - b);
    const stages = Object.fromEntries(
      (Object.keys(samples[0] ?? {}) as Array<keyof PushStages>).map((k) => {
        const xs = samples.map((s) => s[k]).filter((v): v is number => v !== null).sort((a, b) => a - b);
        return [k, xs.length ? pct(xs, 50) : null];
      }),
    ) as Record<keyof PushStages, number | null>;
    return { firms, pushedTo, count, p50: pct(times, 50), p95: pct(times, 95), max: times[times.length - 1]!, stages };
  } finally {
    await app?.close();
    await db.drop();
  }
}

export const renderPushLatency = (r: PushLatency) =>
  `publish → push delivered over the websocket (embedded default: PostgreSQL queue and pub/sub; ${r.firms} firms, each product pushed to ${r.pushedTo}): n=${r.count} p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms; median stage times after the publish call: ${renderStages(r.stages)}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderPushLatency(await publishToPushed()));
  process.exit(0);
}
