/**
 * Worker-thread entry of the isolated sheet reader: reads one file and posts the table back, or the
 * bound it crossed. Runs with a capped heap, so even a file that slips past every check costs only
 * this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readTable, type SheetFormat } from './sheet-reader.js';
import { SheetLimitError, type SheetLimits } from './sheet-limits.js';

export type SheetWorkerReply = { ok: true; table: Awaited<ReturnType<typeof readTable>> } | { ok: false; limit: string; message: string };

const { buffer, format, limits } = workerData as { buffer: Uint8Array; format: SheetFormat; limits: SheetLimits };

readTable(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), format, limits).then(
  (table) => parentPort!.postMessage({ ok: true, table } satisfies SheetWorkerReply),
  (err: unknown) =>
    parentPort!.postMessage(
      (err instanceof SheetLimitError
        ? { ok: false, limit: err.limit, message: err.message }
        : { ok: false, limit: 'format', message: '无法读取文件 (the file cannot be read)' }) satisfies SheetWorkerReply,
    ),
);
