import { afterAll, describe, expect, it } from '@jest/globals';
import { assertCleanAnswers, assertConsistent, printTally, report, skipReason, sleep, startStack, stopStack, waitFor, type Stack } from './harness.js';

/**
 * Scenario 3: restart PostgreSQL under load (the queue on PostgreSQL too, so the database is the
 * only server). Clients send a mixed read/write stream while the private server is stopped (fast:
 * clients disconnected; immediate: a crash that needs WAL recovery), kept down, and started again.
 * During the outage clients get a clean SERVICE_UNAVAILABLE; the process survives, reconnects on
 * its own (pool, outbox LISTEN, pub/sub LISTEN, queue) and serves again; acknowledged writes are
 * all present and the derived state converges.
 */
const maybe = skipReason ? describe.skip : describe;
const DOWN_MS = 3_000;
/** Stated bound for serving again after PostgreSQL is back (the measured time is printed). */
const RECOVER_WITHIN_MS = 30_000;

maybe('restart PostgreSQL under load (queue on PostgreSQL)', () => {
  let s: Stack | undefined;
  afterAll(() => stopStack(s));

  it('answers SERVICE_UNAVAILABLE while it is down, recovers on its own, loses nothing and converges', async () => {
    s = await startStack('postgres');
    const label = 'restart-postgres';
    const { world, app, inspector, pg } = s;
    await world.setUp();
    let stop = false;
    const stream = world.stream(3, () => stop, { writes: 0.5 });
    const outages: Array<{ mode: string; down: number; up: number }> = [];
    const healthDuringOutage: number[] = [];
    for (const mode of ['fast', 'immediate'] as const) {
      await sleep(2_000);
      const down = Date.now();
      pg.stop(mode);
      await sleep(DOWN_MS / 2);
      healthDuringOutage.push((await fetch(app.url.replace(/\/graphql$/, '/health/ready'))).status);
      await sleep(DOWN_MS / 2);
      pg.start();
      const up = Date.now();
      outages.push({ mode, down, up });
      await waitFor(`a successful call after the ${mode} restart`, async () => world.tally.recoveredAfter(up) !== undefined, RECOVER_WITHIN_MS);
    }
    await sleep(1_000);
    stop = true;
    await stream;

    printTally(label, world.tally);
    for (const o of outages) {
      report(label, `${o.mode} stop, down ${o.up - o.down} ms: answers meanwhile ${JSON.stringify(world.tally.between(o.down, o.up + 500))}; first success ${world.tally.recoveredAfter(o.up)} ms after PostgreSQL was back`);
    }
    // No crash, no connection error: the process stayed up and answered every request.
    expect(app.running).toBe(true);
    expect(world.tally.counts.connection ?? 0).toBe(0);
    assertCleanAnswers(world.tally);
    // The outage is reported as what it is (retry later), not as an internal error.
    expect(Object.keys(world.tally.counts).filter((k) => k !== 'ok' && k !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(world.tally.counts.SERVICE_UNAVAILABLE ?? 0).toBeGreaterThan(0);
    // 200 with errors when a resolver failed. KNOWN GAP: when the request's actor cannot be loaded,
    // Apollo answers "context creation failed" with HTTP 500 (the body is SERVICE_UNAVAILABLE); a
    // 503 from the context function was tried and reverted (it made the embedded-restart e2e's
    // graceful shutdown hang, not understood yet). So 500 is accepted here, and only with that code.
    expect(Object.keys(world.tally.statuses).filter((k) => !/^SERVICE_UNAVAILABLE@HTTP(200|500|503)$/.test(k))).toEqual([]);
    report(label, `/health/ready during the outages: ${healthDuringOutage.join(', ')}`);
    expect(healthDuringOutage).toEqual([503, 503]);

    // The listeners came back: the outbox relay's and the pub/sub adapter's LISTEN connections.
    await waitFor('the LISTEN connections to reconnect', async () => {
      const rows: Array<{ name: string }> = await inspector.ds.query(
        "SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name IN ('srdi-outbox-listener', 'srdi-pubsub')",
      );
      return rows.length === 2;
    }, RECOVER_WITHIN_MS);
    const health = await fetch(app.url.replace(/\/graphql$/, '/health/ready'));
    report(label, `/health/ready after recovery: ${health.status}`);
    expect(health.status).toBe(200);

    await assertConsistent(s, label);
  });
});
