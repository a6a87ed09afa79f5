/**
 * A build of another commit, next to this one, for a same-run comparison: the one way the benches
 * that compare builds get theirs (load.bench's BENCH_LOAD_BASELINE, listings-ab.bench's
 * LISTINGS_AB_BASE, request-path.bench's --build NAME=REV).
 *
 * The commit is checked out as a detached git worktree in the temp directory (`srdi-baseline-<sha>`);
 * its node_modules is a symlink to this checkout's when its package-lock.json is byte-identical to
 * this one's, otherwise `npm ci` installs its own (`npm install` when npm ci refuses the lockfile);
 * then its own `npm run build`. `keep` leaves the worktree for the next run (reused when it is at the
 * same commit; rebuilt incrementally).
 *
 * The load suite's world (seed): every server gets its own database, created by its own migrations
 * and seeded by its own commit's `seedLoadWorld` (test/bench/load/load-world.ts, present since the
 * load suite, 1ba0435) with the same sizes and seed: the current seeder writes the current schema,
 * which an older server's migrations and entities need not accept, and the older seeder knows its
 * schema. The load suite compares the seeded worlds (enterprises, listings, match rows) and prints
 * a difference. Its load (queries, mutations, mix) is this checkout's: the contract only adds, so
 * older servers answer it; each server's firms come from its own world.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LoadWorld } from './load/load-world.js';

export interface Baseline {
  /** The full commit id. */
  sha: string;
  /** The worktree: its `dist/` runs. */
  root: string;
  /** How node_modules was provided: 'symlink' (same lockfile), 'npm ci', or 'npm install' when `npm ci` refused the lockfile. */
  modules: 'symlink' | 'npm ci' | 'npm install';
  /** Seeds `url` with the baseline's own load-suite seeder, in a child process run from its `dist/`. */
  seed(url: string, opts: { enterprises: number; listings: number; signedIn: number }): Promise<LoadWorld>;
  /** Removes the worktree (unless kept). */
  remove(): void;
}

const git = (args: string[], cwd = process.cwd()) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export interface BaselineOptions {
  /** Leave the worktree for the next run (reused if it is there). */
  keep: boolean;
  /** A file the commit must have (checked before installing and building), and why. */
  requires?: { file: string; why: string };
}

/** Checks out, installs and builds `rev`. */
export function prepareBaseline(rev: string, log: (line: string) => void, { keep, requires }: BaselineOptions): Baseline {
  const sha = git(['rev-parse', '--verify', `${rev}^{commit}`]);
  const root = join(os.tmpdir(), `srdi-baseline-${sha.slice(0, 12)}`);
  let reused = false;
  try {
    reused = existsSync(join(root, 'package.json')) && git(['rev-parse', 'HEAD'], root) === sha;
  } catch {
    // not a worktree: made below
  }
  if (!reused) git(['worktree', 'add', '--force', '--detach', root, sha]);
  if (requires && !existsSync(join(root, requires.file))) throw new Error(`baseline ${rev} (${sha.slice(0, 12)}) has no ${requires.file}: ${requires.why}`);
  const sameLock = readFileSync(join(root, 'package-lock.json'), 'utf8') === readFileSync('package-lock.json', 'utf8');
  let modules: Baseline['modules'] = sameLock ? 'symlink' : 'npm ci';
  if (!existsSync(join(root, 'node_modules'))) {
    if (sameLock) symlinkSync(realpathSync('node_modules'), join(root, 'node_modules'));
    else modules = install(root, log);
  }
  const t = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const how = { symlink: 'a symlink to this checkout’s (package-lock.json identical)', 'npm ci': '`npm ci` (package-lock.json differs)', 'npm install': '`npm install` (package-lock.json differs, and `npm ci` refused it)' };
  log(`Baseline ${rev} = ${sha.slice(0, 12)} (${git(['log', '-1', '--format=%cd %s', '--date=short', sha]).slice(0, 100)}) in ${root}${reused ? ' (reused)' : ''}; node_modules: ${reused && !sameLock ? 'installed by an earlier run' : how[modules]}; built in ${((performance.now() - t) / 1000).toFixed(0)} s.`);
  return {
    sha,
    root,
    modules,
    seed: (url, opts) => seedInChild(root, url, opts),
    remove: () => {
      if (keep) return log(`Baseline worktree kept: ${root} (git worktree remove --force ${root})`);
      git(['worktree', 'remove', '--force', root]);
    },
  };
}

/**
 * `npm ci`; when it refuses (a lockfile out of step with its package.json: npm 11 refuses some older
 * lockfiles that lack other platforms' optional packages), `npm install`, which keeps the versions
 * the lockfile pins and adds what it lacks (the worktree's lockfile changes; this checkout's does not).
 */
function install(root: string, log: (line: string) => void): 'npm ci' | 'npm install' {
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    return 'npm ci';
  } catch (err) {
    const why = String((err as { stderr?: Buffer }).stderr ?? err).split('\n').find((l) => /npm error \S/.test(l) && !/code /.test(l)) ?? '';
    log(`npm ci refused the baseline's lockfile (${why.replace(/^npm error /, '')}); npm install instead`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    return 'npm install';
  }
}

/** The baseline's seedLoadWorld, run by node from its own dist/ (its own modules, entities and migrations). */
function seedInChild(root: string, url: string, opts: { enterprises: number; listings: number; signedIn: number }): Promise<LoadWorld> {
  // A file, not `node --input-type=module -e`: the seeder's rebuild starts worker threads, which
  // inherit the flags and cannot start from a file under --input-type.
  const script = join(root, 'dist/load-bench-seed.mjs');
  writeFileSync(
    script,
    `const { seedLoadWorld } = await import('./test/bench/load/load-world.js');
const world = await seedLoadWorld(process.argv[2], JSON.parse(process.argv[3]));
process.stdout.write('\\nWORLD ' + JSON.stringify(world) + '\\n', () => process.exit(0));
`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, url, JSON.stringify(opts)], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WORLD '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(6)) as LoadWorld);
      else reject(new Error(`the baseline's seeder failed (${code}):\n${out.slice(-3000)}`));
    });
  });
}
