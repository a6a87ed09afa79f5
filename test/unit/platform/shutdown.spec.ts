import { describe, expect, it } from '@jest/globals';
import { runEveryStep } from '../../../libs/platform/src/runtime/shutdown.js';

/**
 * Closing runs work → HTTP → pub/sub → database → embedded PostgreSQL, in that order and to the
 * end even when a step fails (ADR 0024): a step skipped after a failure would leave a server running.
 */
describe('runEveryStep', () => {
  const steps = (outcomes: Array<'ok' | 'fail'>, ran: string[]) =>
    outcomes.map((o, i) => async () => {
      ran.push(`step${i}`);
      if (o === 'fail') throw new Error(`step${i} failed`);
    });

  it.each([
    ['all succeed', ['ok', 'ok', 'ok'], undefined],
    ['the first fails', ['fail', 'ok', 'ok'], 'step0 failed'],
    ['a middle one fails', ['ok', 'fail', 'ok'], 'step1 failed'],
    ['the last fails', ['ok', 'ok', 'fail'], 'step2 failed'],
    ['two fail: both named', ['fail', 'ok', 'fail'], 'step0 failed; step2 failed'],
    ['all fail', ['fail', 'fail', 'fail'], 'step0 failed; step1 failed; step2 failed'],
  ] as const)('%s: every step runs, in order', async (_name, outcomes, failure) => {
    const ran: string[] = [];
    const done = runEveryStep(steps([...outcomes], ran));
    if (failure) await expect(done).rejects.toThrow(failure);
    else await expect(done).resolves.toBeUndefined();
    expect(ran).toEqual(['step0', 'step1', 'step2']);
  });

  it('starts a step only after the previous one settled', async () => {
    const events: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const done = runEveryStep([
      async () => {
        events.push('first started');
        await first;
        events.push('first done');
      },
      async () => {
        events.push('second started');
      },
    ]);
    await Promise.resolve();
    expect(events).toEqual(['first started']);
    release();
    await done;
    expect(events).toEqual(['first started', 'first done', 'second started']);
  });

  it('keeps the first failure as the cause when several fail', async () => {
    const first = new Error('closing HTTP failed');
    const done = runEveryStep([() => Promise.reject(first), () => Promise.reject(new Error('closing the pool failed'))]);
    await expect(done).rejects.toMatchObject({ message: 'closing HTTP failed; closing the pool failed', cause: first });
  });
});
