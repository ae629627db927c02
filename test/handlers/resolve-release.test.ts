import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { handler } from '../../src/handlers/resolve-release';
import { openStore } from '../../src/storage/open-store';
import { FakeZenodo } from '../zenodo/fake-zenodo';

describe('resolve-release handler', () => {
  let zenodo: FakeZenodo;
  let root: string;

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '8',
      conceptId: '7',
      version: 'v1',
      files: [{ key: 'decals.h5', size: 64, seed: 8 }],
    });
    zenodo.addRecord({ id: '9', conceptId: '9', version: 'v1', files: [] });
  });
  afterAll(async () => zenodo.stop());
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'resolve-handler-'));
    process.env.LOG_LEVEL = 'silent';
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('returns the newest release, Map items and the written config, all as URIs', async () => {
    const config = { seed: 3, ensemble: { members: 2 } };
    const result = await handler({ recordId: 7, store: root, config, zenodoUrl: zenodo.url });
    expect(result).toMatchObject({
      recordId: '8',
      conceptRecordId: '7',
      version: 'v1',
      upToDate: false,
      members: 2,
    });
    expect(result.store).toBe(`file://${root}`);
    expect(result.files).toEqual([
      {
        recordId: '8',
        key: 'decals.h5',
        size: 64,
        md5: zenodo.md5Of({ key: '', size: 64, seed: 8 }),
        url: zenodo.fileUrl('8', 'decals.h5'),
      },
    ]);
    expect(result.configUri).toBe(`file://${root}/runs/${result.runId}/config.json`);
    expect(JSON.parse(await openStore(root).getText(`runs/${result.runId}/config.json`))).toEqual(config);
  });

  it.each([
    [{ recordId: 'abc', store: '/tmp/x' }, 'InvalidConfigError', /recordId/],
    [{ recordId: '9', store: '/tmp/x' }, 'NotFoundError', /lists no files/],
    [{ recordId: '123456', store: '/tmp/x' }, 'NotFoundError', /not found/],
  ])('fails %j with a %s the workflow can match', async (event, name, message) => {
    const error = await handler({ ...event, zenodoUrl: zenodo.url }).catch((e: Error) => e);
    expect(error).toMatchObject({ name, message: expect.stringMatching(message) });
  });
});
