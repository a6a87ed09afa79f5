import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs: number;
  /** Run in order on SIGINT/SIGTERM; each waits for the previous one. */
  steps: Array<() => Promise<unknown>>;
}

/**
 * Graceful shutdown: on the first SIGINT/SIGTERM run the steps (stop taking work, let running
 * jobs finish, close connections, stop embedded PostgreSQL last), then exit. A second signal or the
 * timeout forces the exit (embedded PostgreSQL, in its own process group, then gets a fast shutdown
 * from an exit hook).
 */
export function installShutdown(options: ShutdownOptions): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    options.logger.info(`${signal} received: shutting down`);
    const timer = setTimeout(() => {
      options.logger.error(`shutdown took longer than ${options.timeoutMs} ms: exiting`);
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    (async () => {
      // Every step runs even if an earlier one failed (an external database may be down, and
      // closing its connections then fails): what matters is that nothing is left running.
      for (const step of options.steps) {
        await step().catch((err: Error) => options.logger.warn(`shutdown step failed (continuing): ${err.message}`));
      }
    })().then(() => {
      options.logger.info('shutdown complete');
      process.exit(0);
    });
  };
  // A database connection closed under us (57P01 admin shutdown: an external server restarts, or
  // someone stops the embedded one) surfaces from a pooled client without an 'error' listener. The
  // pool drops that client and reconnects on the next query, so it is logged, not fatal. Anything
  // else still ends the process, as Node would.
  process.on('uncaughtException', (err: Error & { code?: string }) => {
    if (isConnectionClosed(err)) {
      options.logger.warn(`database connection closed${stopping ? ' during shutdown' : ''}: ${err.message}`);
      return;
    }
    options.logger.fatal(`uncaught exception${stopping ? ' during shutdown' : ''}: ${err.stack ?? err.message}`);
    process.exit(1);
  });
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** PostgreSQL terminated the session (admin/crash shutdown, cannot connect now) or the socket dropped. */
export function isConnectionClosed(err: Error & { code?: string }): boolean {
  return ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE'].includes(err.code ?? '') || /Connection terminated/.test(err.message);
}

/**
 * Runs every step in order, each after the previous one settled, even when one fails; then throws
 * the first failure (naming the others). Closing must not stop half-way: a step skipped after a
 * failure would leave a server, a pool or embedded PostgreSQL running.
 */
export async function runEveryStep(steps: Array<() => Promise<unknown>>): Promise<void> {
  const failures: Error[] = [];
  for (const step of steps) {
    await step().catch((err: Error) => failures.push(err));
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new Error(failures.map((f) => f.message).join('; '), { cause: failures[0] });
}
