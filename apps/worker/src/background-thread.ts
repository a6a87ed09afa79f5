import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { BULK_JOB_NAMES, JOB_CATALOG, type AppConfig, type JobName, type QueueName } from '../../../libs/platform/src/index.js';

/**
 * The queues the all-in-one process runs in its background thread: the bulk lane (an import's
 * thousands of assessments and rescorings) and the imports themselves (parsing, previews, batches).
 * Everything interactive stays on the main thread beside the API.
 */
export const BACKGROUND_QUEUES: readonly QueueName[] = ['bulk', 'imports'];

/** Every job the background thread must have a handler for: its queues' catalog jobs and the bulk lane's. */
export const BACKGROUND_JOB_NAMES: readonly JobName[] = [
  ...new Set([...(Object.keys(JOB_CATALOG) as JobName[]).filter((n) => BACKGROUND_QUEUES.includes(JOB_CATALOG[n].queue)), ...BULK_JOB_NAMES]),
];

/** What the main thread tells the background thread at its start. */
export interface BackgroundThreadInit {
  /** The process's configuration as loaded (tests build theirs in code, not from the environment). */
  config: AppConfig;
  /** The process's database (the embedded server's URL when it runs one: the thread must not start another). */
  databaseUrl: string;
  queueNamespace: string | undefined;
}

/** Thread → main. */
export type BackgroundThreadMessage =
  | { type: 'ready' }
  | { type: 'failed-to-start'; message: string }
  | { type: 'job'; queue: string; ok: boolean };

export interface BackgroundThreadStats {
  /** Jobs the thread finished (completed or failed) per queue, since the process started. */
  jobs: Record<string, number>;
  failed: number;
  /** Threads started (1 unless a thread died and was replaced). */
  starts: number;
}

const RESTART_DELAY_MS = 1_000;

/**
 * The compiled thread entry: beside this file when it runs compiled; from dist/ when the tests run
 * the TypeScript sources (ts-jest; `npm test` builds first), as the sheet reader's thread does.
 */
export function backgroundThreadFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'background.thread.js'), join(here, '../../..', 'dist/apps/worker/src/background.thread.js')];
  return candidates.find((f) => existsSync(f));
}

/**
 * The all-in-one process's {@link BACKGROUND_QUEUES}, run by a worker thread (background.thread.ts)
 * with its own Nest context, database pool and heap: an import's parsing and its fan-out use the
 * second core and their own garbage collector, never the API's event loop (ADR 0038). The thread
 * is started before the main thread's workers run (a thread that cannot start fails the boot),
 * replaced if it dies, and stopped within app.close(), before the database closes.
 */
export class BackgroundThread {
  private worker!: Worker;
  private stopping = false;
  private exited = false;
  private readonly counters: BackgroundThreadStats = { jobs: {}, failed: 0, starts: 0 };

  private constructor(
    private readonly file: string,
    private readonly init: BackgroundThreadInit,
    private readonly logger: Logger,
    private readonly stopTimeoutMs: number,
  ) {}

  static async start(options: BackgroundThreadInit & { file: string; logger: Logger; stopTimeoutMs: number }): Promise<BackgroundThread> {
    const { file, logger, stopTimeoutMs, ...init } = options;
    const thread = new BackgroundThread(file, init, logger, stopTimeoutMs);
    await thread.spawn();
    return thread;
  }

  /** False once the thread has exited after {@link stop}. */
  get running(): boolean {
    return !this.exited;
  }

  stats(): BackgroundThreadStats {
    return { ...this.counters, jobs: { ...this.counters.jobs } };
  }

  private spawn(): Promise<void> {
    this.counters.starts += 1;
    const worker = new Worker(this.file, { workerData: this.init });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (m: BackgroundThreadMessage) => {
        if (m.type === 'ready') {
          ready = true;
          resolve();
        } else if (m.type === 'failed-to-start') reject(new Error(`background thread failed to start: ${m.message}`));
        else if (m.type === 'job') {
          this.counters.jobs[m.queue] = (this.counters.jobs[m.queue] ?? 0) + 1;
          if (!m.ok) this.counters.failed += 1;
        }
      });
      worker.on('error', (err) => {
        if (!ready) reject(err);
        else this.logger.error({ err: err.message }, 'background thread crashed');
      });
      worker.on('exit', (code) => {
        if (!ready) return reject(new Error(`background thread exited (code ${code}) before it was ready`));
        if (this.stopping || this.worker !== worker) return;
        // Its jobs are not lost: BullMQ hands a dead worker's active jobs to the next one when their lock expires.
        this.logger.error({ code }, `background thread exited (code ${code}); starting another in ${RESTART_DELAY_MS} ms`);
        setTimeout(() => {
          if (!this.stopping) this.spawn().catch((err: Error) => this.logger.error({ err: err.message }, 'background thread could not be restarted'));
        }, RESTART_DELAY_MS).unref();
      });
    });
  }

  /** Lets the running jobs finish and closes the thread's connections; terminates it after the shutdown timeout. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => {
      this.logger.warn('background thread did not stop in time; terminating it');
      void worker.terminate();
    }, this.stopTimeoutMs);
    timer.unref();
    await exited;
    this.exited = true;
    clearTimeout(timer);
  }
}
