import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { WsSubscriber } from '../helpers/ws-subscriber.js';
import { AppProcess } from '../helpers/app-process.js';
import { Inspector } from './checks.js';
import { must } from './client.js';
import { assertCleanAnswers, CONVERGE_TIMEOUT_MS, printTally, report, skipReason, sleep } from './harness.js';
import { RoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { PrivatePostgres, PrivateRedis } from './services.js';
import { Q, World } from './workload.js';

/**
 * Scenario 5: the production topology (issue 21, ADR 0039) — two API processes (`start:api`, each
 * with its own embedded search replica, no Meilisearch) and two worker processes (`start:worker`)
 * on PostgreSQL + Redis, behind a round-robin proxy. Under a stream of real mutations one API and
 * one worker are killed with SIGKILL, then Redis is restarted. Afterwards: every acknowledged
 * change is in the database, nothing is half-written or doubled, no job failed, every API
 * process's replica answers search exactly as the database says, and a subscription opened on one
 * API process receives what a mutation through the other one caused.
 */
const maybe = skipReason ? describe.skip : describe;
const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`;

maybe('the production topology: 2 API + 2 worker processes on PostgreSQL + Redis, no Meilisearch', () => {
  let pg: PrivatePostgres | undefined;
  let redis: PrivateRedis | undefined;
  const processes: AppProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  let inspector: Inspector | undefined;

  afterAll(async () => {
    await proxy?.close().catch(() => undefined);
    for (const p of processes) await p.close().catch(() => undefined);
    await inspector?.close().catch(() => undefined);
    await redis?.close().catch(() => undefined);
    await pg?.close().catch(() => undefined);
  });

  it('loses no acknowledged change, doubles nothing, converges every replica and delivers subscriptions across processes', async () => {
    const label = 'topology';
    pg = await PrivatePostgres.start();
    redis = await PrivateRedis.start();
    const databaseUrl = await pg.createDatabase(`srdi_fault_${randomBytes(3).toString('hex')}`);
    const make = (entry: 'api' | 'worker') => {
      const p = new AppProcess({ entry, databaseUrl, redisUrl: redis!.url });
      processes.push(p);
      return p;
    };
    const apis = [make('api'), make('api')];
    const workers = [make('worker'), make('worker')];
    // One at a time: the first runs the migrations and creates the AUTHORITY account.
    const boot: string[] = [];
    for (const p of [...apis, ...workers]) boot.push(`${(await p.start()).ms} ms`);
    report(label, `2 API + 2 worker processes started (${boot.join(', ')}), queue and pub/sub on Redis, search: a replica in each API process`);
    proxy = new RoundRobinProxy(() => apis.map((a) => a.url));
    await proxy.start();
    inspector = new Inspector(databaseUrl, redis.url);
    await inspector.open();
    const world = new World(() => proxy!.url);
    await world.setUp();

    let stop = false;
    const stream = world.stream(4, () => stop);
    await sleep(2_000);
    const killedAt = Date.now();
    await Promise.all([apis[0]!.kill(), workers[0]!.kill()]);
    await sleep(2_000);
    const redisDown = Date.now();
    await redis.stop('graceful');
    await sleep(3_000);
    await redis.start();
    const redisUp = Date.now();
    await sleep(2_000);
    stop = true;
    await stream;
    printTally(label, world.tally);
    report(label, `answers after the kill (one API and one worker gone, the proxy skipping the dead API): ${JSON.stringify(world.tally.between(killedAt, redisDown))}`);
    report(label, `answers while Redis was down for ${redisUp - redisDown} ms: ${JSON.stringify(world.tally.between(redisDown, redisUp))}`);
    report(label, `requests answered per API process: ${JSON.stringify(Object.fromEntries([...proxy.served].map(([u, n]) => [new URL(u).port, n])))}`);
    assertCleanAnswers(world.tally);
    // A request the killed API had taken fails as a connection error; nothing else may fail.
    expect(Object.keys(world.tally.counts).filter((k) => k !== 'ok' && k !== 'connection')).toEqual([]);
    // The surviving API kept answering after the kill, and both answered while Redis was down.
    expect(world.tally.between(killedAt, redisDown).ok ?? 0).toBeGreaterThan(0);
    expect(world.tally.between(redisDown, redisUp).ok ?? 0).toBeGreaterThan(0);

    const restarted = await Promise.all([apis[0]!.start(), workers[0]!.start()]);
    report(label, `killed API and worker restarted in ${restarted.map((r) => `${r.ms} ms`).join(' / ')}`);
    expect(await inspector.missingAcknowledged(world.ledger)).toEqual([]);
    expect(await inspector.halfWritten(world.ledger)).toEqual([]);

    // Every API process's replica converges to the database (search = DB), each checked on its own.
    for (const [i, api] of apis.entries()) {
      const { ms } = await inspector.converge(() => api.url, world.authority, CONVERGE_TIMEOUT_MS);
      report(label, `API process ${i + 1}: converged (outbox drained, jobs done, search replica = DB, match drift 0) ${ms} ms after the check started`);
    }
    expect(await inspector.duplicates()).toEqual({ notificationsPerEvent: 0, assessmentsPerVersion: 0, matchesPerPair: 0, openRequestsPerPair: 0 });
    expect(await inspector.failedJobs()).toBe(0);

    // A subscription on one API process receives a notification caused through the other one
    // (written by a worker, published on Redis pub/sub).
    const t = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const reg = await must(apis[0]!.url, Q.register, {
      i: {
        email: `topology-${t.toLowerCase()}@faults.test`,
        password: 'fault-password-1',
        displayName: `拓扑 ${t}`,
        organization: { kind: 'ENTERPRISE', name: `余姚市拓扑${t}精密制造有限公司`, uscc: makeUscc('91', '330281', t), regionCode: '330281' },
      },
    });
    const subscriber = new WsSubscriber<{ kind: string }>(apis[0]!.url.replace(/^http/, 'ws'), { authorization: `Bearer ${reg.register.accessToken}` }, 'subscription { notificationAdded { kind } }', 'notificationAdded');
    try {
      await sleep(300); // the subscription is registered
      const sentAt = Date.now();
      await must(apis[1]!.url, VERIFY, { id: reg.register.user.organization.id }, world.authority);
      const got = await subscriber.until(() => subscriber.received.find((n) => n.kind === 'organization.verified'), 'the verification notice on the other API process', 15_000);
      report(label, `subscription on API 1 received ${got.kind} caused through API 2 in ${Date.now() - sentAt} ms`);
    } finally {
      await subscriber.dispose();
    }
    expect(apis.every((a) => a.running) && workers.every((w) => w.running)).toBe(true);
  });
});
