/**
 * The server under load: `node dist/apps/all-in-one/src/main.js` (what `npm start` runs) as
 * a child process, so its CPU (and CPU profile) is separate from the load generator's. Logs go to
 * a file, as a deployment's would, not through a pipe the load generator has to drain.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerChild {
  child: ChildProcess;
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
  /** Directory holding the build to start (its dist/ and node_modules/); this process's cwd if not given. */
  cwd?: string;
}

export async function startServer(options: ServerOptions): Promise<ServerChild> {
  const fd = openSync(options.logFile, 'w'); // one file per start: the URL of this start only
  const args = [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), 'dist/apps/all-in-one/src/main.js'];
  const child = spawn(process.execPath, args, {
    // NODE_ENV=test as the e2e tests run it: development would rewrite schema.gql in the worktree,
    // production refuses the embedded database. LOG_LEVEL=info is the default: one line per request.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', fd, fd],
    cwd: options.cwd,
    detached: true, // own process group: SIGINT reaches node and the embedded postgres alike
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    const log = readFileSync(options.logFile, 'utf8');
    const m = /srdi-match started: .* graphql=(http:\/\/\S+?)"/.exec(log);
    if (m) {
      return {
        child,
        url: m[1]!,
        logFile: options.logFile,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGINT');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
          if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        },
      };
    }
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before starting:\n${log.slice(-3000)}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`server did not start in time:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The embedded cluster's superuser URL (the password the app wrote into DATA_DIR at initialisation). */
export function embeddedDatabaseUrl(dataDir: string, port: string): string {
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/srdi`;
}
