import { handler } from '../../src/handlers/ingest-file';
import { openStore } from '../../src/storage/open-store';
import { startS3rver, type RunningS3rver } from '../storage/s3rver-harness';
import { FakeZenodo } from '../zenodo/fake-zenodo';

describe('ingest-file handler', () => {
  let zenodo: FakeZenodo;
  let s3rver: RunningS3rver;
  let store: string;

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '8',
      conceptId: '7',
      version: 'v1',
      files: [{ key: 'decals.h5', size: 2048, seed: 8 }],
    });
    s3rver = await startS3rver();
    store = `s3://${s3rver.bucket}/data`;
    process.env.ZENODO_URL = zenodo.url; // the host the stack configures; the function fetches no other
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(async () => {
    delete process.env.ZENODO_URL;
    await zenodo.stop();
    await s3rver.stop();
  });

  const event = (md5: string) => ({
    store,
    runId: '8-abc',
    file: { recordId: '8', key: 'decals.h5', size: 2048, md5, url: zenodo.fileUrl('8', 'decals.h5') },
    zenodoUrl: zenodo.url,
  });

  it('ingests a Map item into S3, then skips it', async () => {
    const md5 = zenodo.md5Of({ key: '', size: 2048, seed: 8 });
    expect(await handler(event(md5))).toEqual({
      key: 'raw/zenodo/8/decals.h5',
      uri: `${store}/raw/zenodo/8/decals.h5`,
      size: 2048,
      md5,
      status: 'ingested',
    });
    expect(await handler(event(md5.toUpperCase()))).toMatchObject({ status: 'skipped' });
    expect((await openStore(store).head('raw/zenodo/8/decals.h5'))?.md5).toBe(md5);
  });

  it('fails a wrong md5 with ChecksumMismatchError and a bad event with InvalidConfigError', async () => {
    const wrong = await handler(event('c'.repeat(32))).catch((e: Error) => e);
    // The object from the first test has a different md5, so this really downloads and checks.
    expect(wrong).toMatchObject({ name: 'ChecksumMismatchError' });
    expect(await openStore(store).exists('raw/zenodo/8/decals.h5')).toBe(true);
    const invalid = await handler({ store, file: { key: 'x' } }).catch((e: Error) => e);
    expect(invalid).toMatchObject({
      name: 'InvalidConfigError',
      message: expect.stringMatching(/file\.recordId/),
    });
  });

  it('fetches from the configured Zenodo host only: another zenodoUrl or file URL is refused unfetched', async () => {
    const elsewhere = await new FakeZenodo().start();
    try {
      elsewhere.addRecord({
        id: '8',
        conceptId: '7',
        version: 'v1',
        files: [{ key: 'decals.h5', size: 2048, seed: 8 }],
      });
      const md5 = zenodo.md5Of({ key: '', size: 2048, seed: 8 });
      const otherHost = await handler({ ...event(md5), zenodoUrl: elsewhere.url }).catch((e: Error) => e);
      expect(otherHost).toMatchObject({
        name: 'InvalidConfigError',
        message: expect.stringMatching(
          /^zenodoUrl: http:\/\/127\.0\.0\.1:\d+ is not the configured Zenodo host/,
        ),
      });
      const configured = event(md5);
      const otherFile = {
        ...configured,
        file: { ...configured.file, key: 'other.h5', url: elsewhere.fileUrl('8', 'decals.h5') },
      };
      const refused = await handler(otherFile).catch((e: Error) => e);
      expect(refused).toMatchObject({
        name: 'InvalidConfigError',
        message: expect.stringMatching(
          /file other\.h5: http:\/\/127\.0\.0\.1:\d+\/api\/records\/8\/files\/decals\.h5\/content is not on the Zenodo host/,
        ),
      });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});
