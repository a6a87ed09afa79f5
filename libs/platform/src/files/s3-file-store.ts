import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { checkFileKey, type FileStore, type StoredFile, type StoredFileInfo } from './file-store.js';

export interface S3FileStoreOptions {
  /** The S3-compatible endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com or http://minio:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Object key prefix inside the bucket (e.g. "srdi/"), so one bucket can serve several deployments. */
  prefix?: string;
}

const missing = (err: unknown) =>
  err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');

/**
 * {@link FileStore} on an S3-compatible bucket (`S3_URL`), shared by every API and worker process.
 * Path-style addressing (MinIO, Ceph, most Chinese clouds' compatible endpoints); checksums only
 * where the protocol requires them, so servers without the 2025 flexible-checksum extension work.
 * PutObject is atomic on S3: an interrupted upload leaves no object.
 */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3FileStoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
    });
  }

  async put(key: string, body: Buffer | Readable, meta: StoredFileInfo): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: body, ContentLength: meta.size, ContentType: meta.contentType }),
    );
  }

  async get(key: string): Promise<StoredFile | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      return { body: out.Body as Readable, size: Number(out.ContentLength ?? 0), contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async stat(key: string): Promise<StoredFileInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      return { size: Number(out.ContentLength ?? 0), contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
  }

  describe(): string {
    return `S3 bucket ${this.options.bucket} at ${this.options.endpoint.replace(/\/\/.*@/, '//***@')}`;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private key(key: string): string {
    return `${this.options.prefix ?? ''}${checkFileKey(key)}`;
  }
}
