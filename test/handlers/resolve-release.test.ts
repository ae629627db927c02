import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RUN_CONFIG_VARIABLE } from '../../src/handlers/handler-environment';
import { handler } from '../../src/handlers/resolve-release';
import { openStore } from '../../src/storage/open-store';
import { resolveConfig } from '../../src/config/run-config';
import { FakeZenodo } from '../zenodo/fake-zenodo';

const DATA = {
  source: { kind: 'simulate', survey: 'sdss', n: 100 },
  target: { kind: 'simulate', survey: 'decals', n: 100 },
};

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
    const config = {
      seed: 3,
      ensemble: { members: 2 },
      data: { source: DATA.source, target: { kind: 'zenodo', record: '7', file: 'decals.h5' } },
    };
    const result = await handler({ recordId: 7, store: root, config, zenodoUrl: zenodo.url });
    expect(result).toMatchObject({
      recordId: '8',
      conceptRecordId: '7',
      version: 'v1',
      upToDate: false,
      members: 3, // two members and the source-only baseline
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
    // Ingest downloads from the API the release was resolved from.
    expect(result.zenodoUrl).toBe(zenodo.url.replace(/\/$/, ''));
    // The concept (7) the config names is pinned to the version resolved (8), where Ingest puts the file.
    const resolved = resolveConfig(config);
    expect(JSON.parse(await openStore(root).getText(`runs/${result.runId}/config.json`))).toEqual({
      ...resolved,
      data: { ...resolved.data, target: { kind: 'zenodo', record: '8', file: 'decals.h5' } },
    });
  });

  it.each([
    [{ recordId: 'abc', store: '/tmp/x' }, 'InvalidConfigError', /recordId/],
    [{ recordId: '9', store: '/tmp/x' }, 'NotFoundError', /lists no files/],
    [{ recordId: '123456', store: '/tmp/x' }, 'NotFoundError', /not found/],
    [{ recordId: '8', store: '/tmp/x', config: {} }, 'InvalidConfigError', /data/],
  ])('fails %j with a %s the workflow can match', async (event, name, message) => {
    const error = await handler({ config: { data: DATA }, ...event, zenodoUrl: zenodo.url }).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name, message: expect.stringMatching(message) });
  });

  it('falls back on the stack-provided default config when a start sends none', async () => {
    const config = resolveConfig({ data: DATA, seed: 5 }, { gpu: true });
    process.env[DEFAULT_RUN_CONFIG_VARIABLE] = JSON.stringify(config);
    try {
      const result = await handler({ recordId: '8', store: root, zenodoUrl: zenodo.url });
      expect(JSON.parse(await openStore(root).getText(`runs/${result.runId}/config.json`))).toEqual(config);
      expect(result.members).toBe(5); // the GPU default of 4 members and the source-only baseline
    } finally {
      delete process.env[DEFAULT_RUN_CONFIG_VARIABLE];
    }
  });

  it('refuses a config naming a file the release does not have, before anything is trained', async () => {
    const config = {
      data: { source: DATA.source, target: { kind: 'zenodo', record: '7', file: 'sdss.h5' } },
    };
    const error = await handler({ recordId: 7, store: root, config, zenodoUrl: zenodo.url }).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({
      name: 'InvalidConfigError',
      message: 'data.target.file: Zenodo record 8 has no file sdss.h5; it has decals.h5',
    });
  });

  it('resolves a config-only run to local-<hash>, and reports it up to date once its summary exists', async () => {
    const event = { store: root, config: { data: DATA, ensemble: { members: 1, baselines: [] } } };
    const first = await handler(event);
    expect(first).toMatchObject({ recordId: null, upToDate: false, members: 1, files: [] });
    expect(first.runId).toMatch(/^local-[0-9a-f]{12}$/);
    await openStore(root).put(`runs/${first.runId}/summary.json`, '{}');
    expect(await handler(event)).toMatchObject({ runId: first.runId, upToDate: true });
  });
});
