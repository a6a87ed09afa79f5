import { WorkerModule } from '../../worker/src/worker.module.js';
import { startApi, type StartApiOptions, type StartedApp } from '../../api/src/bootstrap.js';

export type { StartedApp };

export interface StartOptions extends Omit<StartApiOptions, 'workerModule'> {
  /** Run the queue workers and the outbox relay in this process too (`npm start`); false serves the API alone. */
  withWorkers: boolean;
}

/**
 * Boots the API with the workers in the same process (the all-in-one `npm start`), or the API
 * alone: the path the e2e tests and benches use to start either kind of process.
 */
export function startApp(options: StartOptions): Promise<StartedApp> {
  const { withWorkers, ...rest } = options;
  return startApi({ ...rest, workerModule: withWorkers ? WorkerModule : undefined });
}
