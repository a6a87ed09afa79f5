import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkFileKey, type FileStore, type StoredFile, type StoredFileInfo } from './file-store.js';

/**
 * {@link FileStore} on a local directory (the all-in-one default: `DATA_DIR/files`). Objects under
 * `objects/<key>`, their content type in `meta/<key>.json`. A write goes to a temporary file first
 * and is renamed into place, so a reader never sees half an object and a failed write leaves none.
 */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, body: Buffer | Readable, meta: StoredFileInfo): Promise<void> {
    const target = this.object(checkFileKey(key));
    await mkdir(dirname(target), { recursive: true });
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', `${randomBytes(8).toString('hex')}.part`);
    try {
      let written = 0;
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(tmp, { mode: 0o600 }),
      );
      if (written !== meta.size) throw new Error(`file ${key}: got ${written} bytes, expected ${meta.size}`);
      const metaFile = this.meta(key);
      await mkdir(dirname(metaFile), { recursive: true });
      await writeFile(metaFile, JSON.stringify({ contentType: meta.contentType, size: meta.size }), { mode: 0o600 });
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const info = await this.stat(key);
    if (!info) return null;
    return { ...info, body: createReadStream(this.object(key)) };
  }

  async stat(key: string): Promise<StoredFileInfo | null> {
    checkFileKey(key);
    try {
      const s = await stat(this.object(key));
      const meta = JSON.parse(await readFile(this.meta(key), 'utf8').catch(() => '{}')) as { contentType?: string };
      return { size: s.size, contentType: meta.contentType ?? 'application/octet-stream' };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    checkFileKey(key);
    await rm(this.object(key), { force: true });
    await rm(this.meta(key), { force: true });
  }

  describe(): string {
    return `local directory ${this.root}`;
  }

  async close(): Promise<void> {}

  private object(key: string): string {
    return join(this.root, 'objects', key);
  }

  private meta(key: string): string {
    return join(this.root, 'meta', `${key}.json`);
  }
}
