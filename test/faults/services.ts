import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/free-port.js';

/**
 * Private PostgreSQL and Redis servers for the fault suite. The suite stops, restarts and kills
 * them, which must never happen to the shared servers on 5432/6379 that other test runs and CI use;
 * so each scenario starts its own from the local binaries, on a free port, in a temp dir, and
 * removes them afterwards (afterAll, and a process 'exit' hook if Jest dies first).
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function pgBinDir(): string | undefined {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [fromConfig.status === 0 ? fromConfig.stdout.trim() : '', ...listVersions()];
  return candidates.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

function listVersions(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

export function redisBinary(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** Why the suite cannot run here, or undefined when both servers can be started. */
export function missingBinaries(): string | undefined {
  if (!pgBinDir()) return 'PostgreSQL server binaries (initdb, pg_ctl) not found: no pg_config --bindir, nothing in /usr/lib/postgresql/*/bin';
  if (!redisBinary()) return 'redis-server not found on PATH';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'running as root without a postgres OS user to run PostgreSQL as';
  return undefined;
}

export { freePort };

const cleanups = new Set<() => void>();
process.once('exit', () => {
  for (const c of cleanups) c();
});

/** PostgreSQL refuses to run as root: as root, every server command runs as the postgres OS user. */
function asPostgres(bin: string, args: string[]): { cmd: string; args: string[] } {
  return process.getuid?.() === 0 ? { cmd: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { cmd: bin, args };
}

function run(bin: string, args: string[], allowFail = false): string {
  const c = asPostgres(bin, args);
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && !allowFail) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout + r.stderr;
}

export class PrivatePostgres {
  readonly dir: string;
  private readonly bin: string;
  private constructor(readonly port: number) {
    this.bin = pgBinDir()!;
    this.dir = mkdtempSync(join(tmpdir(), 'srdi-fault-pg-'));
    chmodSync(this.dir, 0o755);
    if (process.getuid?.() === 0) {
      const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(this.dir, id('-u'), id('-g'));
    }
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(): Promise<PrivatePostgres> {
    const server = new PrivatePostgres(await freePort());
    // --no-sync only skips flushing the initial files; the running server keeps fsync on (crash safety is under test).
    run(join(server.bin, 'initdb'), ['-D', join(server.dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    cleanups.add(server.cleanup);
    server.startServer();
    return server;
  }

  private startServer(): void {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    run(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-o', opts, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /** `pg_ctl stop` in `mode` (fast: clients are disconnected, immediate: a crash that needs recovery). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    run(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop'], true);
  }

  start(): void {
    this.startServer();
  }

  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
    return this.url(name);
  }

  private readonly cleanup = () => {
    this.stop('immediate');
    rmSync(this.dir, { recursive: true, force: true });
  };

  async close(): Promise<void> {
    cleanups.delete(this.cleanup);
    this.cleanup();
  }
}

/** redis-server with append-only persistence fsynced on every write, as production must run it. */
export class PrivateRedis {
  readonly dir: string;
  private proc: ChildProcess | undefined;
  private constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'srdi-fault-redis-'));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort());
    cleanups.add(server.cleanup);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction', '--logfile', join(this.dir, 'log')];
    this.proc = spawn(redisBinary()!, args, { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (Date.now() > until) throw new Error(`redis-server on ${this.port} did not start`);
        await sleep(50);
      }
    }
  }

  private async exited(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise((r) => p.once('exit', r));
  }

  /** SHUTDOWN (the append-only file is complete: graceful), or SIGKILL (relies on appendfsync always). */
  async stop(mode: 'graceful' | 'kill'): Promise<void> {
    if (mode === 'kill') this.proc?.kill('SIGKILL');
    else this.proc?.kill('SIGTERM'); // redis-server treats SIGTERM as SHUTDOWN (persists, then exits)
    await this.exited();
  }

  private readonly cleanup = () => {
    this.proc?.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };

  async close(): Promise<void> {
    cleanups.delete(this.cleanup);
    this.proc?.kill('SIGKILL');
    await this.exited();
    this.cleanup();
  }
}
