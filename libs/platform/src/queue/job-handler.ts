import { SetMetadata } from '@nestjs/common';
import { JOB_NAMES, isJobName, type JobName, type JobPayloads } from './job-catalog.js';

export const JOB_HANDLER_METADATA = 'srdi:job-handler';

/** What a handler learns about the job besides its payload. */
export interface JobContext {
  readonly jobId: string;
  readonly attemptsMade: number;
}

/** Handles one job of the catalog. Must be idempotent: a replay leaves the same rows. */
export interface JobHandler<N extends JobName> {
  /** What it resolves to is kept as the job's return value (e.g. a reconcile report). */
  handle(payload: JobPayloads[N], context: JobContext): Promise<unknown>;
}

/** Marks a provider as the one handler of `name`. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER_METADATA, name);

export type HandlerMap = ReadonlyMap<JobName, JobHandler<JobName>>;

/**
 * Checks the discovered handlers against the catalog: one per `required` job (every job unless a
 * process runs only some queues), none twice, no unknown names.
 * Throws listing every problem so a misconfigured worker never boots.
 */
export function assembleHandlerMap(
  found: ReadonlyArray<{ name: string; handler: unknown; owner: string }>,
  required: readonly JobName[] = JOB_NAMES,
): HandlerMap {
  const map = new Map<JobName, JobHandler<JobName>>();
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const { name, handler, owner } of found) {
    if (!isJobName(name)) {
      problems.push(`${owner} handles unknown job "${name}"`);
      continue;
    }
    if (map.has(name)) {
      problems.push(`job "${name}" has two handlers: ${owners.get(name)} and ${owner}`);
      continue;
    }
    if (typeof (handler as { handle?: unknown }).handle !== 'function') {
      problems.push(`${owner} is marked as handler of "${name}" but has no handle() method`);
      continue;
    }
    map.set(name, handler as JobHandler<JobName>);
    owners.set(name, owner);
  }
  for (const name of required) {
    if (!map.has(name) && !problems.some((p) => p.includes(`"${name}"`))) problems.push(`job "${name}" has no handler`);
  }
  if (problems.length > 0) throw new Error(`Job catalog check failed: ${problems.join('; ')}`);
  return map;
}
