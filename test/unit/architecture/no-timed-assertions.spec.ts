/**
 * Speed belongs to the benchmarks (npm run bench), not to the test suite: a spec that asserts on
 * elapsed time fails on a loaded machine and passes on a fast one without proving anything. This
 * reads every file under the suite's folders and refuses an expect() that compares elapsed time:
 * the difference of two clock reads (performance.now(), Date.now(), process.hrtime[.bigint]()),
 * directly or through a variable holding one, or process.hrtime(start). Comparing a timestamp with
 * the clock (an expiry after `Date.now() + 60_000`) is not elapsed time and is allowed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const SUITE_DIRS = ['test/unit', 'test/integration', 'test/e2e', 'test/contract', 'test/search-contract'];

const CLOCK_READ = String.raw`(?:performance\.now\(\)|Date\.now\(\)|(?:process\.)?hrtime(?:\.bigint)?\(\))`;
const ELAPSED_CALL = /(?:process\.)?hrtime\(\s*[A-Za-z_$][\w$]*\s*\)/;
const ASSIGNMENT = /(?:\b(?:const|let|var)\s+)?\b([A-Za-z_$][\w$]*)\s*=(?![=>])\s*([^;\n]*)/g;

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** Comments out of the way (a `//` after `:` or a quote is kept: URLs in strings). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The text of each `expect(...)...;` statement. */
function expectStatements(source: string): string[] {
  const out: string[] = [];
  for (let at = source.indexOf('expect('); at >= 0; at = source.indexOf('expect(', at + 1)) {
    if (/[\w$.]/.test(source[at - 1] ?? '')) continue;
    let depth = 0;
    let end = at;
    for (; end < source.length; end++) {
      const c = source[end]!;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (--depth < 0) break;
      } else if (c === ';' && depth === 0) break;
    }
    out.push(source.slice(at, end));
  }
  return out;
}

/** The expect statements of `source` that compare elapsed time (empty when none). */
export function timedAssertions(source: string): string[] {
  const code = stripComments(source);
  const clockVars = new Set<string>();
  const elapsedVars = new Set<string>();
  const clockish = () => new RegExp(`(?:${CLOCK_READ}${[...clockVars].map((v) => `|\\b${escape(v)}\\b`).join('')})`);
  const difference = () => new RegExp(`${clockish().source}\\s*-\\s*\\(?\\s*${clockish().source}`);
  const assignments = [...code.matchAll(ASSIGNMENT)].map((m) => [m[1]!, m[2]!] as const);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, rhs] of assignments) {
      const elapsed = difference().test(rhs) || ELAPSED_CALL.test(rhs) || [...elapsedVars].some((v) => new RegExp(`\\b${escape(v)}\\b`).test(rhs));
      if (elapsed && !elapsedVars.has(name)) {
        elapsedVars.add(name);
        grew = true;
      }
      if (clockish().test(rhs) && !clockVars.has(name)) {
        clockVars.add(name);
        grew = true;
      }
    }
  }
  return expectStatements(code).filter(
    (stmt) => difference().test(stmt) || ELAPSED_CALL.test(stmt) || [...elapsedVars].some((v) => new RegExp(`\\b${escape(v)}\\b`).test(stmt)),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('no timed assertions in the test suite', () => {
  it('no spec under test/unit, test/integration, test/e2e or test/contract compares elapsed time', () => {
    // This file is left out: its examples below are violations on purpose.
    const files = SUITE_DIRS.flatMap((d) => filesUnder(join(process.cwd(), d))).filter((f) => !f.endsWith(join('architecture', 'no-timed-assertions.spec.ts')));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((f) => timedAssertions(readFileSync(f, 'utf8')).map((stmt) => `${relative(process.cwd(), f)}: ${stmt}`));
    expect(offenders).toEqual([]);
  });

  it.each([
    ['a clock read minus a start', `const t0 = performance.now();\nawait work();\nexpect(performance.now() - t0).toBeLessThan(500);`],
    ['Date.now() minus a start', `const t0 = Date.now();\nrejects(() => run(x));\nexpect(Date.now() - t0).toBeLessThan(2_000);`],
    ['two stamps', `const t1 = Date.now();\nconst t2 = Date.now();\nexpect(Math.abs(t2 - t1 - (t1 - t0))).toBeLessThan(200);`],
    ['an elapsed variable', `const started = performance.now();\nawait go();\nconst took = performance.now() - started;\nexpect(took).toBeLessThan(5);`],
    ['an elapsed variable in the matcher', `const s = Date.now();\nconst ms = Date.now() - s;\nexpect(budget).toBeGreaterThan(ms);`],
    ['process.hrtime.bigint', `const a = process.hrtime.bigint();\nexpect(process.hrtime.bigint() - a).toBeLessThan(10n ** 9n);`],
    ['process.hrtime(start)', `const a = process.hrtime();\nexpect(process.hrtime(a)[0]).toBe(0);`],
  ])('refuses %s', (_name, snippet) => {
    expect(timedAssertions(snippet)).toHaveLength(1);
  });

  it.each([
    ['a deadline loop', `const until = Date.now() + 5_000;\nwhile (Date.now() < until) await tick();\nexpect(done).toBe(true);`],
    ['an expiry against the clock', `const before = Date.now();\nexpect(expiresAt).toBeGreaterThan(before + 58_000);\nexpect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);`],
    ['a timestamp window', `expect(row.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);`],
    ['a commented-out check', `// expect(Date.now() - t0).toBeLessThan(5);\n/* expect(performance.now() - t0).toBeLessThan(5); */`],
  ])('allows %s', (_name, snippet) => {
    expect(timedAssertions(snippet)).toEqual([]);
  });
});
