/**
 * Hostile sheets against the bounded reader (docs/benchmarks.md, "hostile sheets, before and after
 * the bounded reader", the "after" column): `npm run build && node dist/test/bench/hostile-sheets.bench.js`.
 * Builds the two files of that table into a temporary directory, then parses each with
 * `parseEnterpriseFile` in a child process of its own (so its peak RSS is that file's alone) and
 * prints, per file: the bound that refused it, the wall time, the longest gap of a 10 ms timer on the
 * calling thread (the event loop blocked) and the process's peak RSS. Nothing is asserted; the bounds
 * themselves are asserted by test/integration/sheet-reader.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parseEnterpriseFile } from '../../libs/enterprises/src/import/enterprise-sheet.js';

const FILES = {
  /** Header + 400 rows with one value in column XFD (16,384). */
  'xfd.xlsx': async (): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.getRow(1).values = ['统一社会信用代码', '企业名称'];
    for (let r = 2; r < 402; r++) ws.getCell(r, 16_384).value = 'x';
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  /** A header and 1,000,000 rows of a USCC-like number and a name (≈ 53 MB). */
  'million.csv': async (): Promise<Buffer> => {
    const lines = ['统一社会信用代码,企业名称'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`${String(i).padStart(18, '9')},余姚市测试企业有限公司`);
    return Buffer.from(lines.join('\n'));
  },
};

/** Child: parse one file, print one JSON line. */
async function measure(path: string): Promise<void> {
  const file = readFileSync(path);
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  const t0 = performance.now();
  let outcome: string;
  try {
    const rows = await parseEnterpriseFile(file, path);
    outcome = `read ${rows.length} rows`;
  } catch (err) {
    const e = err as { details?: { limit?: string }; message: string };
    outcome = e.details?.limit ? `refused \`limit: ${e.details.limit}\`` : `failed: ${e.message.slice(0, 80)}`;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  longestGap = Math.max(longestGap, performance.now() - last);
  console.log(JSON.stringify({ outcome, ms, longestGap, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'srdi-hostile-'));
  try {
    console.log(`# hostile sheets — ${new Date().toISOString()} — ${os.cpus().length}× ${os.cpus()[0]?.model} — node ${process.version} — load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('\n| file | size | outcome | wall time | event loop blocked ≤ | max RSS |\n|---|---|---|---|---|---|');
    for (const [name, build] of Object.entries(FILES)) {
      const path = join(dir, name);
      writeFileSync(path, await build());
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), path], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { outcome: string; ms: number; longestGap: number; maxRssMB: number };
      const size = statSync(path).size;
      const shown = size < 1e6 ? `${(size / 1e3).toFixed(1)} KB` : `${(size / 1e6).toFixed(1)} MB`;
      console.log(`| ${name} | ${shown} | ${r.outcome} | ${r.ms.toFixed(0)} ms | ${r.longestGap.toFixed(0)} ms | ${r.maxRssMB.toFixed(0)} MB |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2]) await measure(process.argv[2]);
else await main();
