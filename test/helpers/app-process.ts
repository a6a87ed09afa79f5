import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A server process as a child: by default the all-in-one process (`node
 * dist/apps/all-in-one/src/main.js`: API, workers, outbox relay and the embedded search replica),
 * or the API alone (`start:api`) or a standalone worker (`start:worker`). Shared by the fault suite
 * (which SIGKILLs it and reads its output from a pipe) and the load suite (which logs to a file, as a
 * deployment would, runs it in its own process group so a signal reaches an embedded PostgreSQL
 * too, and may run the `dist/` of another checkout: a baseline commit).
 */

export const FAULT_AUTHORITY = { email: 'authority@faults.srdi.example', password: 'authority-password-1' };

/** Which entry runs: the all-in-one process (default), the API alone, or a standalone worker. */
export type AppEntry = 'all-in-one' | 'api' | 'worker';

/** What the fault suite runs with, unless `bare`. */
const FAULT_DEFAULTS: Record<string, string> = {
  // Production: what clients see during an outage is what production clients would see.
  NODE_ENV: 'production',
  JWT_SECRET: 'fault-suite-secret-fault-suite-secret-01',
  AUTHORITY_EMAIL: FAULT_AUTHORITY.email,
  AUTHORITY_PASSWORD: FAULT_AUTHORITY.password,
  DEMO_DATA: 'off',
  // The workload registers many organizations from one address.
  RATE_LIMIT_MULTIPLIER: '1000',
};

const API_STARTED = /srdi-match started: .* graphql=(http:\/\/\S+?)"/;
const ENTRIES: Record<AppEntry, { file: string; started: RegExp }> = {
  'all-in-one': { file: 'dist/apps/all-in-one/src/main.js', started: API_STARTED },
  api: { file: 'dist/apps/api/src/main.js', started: API_STARTED },
  worker: { file: 'dist/apps/worker/src/main.js', started: /srdi-match worker started: ()/ },
};

/**
 * The script and arguments that run `entry` in the checkout at `root`. A checkout from before the
 * all-in-one entry (7609c03) ran the same composition as `api/src/main.js --with-worker`.
 */
export function entryArgs(entry: AppEntry, root = process.cwd()): string[] {
  const file = ENTRIES[entry].file;
  if (entry === 'all-in-one' && !existsSync(join(root, file))) return [join(root, ENTRIES.api.file), '--with-worker'];
  return [join(root, file)];
}

export interface AppProcessOptions {
  entry?: AppEntry;
  databaseUrl?: string;
  redisUrl?: string;
  /** Another script (and arguments) than the entry's: a peer server of a benchmark. */
  command?: string[];
  /** The log line that says it is up (group 1: its GraphQL URL), with `command`; the entry's start line by default. */
  started?: RegExp;
  /** Over the defaults: a temp DATA_DIR, PORT=0 on 127.0.0.1, LOG_LEVEL=info, and unless `bare` the fault suite's. */
  env?: Record<string, string>;
  /** Without the fault suite's defaults (production, a fixed JWT secret and AUTHORITY, no demo data, lenient rate limits). */
  bare?: boolean;
  /** The checkout whose `dist/` runs; this one (the working directory) by default. */
  root?: string;
  /** Output to this file (one per start) instead of a pipe kept in memory; `errorLines` stays empty then. */
  logFile?: string;
  /** Before the script: `--cpu-prof`, … */
  nodeArgs?: string[];
  /** Own process group: stop() and kill() signal the whole group (an embedded PostgreSQL under it too). */
  group?: boolean;
}

const live = new Map<ChildProcess, boolean>();
process.once('exit', () => {
  for (const [c, group] of live) signal(c, 'SIGKILL', group);
});

function signal(c: ChildProcess, sig: NodeJS.Signals, group: boolean): void {
  try {
    if (group) process.kill(-c.pid!, sig);
    else c.kill(sig);
  } catch {
    // already gone
  }
}

export class AppProcess {
  child: ChildProcess | undefined;
  url = '';
  private out = '';
  private readonly dataDir: string | undefined;
  /** Lines the process logged at level error (50) or fatal (60), over every start (piped output only). */
  readonly errorLines: string[] = [];
  /** How each start ended: code/signal, in order. */
  readonly exits: Array<{ code: number | null; signal: NodeJS.Signals | null }> = [];

  constructor(private readonly options: AppProcessOptions) {
    this.dataDir = options.env?.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'srdi-app-'));
  }

  output(): string {
    return this.options.logFile && existsSync(this.options.logFile) ? readFileSync(this.options.logFile, 'utf8') : this.out;
  }

  /** Starts the process and resolves with the GraphQL URL once it logged that it started. */
  async start(timeoutMs = 60_000): Promise<{ url: string; ms: number }> {
    const t0 = Date.now();
    const entry = this.options.entry ?? 'all-in-one';
    const fd = this.options.logFile ? openSync(this.options.logFile, 'w') : undefined; // one file per start: the URL of this start only
    const started = this.options.started ?? ENTRIES[entry].started;
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), ...(this.options.command ?? entryArgs(entry, this.options.root))], {
      cwd: this.options.root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...(this.options.bare ? {} : FAULT_DEFAULTS),
        ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
        ...(this.options.redisUrl ? { REDIS_URL: this.options.redisUrl } : {}),
        ...(this.dataDir ? { DATA_DIR: this.dataDir } : {}),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info', // the start line (and the URL) is logged at info
        ...this.options.env,
      },
      stdio: fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
      detached: this.options.group ?? false,
    });
    if (fd !== undefined) closeSync(fd);
    this.child = child;
    live.set(child, this.options.group ?? false);
    let piped = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.out += text;
      for (const line of text.split('\n')) if (/"level":(50|60)/.test(line)) this.errorLines.push(line);
      piped += text;
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, sig) => {
      live.delete(child);
      this.exits.push({ code, signal: sig });
    });
    const startLog = () => (this.options.logFile ? readFileSync(this.options.logFile, 'utf8') : piped);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        signal(child, 'SIGKILL', this.options.group ?? false);
        reject(new Error(`app did not start in ${timeoutMs} ms:\n${this.tail()}`));
      }, timeoutMs);
      const poll = setInterval(() => {
        const m = started.exec(startLog());
        if (m) {
          clearInterval(poll);
          clearTimeout(timer);
          this.url = m[1]!;
          resolve({ url: this.url, ms: Date.now() - t0 });
        }
      }, this.options.logFile ? 100 : 20);
      child.once('exit', (code, sig) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`app exited (${code ?? sig}) before starting:\n${this.tail()}`));
      });
    });
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no shutdown hook runs; jobs stay active, requests in flight lose their connection. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    const gone = new Promise((r) => c.once('exit', r));
    signal(c, 'SIGKILL', this.options.group ?? false);
    await gone;
  }

  /** The graceful path (SIGTERM, or SIGINT as a terminal's Ctrl-C), SIGKILL after `graceMs`; waits for the exit. */
  async stop(sig: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    const gone = new Promise((r) => c.once('exit', r));
    signal(c, sig, this.options.group ?? false);
    const timer = setTimeout(() => signal(c, 'SIGKILL', this.options.group ?? false), graceMs);
    await gone;
    clearTimeout(timer);
  }

  tail(lines = 40): string {
    return this.output().split('\n').slice(-lines).join('\n');
  }

  async close(): Promise<void> {
    if (this.running) await this.kill();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
