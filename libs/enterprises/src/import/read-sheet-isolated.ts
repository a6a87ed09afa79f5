import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../platform/src/index.js';
import { readTable, type SheetFormat, type Table } from './sheet-reader.js';
import { SHEET_LIMITS, SheetLimitError, type SheetLimits } from './sheet-limits.js';
import type { SheetWorkerReply } from './sheet-worker.js';

/** The compiled worker beside this module (dist), or the build's copy when running from sources (ts-jest). */
function workerFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'sheet-worker.js'), join(here, '../../../..', 'dist/libs/enterprises/src/import/sheet-worker.js')];
  return candidates.find((f) => existsSync(f));
}

/** BAD_USER_INPUT on `file`, with `extensions.limit` naming the bound. */
export function sheetError(err: SheetLimitError): AppError {
  return new AppError('BAD_USER_INPUT', err.message, { field: 'file', limit: err.limit });
}

/**
 * Reads a sheet in a worker thread with a capped heap and a deadline, so a hostile file slows only
 * its own import: the event loop that serves other requests never parses it, and a file that gets
 * past every streaming bound still cannot take more than `readerHeapMb` of memory or
 * `readerTimeoutMs` of time. Throws BAD_USER_INPUT naming the bound.
 */
export async function readSheetIsolated(buffer: Buffer, format: SheetFormat, limits: SheetLimits = SHEET_LIMITS): Promise<Table> {
  const file = workerFile();
  try {
    if (!file) return await readTable(buffer, format, limits); // no build (never in tests or production)
    return await inWorker(file, buffer, format, limits);
  } catch (err) {
    if (err instanceof SheetLimitError) throw sheetError(err);
    throw err;
  }
}

function inWorker(file: string, buffer: Buffer, format: SheetFormat, limits: SheetLimits): Promise<Table> {
  if (buffer.length > limits.maxFileBytes) return readTable(buffer, format, limits); // refuses at once, before copying
  return new Promise<Table>((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { buffer, format, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.readerHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new SheetLimitError('time', `文件读取超过 ${Math.round(limits.readerTimeoutMs / 1000)} 秒仍未完成，已中止：请检查文件或拆分后再导入 (reading the file took longer than ${Math.round(limits.readerTimeoutMs / 1000)} s; aborted)`))),
      limits.readerTimeoutMs,
    );
    worker.once('message', (reply: SheetWorkerReply) => settle(() => (reply.ok ? resolve(reply.table) : reject(new SheetLimitError(reply.limit, reply.message)))));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new SheetLimitError('memory', `读取文件所需内存超过 ${limits.readerHeapMb} MB 上限，已中止：请删除多余的列、行或格式后再导入 (reading the file needs more than ${limits.readerHeapMb} MB; aborted)`)
            : err,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`sheet reader exited with code ${code}`))));
  });
}
