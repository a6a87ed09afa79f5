import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
// s3rver: an S3-protocol server in this process (no Docker, no network beyond 127.0.0.1).
import S3rver from 's3rver';
import type { FileStore } from '../../../libs/platform/src/files/file-store.js';
import { LocalFileStore } from '../../../libs/platform/src/files/local-file-store.js';
import { S3FileStore } from '../../../libs/platform/src/files/s3-file-store.js';
import { signLink, verifyLink } from '../../../libs/platform/src/files/signed-link.js';

const read = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};

/** The one contract every FileStore adapter passes (see FileStore's TSDoc). */
function contract(name: string, make: () => FileStore) {
  describe(`FileStore contract: ${name}`, () => {
    let store: FileStore;
    beforeAll(() => {
      store = make();
    });

    it('put then get returns the same bytes, size and content type; stat agrees', async () => {
      const bytes = Buffer.from('%PDF-1.4 合同草案 contract draft');
      await store.put('attachments/a1', bytes, { size: bytes.length, contentType: 'application/pdf' });
      expect(await store.stat('attachments/a1')).toEqual({ size: bytes.length, contentType: 'application/pdf' });
      const got = await store.get('attachments/a1');
      expect(got?.size).toBe(bytes.length);
      expect(got?.contentType).toBe('application/pdf');
      expect((await read(got!.body)).equals(bytes)).toBe(true);
    });

    it('streams: a Readable of several chunks is stored whole', async () => {
      const parts = [Buffer.alloc(64 * 1024, 1), Buffer.alloc(64 * 1024, 2), Buffer.from('end')];
      const size = parts.reduce((n, p) => n + p.length, 0);
      await store.put('attachments/streamed', Readable.from(parts), { size, contentType: 'image/png' });
      const got = await store.get('attachments/streamed');
      expect((await read(got!.body)).equals(Buffer.concat(parts))).toBe(true);
    });

    it('put replaces an object of the same key', async () => {
      await store.put('attachments/r', Buffer.from('one'), { size: 3, contentType: 'text/plain' });
      await store.put('attachments/r', Buffer.from('second'), { size: 6, contentType: 'image/jpeg' });
      expect(await store.stat('attachments/r')).toEqual({ size: 6, contentType: 'image/jpeg' });
      expect((await read((await store.get('attachments/r'))!.body)).toString()).toBe('second');
    });

    it('a missing key: get and stat answer null, delete is a no-op', async () => {
      expect(await store.get('attachments/none')).toBeNull();
      expect(await store.stat('attachments/none')).toBeNull();
      await expect(store.delete('attachments/none')).resolves.toBeUndefined();
    });

    it('delete removes the object', async () => {
      await store.put('attachments/d', Buffer.from('x'), { size: 1, contentType: 'text/plain' });
      await store.delete('attachments/d');
      expect(await store.stat('attachments/d')).toBeNull();
      expect(await store.get('attachments/d')).toBeNull();
    });

    it('refuses keys that could escape their place (.., absolute, upper case)', async () => {
      for (const key of ['../x', '/etc/passwd', 'a/../../b', 'A/b', 'a//b', '']) {
        await expect(store.put(key, Buffer.from('x'), { size: 1, contentType: 'text/plain' })).rejects.toThrow(/invalid file key/);
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'srdi-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

contract('local directory', () => new LocalFileStore(join(dir, 'local')));

describe('local directory: a short stream leaves no object', () => {
  it('size mismatch → rejected, nothing stored', async () => {
    const store = new LocalFileStore(join(dir, 'short'));
    await expect(store.put('attachments/short', Buffer.from('abc'), { size: 10, contentType: 'text/plain' })).rejects.toThrow(/expected 10/);
    expect(await store.stat('attachments/short')).toBeNull();
  });
});

let server: S3rver;
let s3Store: S3FileStore;
beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3') });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  await admin.send(new CreateBucketCommand({ Bucket: 'srdi-test' }));
  admin.destroy();
  s3Store = new S3FileStore({ endpoint, bucket: 'srdi-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'deploy-a/' });
});
afterAll(async () => {
  await s3Store?.close();
  await server?.close();
});

contract('S3 adapter against s3rver (in process)', () => s3Store);

describe('signed links', () => {
  const secret = 'x'.repeat(40);
  it('a valid link passes until its expiry second, not after', () => {
    const sig = signLink(secret, 'id-1', 1_000);
    expect(verifyLink(secret, 'id-1', '1000', sig, 1_000)).toBeNull();
    expect(verifyLink(secret, 'id-1', '1000', sig, 1_001)).toBe('expired');
  });
  it('another id, expiry, secret or signature fails the signature', () => {
    const sig = signLink(secret, 'id-1', 1_000);
    expect(verifyLink(secret, 'id-2', '1000', sig, 0)).toBe('bad-signature');
    expect(verifyLink(secret, 'id-1', '2000', sig, 0)).toBe('bad-signature');
    expect(verifyLink('y'.repeat(40), 'id-1', '1000', sig, 0)).toBe('bad-signature');
    expect(verifyLink(secret, 'id-1', '1000', `${sig.slice(0, -1)}A`, 0)).toBe(sig.endsWith('A') ? null : 'bad-signature');
    expect(verifyLink(secret, 'id-1', '1e3', sig, 0)).toBe('bad-signature');
  });
});
