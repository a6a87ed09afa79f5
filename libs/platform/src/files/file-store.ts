import type { Readable } from 'node:stream';

/** What a stored object is: its size in bytes and the content type given at `put`. */
export interface StoredFileInfo {
  readonly size: number;
  readonly contentType: string;
}

/** A stored object opened for reading: its bytes as a stream, plus {@link StoredFileInfo}. */
export interface StoredFile extends StoredFileInfo {
  readonly body: Readable;
}

/**
 * Where uploaded files live (attachments of conversations). Keys are opaque paths chosen by the
 * caller ({@link checkFileKey}); the store knows nothing of what a file belongs to, who may read it
 * or how it is named for people — the database rows do. Adapters: a directory under DATA_DIR (the
 * all-in-one default) and an S3-compatible bucket (`S3_URL`), for several API processes.
 *
 * Contract (test/unit/platform/file-store.contract.spec.ts runs it on every adapter):
 * - `put` writes all the bytes or nothing (a failed or short stream leaves no object) and replaces
 *   an existing object of the same key; `size` must equal the number of bytes of `body`.
 * - `get` / `stat` of a missing key answer null, never throw.
 * - `delete` of a missing key is a no-op.
 */
export interface FileStore {
  put(key: string, body: Buffer | Readable, meta: StoredFileInfo): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  stat(key: string): Promise<StoredFileInfo | null>;
  delete(key: string): Promise<void>;
  /** For the boot log: the kind of store and where, without credentials. */
  describe(): string;
  /** Releases connections (the S3 client's sockets). */
  close(): Promise<void>;
}

/** Injection token of the process's {@link FileStore}. */
export const FILE_STORE = Symbol('FILE_STORE');

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Keys are lowercase path segments of [a-z0-9_.-] (no `..`, no leading dot or slash), at most 200 characters. */
export function checkFileKey(key: string): string {
  if (typeof key !== 'string' || key.length > 200 || !KEY.test(key) || key.split('/').some((s) => s === '..' || s.endsWith('.'))) {
    throw new Error(`invalid file key ${JSON.stringify(String(key).slice(0, 60))}: lowercase path segments of [a-z0-9_.-], at most 200 characters`);
  }
  return key;
}
