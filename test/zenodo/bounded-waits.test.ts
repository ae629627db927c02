import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TransientError } from '../../src/errors';
import { openStore } from '../../src/storage/open-store';
import { ZenodoClient } from '../../src/zenodo/client';
import { ingestFile } from '../../src/zenodo/ingest-file';
import { FakeZenodo } from './fake-zenodo';

const FILE = { key: 'slow.h5', size: 4000, seed: 5 };
const FILE_PATH = '/api/records/300/files/slow.h5/content';
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

/** Every wait on Zenodo is bounded: the server's Retry-After, a trickled answer, a trickled download. */
describe('Zenodo requests end in bounded time', () => {
  let zenodo: FakeZenodo;
  let root: string;
  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({ id: '300', conceptId: '299', version: 'v1', files: [FILE] });
  });
  afterAll(async () => zenodo.stop());
  beforeEach(async () => {
    zenodo.requests.length = 0;
    root = await mkdtemp(path.join(os.tmpdir(), 'zenodo-bounded-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  async function timed<T>(work: Promise<T>): Promise<{ error: unknown; seconds: number }> {
    const started = Date.now();
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, seconds: (Date.now() - started) / 1000 };
  }

  it.each([503, 429])(
    'a %i asking to wait 100000 s is left to the workflow as TransientError at once',
    async (status) => {
      zenodo.fail('/api/records/300', { status, headers: { 'retry-after': '100000' } });
      const client = new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry });
      const { error, seconds } = await timed(client.getRecord('300'));
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(new RegExp(`HTTP ${status}.*wait 100000 s`));
      expect(zenodo.requests).toHaveLength(1);
      expect(seconds).toBeLessThan(1);
    },
  );

  it('a record answer trickled one byte every 100 ms fails at the request deadline', async () => {
    zenodo.fail('/api/records/300', { trickleEveryMs: 100 });
    const client = new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry, requestDeadlineMs: 600 });
    const { error, seconds } = await timed(client.getRecord('300'));
    console.log(`trickled record: TransientError after ${seconds.toFixed(2)} s (deadline 0.6 s)`);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/record 300: no complete answer from Zenodo within 600 ms/);
    expect(seconds).toBeLessThan(2);
  });

  it('a download trickled on every connection gives up with TransientError and stores nothing', async () => {
    const client = new ZenodoClient({
      baseUrl: zenodo.url,
      retry: fastRetry,
      headersTimeoutMs: 200,
      minBytesPerSecond: 4000, // 4000 bytes: deadline 200 ms + 1 s per connection
    });
    const file = (await client.getRecord('300')).files[0];
    zenodo.fail(FILE_PATH, ...Array.from({ length: fastRetry.maxAttempts }, () => ({ trickleEveryMs: 20 })));
    const store = openStore(root);
    const { error, seconds } = await timed(ingestFile({ client, store, recordId: '300', file }));
    console.log(`trickled download: TransientError after ${seconds.toFixed(2)} s, 3 connections`);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(
      /slow\.h5: download kept failing at byte \d+: slower than 4000 bytes\/s/,
    );
    expect(zenodo.requests.filter((r) => r.url === FILE_PATH)).toHaveLength(3);
    expect(seconds).toBeLessThan(6);
    const left: string[] = [];
    for await (const blob of store.list('')) left.push(blob.key);
    expect(left).toEqual([]);
  });

  it('a download trickled once resumes from the bytes it got and completes', async () => {
    const client = new ZenodoClient({
      baseUrl: zenodo.url,
      retry: fastRetry,
      headersTimeoutMs: 200,
      minBytesPerSecond: 4000,
    });
    const file = (await client.getRecord('300')).files[0];
    zenodo.fail(FILE_PATH, { trickleEveryMs: 20 });
    const result = await ingestFile({ client, store: openStore(root), recordId: '300', file });
    expect(result.md5).toBe(file.md5);
    const ranges = zenodo.requests.filter((r) => r.url === FILE_PATH).map((r) => r.range);
    expect(ranges).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
    expect(await readdir(root)).toContain('raw');
  });
});
