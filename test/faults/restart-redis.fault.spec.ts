import { afterAll, describe, expect, it } from '@jest/globals';
import { assertCleanAnswers, assertConsistent, printTally, report, skipReason, sleep, startStack, stopStack, waitFor, type Stack } from './harness.js';

/**
 * Scenario 4: restart Redis under load (the queue on a private Redis with appendonly yes,
 * appendfsync always). Events flow while redis-server is shut down gracefully (SHUTDOWN persists
 * the append-only file) and, the second time, killed with SIGKILL (only what was fsynced
 * survives). Writes need only PostgreSQL, so the API keeps serving reads and writes; the outbox
 * holds the events until Redis is back, the relay retries, and nothing is lost or doubled.
 */
const maybe = skipReason ? describe.skip : describe;
const DOWN_MS = 3_000;
const RECOVER_WITHIN_MS = 30_000;

maybe('restart Redis under load (queue on Redis)', () => {
  let s: Stack | undefined;
  afterAll(() => stopStack(s));

  it('keeps serving, loses no job, doubles nothing and converges', async () => {
    s = await startStack('redis');
    const label = 'restart-redis';
    const { world, app, inspector, redis } = s;
    await world.setUp();
    let stop = false;
    const stream = world.stream(3, () => stop, { writes: 0.7 });
    const outages: Array<{ mode: string; down: number; up: number; backlog: number; drainedMs?: number }> = [];
    for (const mode of ['graceful', 'kill'] as const) {
      await sleep(2_000);
      const down = Date.now();
      await redis!.stop(mode);
      await sleep(DOWN_MS);
      const [{ n: backlog }] = await inspector.ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL');
      await redis!.start();
      const up = Date.now();
      const outage: (typeof outages)[number] = { mode, down, up, backlog };
      outages.push(outage);
      // The relay retries on its poll: the events written while Redis was down reach the queue.
      await waitFor('the outbox backlog to be relayed', async () => {
        const [{ n }] = await inspector.ds.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL AND created_at < $1', [new Date(up)]);
        return n === 0;
      }, RECOVER_WITHIN_MS);
      outage.drainedMs = Date.now() - up;
    }
    await sleep(1_000);
    stop = true;
    await stream;

    printTally(label, world.tally);
    for (const o of outages) {
      report(label, `${o.mode} stop, down ${o.up - o.down} ms: answers meanwhile ${JSON.stringify(world.tally.between(o.down, o.up))}; ${o.backlog} events waited in the outbox, relayed ${o.drainedMs} ms after Redis was back`);
    }
    expect(app.running).toBe(true);
    assertCleanAnswers(world.tally);
    // Reads and writes need only PostgreSQL: the API answered everything during both outages.
    expect(Object.keys(world.tally.counts).filter((k) => k !== 'ok')).toEqual([]);
    expect(outages.every((o) => o.backlog > 0)).toBe(true);

    const health = await fetch(app.url.replace(/\/graphql$/, '/health/ready'));
    report(label, `/health/ready after recovery: ${health.status}`);
    expect(health.status).toBe(200);
    await assertConsistent(s, label);
  });
});
