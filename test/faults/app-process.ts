import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A server process as a child the suite can SIGKILL: by default the all-in-one process
 * (`node dist/apps/all-in-one/src/main.js`: API, workers, outbox relay and the embedded search
 * replica); the topology scenario runs API-only and worker processes (`entry`).
 */

export const FAULT_AUTHORITY = { email: 'authority@faults.srdi.example', password: 'authority-password-1' };

/** Which entry runs: the all-in-one process (default), the API alone, or a standalone worker. */
export type AppEntry = 'all-in-one' | 'api' | 'worker';

const ENTRIES: Record<AppEntry, { file: string; started: RegExp }> = {
  'all-in-one': { file: 'dist/apps/all-in-one/src/main.js', started: /srdi-match started: .* graphql=(http:\/\/\S+?)"/ },
  api: { file: 'dist/apps/api/src/main.js', started: /srdi-match started: .* graphql=(http:\/\/\S+?)"/ },
  worker: { file: 'dist/apps/worker/src/main.js', started: /srdi-match worker started: ()/ },
};

export interface AppProcessOptions {
  entry?: AppEntry;
  databaseUrl: string;
  redisUrl?: string;
  env?: Record<string, string>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export class AppProcess {
  child: ChildProcess | undefined;
  url = '';
  private out = '';
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'srdi-fault-app-'));
  /** Lines the process logged at level error (50) or fatal (60), over every start. */
  readonly errorLines: string[] = [];
  /** How each start ended: code/signal, in order. */
  readonly exits: Array<{ code: number | null; signal: NodeJS.Signals | null }> = [];

  constructor(private readonly options: AppProcessOptions) {}

  output(): string {
    return this.out;
  }

  /** Starts the process and resolves with the GraphQL URL once it logged that it started. */
  async start(timeoutMs = 60_000): Promise<{ url: string; ms: number }> {
    const t0 = Date.now();
    const entry = ENTRIES[this.options.entry ?? 'all-in-one'];
    const child = spawn(process.execPath, [entry.file], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // Production: what clients see during an outage is what production clients would see.
        NODE_ENV: 'production',
        DATABASE_URL: this.options.databaseUrl,
        ...(this.options.redisUrl ? { REDIS_URL: this.options.redisUrl } : {}),
        DATA_DIR: this.dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info', // the start line (and the URL) is logged at info
        JWT_SECRET: 'fault-suite-secret-fault-suite-secret-01',
        AUTHORITY_EMAIL: FAULT_AUTHORITY.email,
        AUTHORITY_PASSWORD: FAULT_AUTHORITY.password,
        DEMO_DATA: 'off',
        // The workload registers many organizations from one address.
        RATE_LIMIT_MULTIPLIER: '1000',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    let startLine = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.out += text;
      for (const line of text.split('\n')) if (/"level":(50|60)/.test(line)) this.errorLines.push(line);
      startLine += text;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      live.delete(child);
      this.exits.push({ code, signal });
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app did not start in ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
      const poll = setInterval(() => {
        const m = entry.started.exec(startLine);
        if (m) {
          clearInterval(poll);
          clearTimeout(timer);
          this.url = m[1]!;
          resolve({ url: this.url, ms: Date.now() - t0 });
        }
      }, 20);
      child.once('exit', (code, signal) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`app exited (${code ?? signal}) before starting:\n${this.tail()}`));
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
    c.kill('SIGKILL');
    await gone;
  }

  /** Ctrl-C: the graceful path, waits for the exit. */
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }

  tail(lines = 40): string {
    return this.out.split('\n').slice(-lines).join('\n');
  }

  async close(): Promise<void> {
    if (this.running) await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
