#!/usr/bin/env node
// Runs every spec file of `npm test` ALONE, one after the other, one Jest worker each — the check
// behind "running any single test file alone passes" (issue 25): a file that leans on another file's
// data, on the order of files, or on a neighbour's side effects fails here.
//
//   npm run build && node scripts/each-spec-alone.mjs                 # every file; Markdown table on stdout
//   node scripts/each-spec-alone.mjs test/e2e test/unit/search        # only files under these paths
//   node scripts/each-spec-alone.mjs --logs /tmp/alone                # keep each file's Jest output there
//
// Not test/faults (its own harness: `npm run test:faults`). Prints file, result, tests, seconds and the
// 1-minute load average when the file ended (so a failure under a loaded machine can be read as such,
// and then understood, not retried away). Exit code 1 if any file failed. Takes ~30 minutes on 2 cores.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TIERS = ['test/unit', 'test/integration', 'test/contract', 'test/e2e'];
const args = process.argv.slice(2);
const logsAt = args.indexOf('--logs');
const logs = logsAt >= 0 ? args.splice(logsAt, 2)[1] : undefined;
const roots = args.length > 0 ? args : TIERS;

if (!fs.existsSync('dist/test/helpers/global-setup.js')) {
  console.error('dist/ not found: run `npm run build` first (Jest loads the compiled global set-up)');
  process.exit(2);
}
if (logs) fs.mkdirSync(logs, { recursive: true });

function specs(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  if (fs.statSync(dir).isFile()) return dir.endsWith('.spec.ts') ? [...out, dir] : out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) specs(full, out);
    else if (entry.name.endsWith('.spec.ts')) out.push(full);
  }
  return out;
}

const files = [...new Set(roots.flatMap((r) => specs(r)))].filter((f) => !f.startsWith('test/faults/')).sort();
console.log(`# each spec file alone — ${new Date().toISOString()} — ${files.length} files — ${os.cpus().length}× ${os.cpus()[0]?.model}\n`);
console.log('| file | result | tests | seconds | load avg |\n|---|---|---|---:|---:|');
let failed = 0;
for (const file of files) {
  const t0 = process.hrtime.bigint();
  // The file's path as Jest's pattern, anchored and escaped, so it selects this file only.
  const pattern = `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const run = spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--maxWorkers=1', pattern], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const output = `${run.stdout}\n${run.stderr}`;
  if (logs) fs.writeFileSync(path.join(logs, `${file.replaceAll('/', '_')}.log`), output);
  const tests = /^Tests:\s+(.*)$/m.exec(output)?.[1]?.trim() ?? 'no summary';
  const suites = /^Test Suites:\s+(.*)$/m.exec(output)?.[1] ?? '';
  const ok = run.status === 0 && !/failed/.test(suites);
  if (!ok) failed++;
  console.log(`| ${file} | ${ok ? 'passed' : `**FAILED** (exit ${run.status ?? run.signal})`} | ${tests} | ${seconds.toFixed(1)} | ${os.loadavg()[0].toFixed(1)} |`);
}
console.log(`\n${files.length} files alone: ${files.length - failed} passed, ${failed} failed.`);
process.exit(failed > 0 ? 1 : 0);
