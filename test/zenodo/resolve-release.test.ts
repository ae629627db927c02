import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataFormatError, NotFoundError } from '../../src/errors';
import type { BlobStore } from '../../src/storage/blob-store';
import { openStore } from '../../src/storage/open-store';
import { ZenodoClient } from '../../src/zenodo/client';
import { markReleaseTrained, readReleaseState } from '../../src/zenodo/release-state';
import { resolveRelease } from '../../src/zenodo/resolve-release';
import { FakeZenodo } from './fake-zenodo';

describe('resolveRelease', () => {
  let zenodo: FakeZenodo;
  let root: string;
  let store: BlobStore;
  let client: ZenodoClient;
  const config = { method: 'deepastro', seed: 1, ensemble: { members: 2 } };

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '31',
      conceptId: '30',
      version: '1.0',
      files: [{ key: 'a.h5', size: 10, seed: 1 }],
    });
    zenodo.addRecord({
      id: '33',
      conceptId: '30',
      version: '1.1',
      files: [{ key: 'a.h5', size: 20, seed: 2 }],
    });
    zenodo.addRecord({ id: '41', conceptId: '40', version: '1', files: [] });
  });
  afterAll(async () => zenodo.stop());
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'release-'));
    store = openStore(root);
    client = new ZenodoClient({ baseUrl: zenodo.url, retry: { baseDelayMs: 1, maxAttempts: 2 } });
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('resolves an old version or the concept to the newest version, its files and a stable run id', async () => {
    const fromConcept = await resolveRelease({ client, store, record: '30', config });
    const fromOldVersion = await resolveRelease({ client, store, record: '31', config: { ...config } });
    expect(fromConcept).toEqual(fromOldVersion);
    expect(fromConcept).toMatchObject({
      recordId: '33',
      conceptRecordId: '30',
      version: '1.1',
      upToDate: false,
    });
    expect(fromConcept.files.map((f) => [f.key, f.size])).toEqual([['a.h5', 20]]);
    expect(fromConcept.runId).toMatch(/^33-[0-9a-f]{12}$/);
    const reordered = await resolveRelease({
      client,
      store,
      record: '30',
      config: { seed: 1, ensemble: { members: 2 }, method: 'deepastro' },
    });
    expect(reordered.runId).toBe(fromConcept.runId);
    const changed = await resolveRelease({ client, store, record: '30', config: { ...config, seed: 2 } });
    expect(changed.runId).not.toBe(fromConcept.runId);
  });

  it('reports up to date once the release was trained with the same config, and not after a new version', async () => {
    const release = await resolveRelease({ client, store, record: '30', config });
    await markReleaseTrained(store, {
      conceptRecordId: '30',
      recordId: release.recordId,
      runId: release.runId,
    });
    expect((await resolveRelease({ client, store, record: '30', config })).upToDate).toBe(true);
    expect(
      (await resolveRelease({ client, store, record: '30', config: { ...config, seed: 9 } })).upToDate,
    ).toBe(false);
    expect(await readReleaseState(store, '30')).toMatchObject({ recordId: '33', runId: release.runId });

    zenodo.addRecord({
      id: '35',
      conceptId: '30',
      version: '1.2',
      files: [{ key: 'a.h5', size: 30, seed: 3 }],
    });
    try {
      expect(await resolveRelease({ client, store, record: '30', config })).toMatchObject({
        recordId: '35',
        upToDate: false,
      });
    } finally {
      zenodo.records.delete('35');
    }
  });

  it('says NotFoundError for a record with no files, and for a missing record', async () => {
    await expect(resolveRelease({ client, store, record: '41', config })).rejects.toThrow(/lists no files/);
    await expect(resolveRelease({ client, store, record: '41', config })).rejects.toThrow(NotFoundError);
    await expect(resolveRelease({ client, store, record: '404404', config })).rejects.toThrow(NotFoundError);
  });

  it('names the state file when it is corrupt', async () => {
    await store.put('state/releases/30.json', '{"recordId": 5');
    await expect(resolveRelease({ client, store, record: '30', config })).rejects.toThrow(DataFormatError);
    await expect(resolveRelease({ client, store, record: '30', config })).rejects.toThrow(
      /state\/releases\/30\.json/,
    );
  });
});
