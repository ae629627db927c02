import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChecksumMismatchError, NotFoundError, TransientError } from '../../src/errors';
import type { BlobStore } from '../../src/storage/blob-store';
import { openStore } from '../../src/storage/open-store';
import { ZenodoClient } from '../../src/zenodo/client';
import { ingestFile } from '../../src/zenodo/ingest-file';
import { generatedMd5 } from '../storage/generated-bytes';
import { startS3rver, type RunningS3rver } from '../storage/s3rver-harness';
import { FakeZenodo } from './fake-zenodo';

const MiB = 1024 * 1024;
const FILE = { key: 'Galaxy10_DECals.h5', size: 3 * MiB + 17, seed: 42 };
const FILE_PATH = '/api/records/200/files/Galaxy10_DECals.h5/content';
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 };

async function md5Of(store: BlobStore, key: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of await store.stream(key)) hash.update(chunk);
  return hash.digest('hex');
}

async function keys(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const blob of store.list('')) out.push(blob.key);
  return out;
}

describe.each(['file', 's3'])('ingesting a Zenodo file into the %s store', (kind) => {
  let zenodo: FakeZenodo;
  let s3rver: RunningS3rver | undefined;
  let root: string;
  let store: BlobStore;
  let client: ZenodoClient;

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    if (kind === 's3') s3rver = await startS3rver();
  });
  afterAll(async () => {
    await zenodo.stop();
    await s3rver?.stop();
  });
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ingest-'));
    store = kind === 's3' ? openStore(`s3://${s3rver?.bucket}/${path.basename(root)}`) : openStore(root);
    zenodo.supportsRange = true;
    zenodo.requests.length = 0;
    zenodo.addRecord({ id: '200', conceptId: '100', version: 'v2', files: [FILE] });
    client = new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry });
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  async function theFile() {
    return (await client.getRecord('200')).files[0];
  }

  it('stores the bytes with their md5, then skips them the second time', async () => {
    const progress: number[] = [];
    const result = await ingestFile({
      client,
      store,
      recordId: '200',
      file: await theFile(),
      onProgress: (b) => progress.push(b),
    });
    expect(result).toEqual({
      key: 'raw/zenodo/200/Galaxy10_DECals.h5',
      uri: store.uriOf('raw/zenodo/200/Galaxy10_DECals.h5'),
      size: FILE.size,
      md5: generatedMd5(FILE.seed, FILE.size),
      status: 'ingested',
    });
    expect(await md5Of(store, result.key)).toBe(result.md5);
    expect((await store.head(result.key))?.md5).toBe(result.md5);
    expect(progress.at(-1)).toBe(FILE.size);

    const downloads = zenodo.requests.filter((r) => r.url === FILE_PATH).length;
    const again = await ingestFile({ client, store, recordId: '200', file: await theFile() });
    expect(again.status).toBe('skipped');
    expect(zenodo.requests.filter((r) => r.url === FILE_PATH).length).toBe(downloads);
  });

  it('retries a 500 and then succeeds', async () => {
    zenodo.fail(FILE_PATH, { status: 500 }, { status: 503 });
    const result = await ingestFile({ client, store, recordId: '200', file: await theFile() });
    expect(result.status).toBe('ingested');
    expect(await md5Of(store, result.key)).toBe(result.md5);
    expect(zenodo.requests.filter((r) => r.url === FILE_PATH)).toHaveLength(3);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    zenodo.fail(FILE_PATH, { status: 429, headers: { 'retry-after': '1' } });
    const result = await ingestFile({ client, store, recordId: '200', file: await theFile() });
    expect(result.status).toBe('ingested');
    const [throttled, retried] = zenodo.requests.filter((r) => r.url === FILE_PATH);
    expect(retried.atMs - throttled.atMs).toBeGreaterThanOrEqual(950);
  });

  it('resumes with a Range request when the connection is cut mid-body', async () => {
    zenodo.fail(FILE_PATH, { cutAfterBytes: MiB });
    const result = await ingestFile({ client, store, recordId: '200', file: await theFile() });
    expect(await md5Of(store, result.key)).toBe(generatedMd5(FILE.seed, FILE.size));
    const ranges = zenodo.requests.filter((r) => r.url === FILE_PATH).map((r) => r.range);
    expect(ranges).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
    expect(Number(/\d+/.exec(ranges[1] ?? '')?.[0])).toBeGreaterThanOrEqual(MiB);
  });

  it('starts over when the server cannot resume a cut connection', async () => {
    zenodo.supportsRange = false;
    zenodo.fail(FILE_PATH, { cutAfterBytes: MiB });
    const result = await ingestFile({ client, store, recordId: '200', file: await theFile() });
    expect(await md5Of(store, result.key)).toBe(generatedMd5(FILE.seed, FILE.size));
    expect(zenodo.requests.filter((r) => r.url === FILE_PATH).length).toBe(3);
    expect(await keys(store)).toEqual([result.key]);
  });

  it('refuses bytes whose md5 differs from Zenodo and publishes nothing', async () => {
    zenodo.addRecord({
      id: '200',
      conceptId: '100',
      version: 'v2',
      files: [{ ...FILE, md5: 'a'.repeat(32) }],
    });
    await expect(ingestFile({ client, store, recordId: '200', file: await theFile() })).rejects.toThrow(
      ChecksumMismatchError,
    );
    expect(await keys(store)).toEqual([]);
  });

  it('gives up with TransientError when Zenodo keeps failing, leaving nothing', async () => {
    zenodo.fail(FILE_PATH, ...Array.from({ length: 4 }, () => ({ status: 502 })));
    await expect(ingestFile({ client, store, recordId: '200', file: await theFile() })).rejects.toThrow(
      TransientError,
    );
    expect(await keys(store)).toEqual([]);
  });

  it('says NotFoundError for a file Zenodo no longer has', async () => {
    const file = { ...(await theFile()), url: zenodo.fileUrl('200', 'gone.h5') };
    await expect(ingestFile({ client, store, recordId: '200', file })).rejects.toThrow(NotFoundError);
    expect(await keys(store)).toEqual([]);
  });
});
