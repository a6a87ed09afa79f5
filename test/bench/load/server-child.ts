/**
 * The server under load: `node dist/apps/all-in-one/src/main.js` (what `npm start` runs), or the
 * API alone / a standalone worker (the topology setup), as a child process (test/helpers/app-process.ts),
 * so its CPU (and CPU profile) is separate from the load generator's. Logs go to a file, as a
 * deployment's would, not through a pipe the load generator has to drain.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, type AppEntry } from '../../helpers/app-process.js';

export interface ServerChild {
  child: ChildProcess;
  /** The GraphQL URL ('' for a worker). */
  url: string;
  logFile: string;
  /** Ctrl-C to the process group, as a terminal does; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** DATA_DIR + EMBEDDED_PG_PORT (embedded default) or DATABASE_URL + REDIS_URL (external). */
  env: Record<string, string>;
  logFile: string;
  /** Write a .cpuprofile into this directory when the process exits. */
  cpuProfileDir?: string;
  timeoutMs?: number;
  /** all-in-one (default), api or worker. */
  role?: AppEntry;
  /** Script and arguments to run instead of `role`'s entry (a benchmark's peer server). */
  entry?: string[];
  /** With `entry`: the log line that says the server is up; group 1 is its GraphQL URL. Default: the all-in-one's start line. */
  ready?: RegExp;
  /** The checkout whose `dist/` runs (a baseline's worktree); this one by default. */
  root?: string;
}

export async function startServer(options: ServerOptions): Promise<ServerChild> {
  const app = new AppProcess({
    entry: options.role,
    command: options.entry,
    started: options.ready,
    root: options.root,
    logFile: options.logFile,
    bare: true, // the app's own defaults (JWT secret kept in DATA_DIR, demo data in the embedded default)
    group: true, // own process group: SIGINT reaches node and the embedded postgres alike
    nodeArgs: options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    // NODE_ENV=test as the e2e tests run it: development would rewrite schema.gql in the worktree,
    // production refuses the embedded database. LOG_LEVEL=info is the default: one line per request.
    // Without a DATA_DIR the process gets a temp one (removed on stop); the topology setup passes one
    // JWT_SECRET to every process (a token signed by one API process is verified by the other).
    env: { NODE_ENV: 'test', ...options.env },
  });
  const { url } = await app.start(options.timeoutMs ?? 180_000);
  return {
    child: app.child!,
    url,
    logFile: options.logFile,
    stop: async () => {
      await app.stop('SIGINT', 30_000);
      await app.close();
    },
  };
}

/** The embedded cluster's superuser URL (the password the app wrote into DATA_DIR at initialisation). */
export function embeddedDatabaseUrl(dataDir: string, port: string): string {
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/srdi`;
}
