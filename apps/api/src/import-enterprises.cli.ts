/**
 * npm run import:enterprises -- <file.xlsx|file.csv> [--yes] [--json]
 *
 * Hands the file to the running srdi-match, as `npm run reindex` does: it is stored in that
 * server's database (DATABASE_URL, or the embedded cluster a running `npm start` holds in
 * DATA_DIR) as an asynchronous import, exactly like an upload at POST /imports/enterprises; the
 * server's workers parse it, this command shows the preview, confirms it, and follows the batches
 * until DONE, FAILED or CANCELLED. So it runs beside `npm start`, never next to it on the same
 * embedded database files. There is no direct mode (the workers do the import, as for an upload).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig, buildDataSource, inTransaction, AppError } from '../../../libs/platform/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import {
  EnterpriseProfileService,
  EnterpriseImporter,
  type ImportRejection,
  EnterpriseImportRuns,
  checkUpload,
} from '../../../libs/enterprises/src/index.js';
import type { EnterpriseImportEntity } from '../../../libs/enterprises/src/index.js';
import { runningServerDatabaseUrl } from './cli/running-server.js';

const HELP = `用法 (usage): npm run import:enterprises -- <名单.xlsx|名单.csv> [--yes] [--json]

把企业名单交给正在运行的平台（npm start 或 DATABASE_URL 指向的部署）异步导入，与网页上传
（POST /imports/enterprises）相同：服务端解析 → 显示预览 → 确认 → 分批导入，本命令显示进度直到
完成（DONE）、失败（FAILED）或取消（CANCELLED），最后给出各项计数与报告的位置。
Hands the list to the running server as an asynchronous import, shows the preview, confirms it and
follows it to DONE/FAILED/CANCELLED.

  --yes    不询问，预览后直接确认。非交互（标准输入不是终端，如脚本、CI）时必须加 --yes：
           否则只显示预览，任务保持“预览就绪”（可在网页中确认），退出码 3。
           Confirm without asking. Required when stdin is not a terminal; without it the preview is
           printed, the import stays PREVIEW_READY (confirm it in the web UI) and the exit code is 3.
  --json   结束时在标准输出打印 JSON 摘要（进度仍写到标准错误）。
           Print a JSON summary on stdout at the end (progress goes to stderr).
  --help   显示本说明。

交互时回答 n 会取消该导入任务。按 Ctrl-C 只停止显示：已确认的导入在服务端继续运行。
Answering n cancels the import. Ctrl-C only stops following: a confirmed import keeps running.

退出码 (exit codes): 0 完成 DONE · 1 文件被拒、解析失败、被取消或找不到运行中的平台 · 2 用法错误 · 3 未确认`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const json = args.includes('--json');
const yes = args.includes('--yes');
const files = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && !['--yes', '--json'].includes(a));
if (files.length !== 1 || unknown.length > 0) {
  console.error(HELP);
  process.exit(2);
}
// npm runs scripts from the package root; resolve the path against where the user typed it.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
const say = (line: string) => console.error(line);
const ENDED = new Set(['DONE', 'FAILED', 'CANCELLED']);

let content: Buffer;
try {
  content = await readFile(path);
  checkUpload(basename(path), content, { filename: 'file', content: 'file' });
} catch (err) {
  say(`${path}: ${err instanceof AppError ? err.message : `无法读取文件 (cannot read the file): ${(err as Error).message}`}`);
  process.exit(1);
}

const config = loadConfig();
const url = await runningServerDatabaseUrl(config);
if (!url) {
  say('没有找到运行中的平台：请先 npm start（内置数据库），或设置 DATABASE_URL 指向部署的数据库 (no running srdi-match found for DATA_DIR: start it or set DATABASE_URL)');
  process.exit(1);
}
const dataSource = buildDataSource(url, DATABASE_SCHEMA, 'srdi-import-cli');
await dataSource.initialize();
const runs = new EnterpriseImportRuns(dataSource, new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the import until `done(row)`; `onChange` sees each new state. Rejects after `idleMs` without any change. */
async function follow(id: string, done: (r: EnterpriseImportEntity) => boolean, idleMs: number, onChange?: (r: EnterpriseImportEntity) => void): Promise<EnterpriseImportEntity> {
  let last = '';
  let since = Date.now();
  for (;;) {
    const row = (await runs.find(id))!;
    const key = `${row.status}:${row.firmsDone}`;
    if (key !== last) {
      last = key;
      since = Date.now();
      onChange?.(row);
    }
    if (done(row)) return row;
    if (Date.now() - since > idleMs) {
      throw new Error(
        `${idleMs / 1000} 秒内导入任务没有进展（状态 ${row.status}）：平台的工作进程是否在运行？任务 ${id} 已保存，工作进程启动后会继续 ` +
          `(no progress within ${idleMs / 1000} s: is a worker or \`npm start\` running? the import is kept and resumes when one runs)`,
      );
    }
    await sleep(300);
  }
}

