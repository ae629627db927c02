import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChecksumMismatchError, InvalidConfigError, NotFoundError } from '../../src/errors';
import type { BlobInfo, BlobStore } from '../../src/storage/blob-store';
import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { openStore } from '../../src/storage/open-store';
import { RUN_ARTIFACT_TAGS } from '../../src/run/run-layout';
import { createS3Client } from '../../src/storage/s3-client';
import { failingStream, generatedMd5, generatedStream } from './generated-bytes';
import { startS3rver, type RunningS3rver } from './s3rver-harness';

const MiB = 1024 * 1024;

interface StoreUnderTest {
  open(options?: { listPageSize?: number }): BlobStore;
  stop(): Promise<void>;
}

async function fileStore(): Promise<StoreUnderTest> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'blob-store-'));
  return { open: () => openStore(root), stop: () => rm(root, { recursive: true, force: true }) };
}

async function s3Store(): Promise<StoreUnderTest> {
  const s3rver: RunningS3rver = await startS3rver();
  const uri = `s3://${s3rver.bucket}/some/prefix`;
  return {
    open: (options = {}) => openStore(uri, { partSize: 5 * MiB, ...options }),
    stop: () => s3rver.stop(),
  };
}

async function collect(items: AsyncIterable<BlobInfo>): Promise<BlobInfo[]> {
  const out: BlobInfo[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each([
  ['file', fileStore],
  ['s3', s3Store],
])('%s BlobStore', (_kind, start) => {
  let backend: StoreUnderTest;
  let store: BlobStore;

  beforeAll(async () => {
    backend = await start();
  });
  afterAll(async () => backend.stop());
  beforeEach(() => {
    store = backend.open();
  });
  afterEach(async () => {
    for await (const { key } of store.list('')) await store.delete(key);
  });

  it('reads back what was put, with size and md5', async () => {
    const info = await store.put('runs/r1/config.json', '{"seed":7}', { contentType: 'application/json' });
    expect(info).toEqual({ key: 'runs/r1/config.json', size: 10, md5: 'bcbe11eb731be24c3064443c57e85d91' });
    expect(await store.getText('runs/r1/config.json')).toBe('{"seed":7}');
    expect(await store.head('runs/r1/config.json')).toEqual(info);
    expect(await store.exists('runs/r1/config.json')).toBe(true);
  });

  it('streams a multi-part upload in and out with its md5 kept', async () => {
    const size = 12 * MiB + 123;
    const md5 = generatedMd5(1, size);
    const info = await store.putStream('raw/big.h5', generatedStream(1, size));
    expect(info).toEqual({ key: 'raw/big.h5', size, md5 });
    expect(await store.head('raw/big.h5')).toEqual(info);
    const hash = createHash('md5');
    for await (const chunk of await store.stream('raw/big.h5')) hash.update(chunk);
    expect(hash.digest('hex')).toBe(md5);
  });

  it('accepts a stream whose md5 matches the expected one', async () => {
    const size = 6 * MiB;
    const md5 = generatedMd5(2, size);
    const info = await store.putStream('raw/a.h5', generatedStream(2, size), {
      expectedMd5: md5.toUpperCase(),
    });
    expect(info).toEqual({ key: 'raw/a.h5', size, md5 });
    expect(await store.head('raw/a.h5')).toEqual({ key: 'raw/a.h5', size, md5 });
  });

  it.each([
    ['small', 1000],
    ['multi-part', 11 * MiB],
  ])('rejects a %s stream with the wrong md5 and keeps the old object', async (_label, size) => {
    await store.put('raw/file.h5', 'previous release');
    const wrong = '0'.repeat(32);
    await expect(
      store.putStream('raw/file.h5', generatedStream(3, size), { expectedMd5: wrong }),
    ).rejects.toThrow(ChecksumMismatchError);
    expect(await store.getText('raw/file.h5')).toBe('previous release');
    expect((await collect(store.list(''))).map((b) => b.key)).toEqual(['raw/file.h5']);
  });

  it('rejects a buffer with the wrong md5 and writes nothing', async () => {
    await expect(store.put('a.txt', 'hello', { expectedMd5: 'f'.repeat(32) })).rejects.toThrow(
      ChecksumMismatchError,
    );
    expect(await store.exists('a.txt')).toBe(false);
  });

  it('leaves nothing behind when the source stream fails mid-way', async () => {
    await expect(store.putStream('raw/cut.h5', failingStream(4, 6 * MiB))).rejects.toThrow(
      'connection reset',
    );
    expect(await store.exists('raw/cut.h5')).toBe(false);
    expect(await collect(store.list(''))).toEqual([]);
  });

  it('says NotFoundError for missing keys and tolerates deleting them', async () => {
    await expect(store.get('nope/x.json')).rejects.toThrow(NotFoundError);
    await expect(store.getText('nope/x.json')).rejects.toThrow(NotFoundError);
    await expect(store.stream('nope/x.json')).rejects.toThrow(NotFoundError);
    expect(await store.head('nope/x.json')).toBeUndefined();
    expect(await store.exists('nope/x.json')).toBe(false);
    await expect(store.delete('nope/x.json')).resolves.toBeUndefined();
  });

  it('deletes an object', async () => {
    await store.put('runs/r1/summary.json', '{}');
    await store.delete('runs/r1/summary.json');
    expect(await store.exists('runs/r1/summary.json')).toBe(false);
    expect(await collect(store.list('runs/'))).toEqual([]);
  });

  it('lists in key order under a partial prefix, across pages', async () => {
    // No '-' or '.' right after 'runs/a': s3rver pages those out of S3's key order (its own bug).
    const keys = ['runs/a/x', 'runs/a/b/z', 'runs/ab', 'runs/b/x', 'raw/q', 'runs/ac.json'];
    for (let i = 0; i < 20; i++) keys.push(`runs/a/m/${String(i).padStart(2, '0')}`);
    for (const key of keys) await store.put(key, key);
    const paged = backend.open({ listPageSize: 3 });
    const listed = await collect(paged.list('runs/a'));
    const expected = keys
      .filter((k) => k.startsWith('runs/a'))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(listed.map((b) => b.key)).toEqual(expected);
    expect(listed.find((b) => b.key === 'runs/ab')?.size).toBe('runs/ab'.length);
    expect((await collect(paged.list('runs/a/'))).length).toBe(22);
    expect((await collect(paged.list(''))).length).toBe(keys.length);
    expect(await collect(paged.list('missing/'))).toEqual([]);
  });

  it('gives URIs that reopen the same store', async () => {
    await store.put('runs/r2/config.json', 'x');
    const uri = store.uriOf('runs/r2/config.json');
    expect(uri.startsWith(store.uri + '/')).toBe(true);
    expect(uri.endsWith('/runs/r2/config.json')).toBe(true);
    expect(await openStore(store.uri).getText('runs/r2/config.json')).toBe('x');
  });

  it.each(['', '/abs', '../escape', 'a//b', 'a/./b', 'dir/', '.deepastro-store/tmp/x'])(
    'refuses the key %j with InvalidConfigError',
    async (key) => {
      await expect(store.put(key, 'x')).rejects.toThrow(InvalidConfigError);
      expect(() => store.uriOf(key)).toThrow(InvalidConfigError);
    },
  );
});

describe('S3 store tags', () => {
  it('tags an object for the lifecycle rules, e.g. a checkpoint part', async () => {
    const s3rver = await startS3rver('deepastro-tags');
    try {
      const store = openStore(`s3://${s3rver.bucket}/p`);
      await store.put('runs/r/members/0/checkpoint/000000/state.json', '{}', {
        tags: RUN_ARTIFACT_TAGS.checkpoint,
      });
      const tagging = await createS3Client().send(
        new GetObjectTaggingCommand({
          Bucket: s3rver.bucket,
          Key: 'p/runs/r/members/0/checkpoint/000000/state.json',
        }),
      );
      expect(tagging.TagSet).toEqual([{ Key: 'deepastro-uda:artifact', Value: 'checkpoint' }]);
    } finally {
      await s3rver.stop();
    }
  });
});

describe('file store internals', () => {
  it('lists in S3 key order, where a folder sorts as its name plus /', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'blob-store-'));
    try {
      const store = openStore(root);
      for (const key of ['runs/a/x', 'runs/a-b/y', 'runs/a.json', 'runs/a0']) await store.put(key, key);
      expect((await collect(store.list('runs/a'))).map((b) => b.key)).toEqual([
        'runs/a-b/y',
        'runs/a.json',
        'runs/a/x',
        'runs/a0',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('keeps its bookkeeping out of the caller-visible tree', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'blob-store-'));
    try {
      const store = openStore(`file://${root}`);
      await store.put('a/b.txt', 'b');
      await expect(store.put('c.txt', 'c', { expectedMd5: '0'.repeat(32) })).rejects.toThrow(
        ChecksumMismatchError,
      );
      expect((await readdir(root)).sort()).toEqual(['.deepastro-store', 'a']);
      expect(await readdir(path.join(root, '.deepastro-store', 'tmp'))).toEqual([]);
      expect((await collect(store.list(''))).map((b) => b.key)).toEqual(['a/b.txt']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('drops the folders a delete left empty, as an object store has none, and keeps the rest', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'blob-store-'));
    try {
      const store = openStore(root);
      await store.put('runs/r/checkpoint/000001/model.json', '{}');
      await store.put('runs/r/history.json', '{}');
      await store.delete('runs/r/checkpoint/000001/model.json');
      expect(await readdir(path.join(root, 'runs', 'r'))).toEqual(['history.json']);
      await store.delete('runs/r/history.json');
      expect((await readdir(root)).sort()).toEqual(['.deepastro-store']);
      await store.delete('never/written');
      expect((await readdir(root)).sort()).toEqual(['.deepastro-store']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
