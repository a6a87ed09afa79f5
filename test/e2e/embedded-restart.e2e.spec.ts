import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { gql } from '../helpers/graphql-client.js';
import { freePort } from '../helpers/free-port.js';

/**
 * The zero-setup default as a user runs it: `node dist/apps/all-in-one/src/main.js` (what
 * `npm start` runs after building) on embedded PostgreSQL, killed with SIGKILL, started again,
 * stopped with Ctrl-C.
 */
const dataDir = await mkdtemp(join(tmpdir(), 'srdi-embedded-'));
const pgPort = String(await freePort());
const children: ChildProcess[] = [];

function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['dist/apps/all-in-one/src/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the test can send SIGINT to the group as a terminal's Ctrl-C does.
    detached: true,
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /srdi-match started: .* graphql=(http:\/\/\S+?)"/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`app exited (${code ?? signal}) before starting:\n${out}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

function postmasterPid(): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

/** The process group of `pid` (Linux: field 5 of /proc/<pid>/stat, after the parenthesised name). */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded default: first start, kill -9, restart, graceful stop', () => {
  const email = 'restart@e2e.srdi.example';
  const password = 'restart-password-1';

  it('initialises, seeds demo data, survives SIGKILL with its data, and stops cleanly on Ctrl-C', async () => {
    const first = await start();
    expect(first.output()).toContain('Demo AUTHORITY account created');
    expect(first.output()).toMatch(/mode=all-in-one .*database=embedded PostgreSQL .*queue=BullMQ on PostgreSQL/);
    const demo = await gql(first.url, `mutation { login(input: { email: "yuyao-optics@demo.srdi.example", password: "demo-password-2026" }) { user { email } } }`);
    expect(demo.errors).toBeUndefined();
    const reg = await gql(
      first.url,
      `mutation($i: RegisterInput!) { register(input: $i) { user { id } } }`,
      { i: { email, password, displayName: '重启测试', organization: { kind: 'ENTERPRISE', name: '余姚市重启测试科技有限公司', uscc: makeUscc('91', '330281', 'RQTRT001'), regionCode: '330281' } } },
    );
    expect(reg.errors).toBeUndefined();

    const orphan = postmasterPid();
    expect(orphan && alive(orphan)).toBe(true);
    first.child.kill('SIGKILL');
    expect((await exited(first.child)).signal).toBe('SIGKILL');
    expect(alive(orphan!)).toBe(true); // the crash left PostgreSQL running with nobody to stop it

    const second = await start();
    expect(second.output()).toContain('stopping orphaned embedded PostgreSQL');
    expect(second.output()).not.toContain('Demo AUTHORITY account created'); // printed once only
    const login = await gql(second.url, `mutation($i: LoginInput!) { login(input: $i) { user { email organization { name } } } }`, { i: { email, password } });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.user.organization.name).toBe('余姚市重启测试科技有限公司');

    const pid = postmasterPid()!;
    // The server runs in its own process group (ADR 0024), so a Ctrl-C reaches Node only, which
    // stops the server as its last shutdown step instead of having it die under the running work.
    expect(processGroup(second.child.pid!)).toBe(second.child.pid);
    expect(processGroup(pid)).not.toBe(second.child.pid);
    process.kill(-second.child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the foreground process group
    const exit = await exited(second.child);
    if (exit.code !== 0) console.log(`exit ${JSON.stringify(exit)}; last output:\n${second.output().split('\n').filter((l) => !l.includes('worker error')).slice(-45).join('\n')}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain('SIGINT received');
    expect(second.output()).toContain('shutdown complete');
    expect(alive(pid)).toBe(false);
    // A hang guard, not a speed check: two cold starts of an embedded cluster take 30–55 s on a
    // loaded 2-core machine, which the default 60 s did not always cover.
  }, 240_000);
});