function printPreview(row: EnterpriseImportEntity): void {
  const preview = row.preview!;
  say(`表头在第 ${row.headerRow} 行；${row.rowsTotal} 个数据行，${row.firmsTotal} 家企业 (header in row ${row.headerRow}; ${row.rowsTotal} data rows, ${row.firmsTotal} enterprises)`);
  for (const u of (row.sheet?.unknownColumns ?? []) as Array<{ column: string; header: string }>) say(`  未识别的列 ${u.column}「${u.header}」将忽略 (unknown column ignored)`);
  say(`预览：将新建 ${preview.wouldCreate} 家，已存在 ${preview.wouldUpdate} 家（更新或不变），已知将拒绝 ${preview.rejected.length} 行 (would create / exist / rows rejected)`);
  for (const r of (preview.rejected as ImportRejection[]).slice(0, 20)) say(`  第 ${r.row} 行 ${r.field}：${r.reason}`);
  if (preview.rejected.length > 20) say(`  ……另有 ${preview.rejected.length - 20} 行，见报告 (more in the report)`);
}

async function confirmed(row: EnterpriseImportEntity): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    say(`未确认：非交互模式须加 --yes。导入任务 ${row.id} 保持“预览就绪”，可在网页中确认，或加 --yes 重新运行 (not confirmed: pass --yes when stdin is not a terminal)`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = (await rl.question('确认导入？输入 y 确认，其他取消 (confirm? y/N) ')).trim().toLowerCase();
  rl.close();
  if (answer === 'y' || answer === 'yes') return true;
  await inTransaction(dataSource, (m) => runs.cancel(m, row.id));
  say(`已取消导入任务 ${row.id} (cancelled)`);
  return false;
}

const reportUrl = (id: string) => `${config.mail.linkBase.replace(/\/$/, '')}/imports/enterprises/${id}/report.xlsx`;

async function main(): Promise<number> {
  const started = await inTransaction(dataSource, (m) => runs.start(m, null, basename(path), content));
  const id = started.id;
  say(`已提交导入任务 ${id}（${basename(path)}，${content.length} 字节），等待平台解析 (submitted; waiting for the server to parse it)`);
  let row = await follow(id, (r) => r.status !== 'QUEUED' && r.status !== 'PARSING', 120_000);
  if (row.status === 'PREVIEW_READY') {
    printPreview(row);
    if (!(await confirmed(row))) return 3;
    await inTransaction(dataSource, (m) => runs.confirm(m, id, null));
    say('已确认，开始分批导入 (confirmed; importing in batches)');
    row = await follow(id, (r) => ENDED.has(r.status), 600_000, (r) => {
      if (r.status === 'RUNNING') say(`进度 ${r.firmsDone}/${r.firmsTotal} 家企业：新建 ${r.created}，更新 ${r.updated}，无变化 ${r.unchanged}，拒绝 ${r.rejectedRows} 行 (progress)`);
    });
  }
  const counts = { created: row.created, updated: row.updated, unchanged: row.unchanged, rejectedRows: row.rejectedRows, claimConflicts: row.claimConflicts };
  if (row.status === 'DONE') {
    say(
      `DONE 完成：${row.firmsTotal} 家企业，新建 ${row.created}，更新 ${row.updated}，无变化 ${row.unchanged}；拒绝 ${row.rejectedRows} 行，申领冲突 ${row.claimConflicts} 家 ` +
        `(created ${row.created}, updated ${row.updated}, unchanged ${row.unchanged}, rows rejected ${row.rejectedRows}, claim conflicts ${row.claimConflicts})`,
    );
    const rejected = await runs.reportPage(id, 20, null, 'REJECTED');
    for (const r of rejected.rows) say(`  第 ${r.row} 行 ${r.field ?? ''}：${r.reason ?? ''}`);
    if (rejected.totalCount > rejected.rows.length) say(`  ……另有 ${rejected.totalCount - rejected.rows.length} 行，见报告 (more in the report)`);
  } else if (row.status === 'FAILED') {
    say(`FAILED 文件无法导入：${row.error ?? ''}`);
  } else {
    say(`${row.status} 导入任务已取消${row.firmsDone ? `，已完成 ${row.firmsDone}/${row.firmsTotal} 家企业` : ''} (cancelled)`);
  }
  say(`报告 (report): ${reportUrl(id)}（需主管部门登录 / AUTHORITY bearer token），或 GraphQL enterpriseImport(id: "${id}")`);
  if (json) console.log(JSON.stringify({ id, status: row.status, firmsTotal: row.firmsTotal, firmsDone: row.firmsDone, rowsTotal: row.rowsTotal, rowsDone: row.rowsDone, ...counts, error: row.error, reportUrl: reportUrl(id) }, null, 2));
  return row.status === 'DONE' ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (err) {
  say((err as Error).message);
  process.exitCode = 1;
} finally {
  await dataSource.destroy();
}
