import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import type { FileStore } from './file-store.js';
import { LocalFileStore } from './local-file-store.js';
import { S3FileStore } from './s3-file-store.js';

/** The S3 adapter when `S3_URL` is set, else a directory under DATA_DIR (`files/`). */
export function createFileStore(config: Pick<AppConfig, 'dataDir' | 'files'>): FileStore {
  const s3 = config.files.s3;
  if (s3) return new S3FileStore(s3);
  return new LocalFileStore(join(config.dataDir, 'files'));
}
