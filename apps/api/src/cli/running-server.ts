/**
 * What the command-line tools share to hand work to the running srdi-match instead of doing it in
 * their own process (`npm run reindex`, `matches:*`, `import:enterprises`): where its database is,
 * and how to wait for a job its workers run.
 */
import type { Job } from 'bullmq';
import type { AppConfig } from '../../../../libs/platform/src/index.js';
import { runningEmbeddedUrl } from '../../../../libs/platform/src/index.js';

/**
 * The database of the running server: DATABASE_URL, or the embedded cluster a running `npm start`
 * holds in DATA_DIR; undefined when neither (nothing is running).
 */
export async function runningServerDatabaseUrl(config: AppConfig): Promise<string | undefined> {
  return config.databaseUrl ?? (await runningEmbeddedUrl(config.dataDir, config.embeddedPgPort));
}

/** Minimal view of a BullMQ queue: what waiting for a job needs. */
interface JobSource {
  getJob(id: string): Promise<Job | undefined>;
}

/**
 * Polls `job` until a worker finished it and resolves to its return value; rejects when it failed
 * or when no worker finished it within `timeoutMs` (`what` names it in the messages).
 */
export async function awaitJobResult<T>(queue: JobSource, job: Job, what: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (state === 'completed') return (await queue.getJob(job.id!))!.returnvalue as T;
    if (state === 'failed') throw new Error(`the ${what} job failed: ${(await queue.getJob(job.id!))?.failedReason}`);
    if (Date.now() > until) throw new Error(`no worker finished the ${what} job within ${timeoutMs / 1000} s; is a worker (or \`npm start\`) running?`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
