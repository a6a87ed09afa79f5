import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { AppProcess } from '../helpers/app-process.js';
import { Inspector } from './checks.js';
import { missingBinaries, PrivatePostgres, PrivateRedis } from './services.js';
import type { Tally } from './client.js';
import { World } from './workload.js';
import { inCi } from '../helpers/test-env.js';

/** Stated bound for every "converges within" assertion (measured figures are printed, not asserted). */
export const CONVERGE_TIMEOUT_MS = 120_000;

export const skipReason = missingBinaries();
if (skipReason && inCi()) {
  throw new Error(`[faults] CI=true and the fault suite cannot run: ${skipReason}. CI does not skip it; install the binaries (or set FAULTS=0 in .ci/run).`);
}
if (skipReason) process.stdout.write(`[faults] SKIPPED: ${skipReason}\n`);

export interface Stack {
  pg: PrivatePostgres;
  redis: PrivateRedis | undefined;
  databaseUrl: string;
  app: AppProcess;
  inspector: Inspector;
  world: World;
}

/** A private PostgreSQL (and Redis when `queue` is redis), one database, the all-in-one process on it. */
export async function startStack(queue: 'redis' | 'postgres', env: Record<string, string> = {}): Promise<Stack> {
  const pg = await PrivatePostgres.start();
  let redis: PrivateRedis | undefined;
  let app: AppProcess | undefined;
  try {
    redis = queue === 'redis' ? await PrivateRedis.start() : undefined;
    const databaseUrl = await pg.createDatabase(`srdi_fault_${randomBytes(3).toString('hex')}`);
    app = new AppProcess({ databaseUrl, redisUrl: redis?.url, env });
    await app.start();
    const inspector = new Inspector(databaseUrl, redis?.url);
    await inspector.open();
    const started = app;
    const world = new World(() => started.url);
    return { pg, redis, databaseUrl, app, inspector, world };
  } catch (err) {
    // A scenario that fails to start gets no Stack to stop: release what did start here.
    await app?.close().catch(() => undefined);
    await redis?.close().catch(() => undefined);
    await pg.close().catch(() => undefined);
    throw err;
  }
}

export async function stopStack(s: Stack | undefined): Promise<void> {
  if (!s) return;
  // FAULTS_LOG=<file>: keep the process's log (all its starts) for a closer look at a failure.
  if (process.env.FAULTS_LOG) writeFileSync(process.env.FAULTS_LOG, s.app.output());
  await s.app.close().catch(() => undefined);
  await s.inspector.close().catch(() => undefined);
  await s.redis?.close().catch(() => undefined);
  await s.pg.close().catch(() => undefined);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The asserts every scenario ends with: acknowledged writes, nothing half-written, convergence, no duplicates. */
export async function assertConsistent(s: Stack, label: string): Promise<{ convergeMs: number }> {
  const missing = await s.inspector.missingAcknowledged(s.world.ledger);
  expect(missing).toEqual([]);
  expect(await s.inspector.halfWritten(s.world.ledger)).toEqual([]);
  const { ms } = await s.inspector.converge(() => s.app.url, s.world.authority, CONVERGE_TIMEOUT_MS);
  expect(await s.inspector.duplicates()).toEqual({ notificationsPerEvent: 0, assessmentsPerVersion: 0, matchesPerPair: 0, openRequestsPerPair: 0 });
  expect(await s.inspector.failedJobs()).toBe(0);
  report(label, `converged (outbox drained, jobs done, notifications and assessments present, search = DB, match drift 0) ${ms} ms after the check started`);
  return { convergeMs: ms };
}

/** No answer a client could mistake: every non-success is a connection error or a JSON error with a code and a clean message. */
export function assertCleanAnswers(t: Tally): void {
  expect(t.bad).toEqual([]);
  expect(t.leaky).toEqual([]);
}

export function report(label: string, line: string): void {
  // One prefix, so `npm run test:faults | grep '\[faults\]'` gives the figures.
  // Straight to stdout: Jest's console wrapper would add a stack location to every figure.
  process.stdout.write(`[faults] ${label}: ${line}\n`);
}

export function printTally(label: string, t: Tally): void {
  report(label, t.describe());
}
