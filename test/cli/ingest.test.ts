import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../../src/cli/program';
import { reportCliError } from '../../src/cli/report-error';
import { openStore } from '../../src/storage/open-store';
import { FakeZenodo } from '../zenodo/fake-zenodo';

describe('deepastro-uda ingest', () => {
  let zenodo: FakeZenodo;
  let root: string;
  let out: string[];

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '5',
      conceptId: '4',
      version: 'v1',
      files: [
        { key: 'sdss.h5', size: 5000, seed: 5 },
        { key: 'decals.h5', size: 7000, seed: 6 },
      ],
    });
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(async () => zenodo.stop());
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ingest-cli-'));
    out = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  const run = async (...args: string[]) =>
    (await buildProgram()).exitOverride().parseAsync(['node', 'deepastro-uda', 'ingest', ...args]);

  it('ingests every file of the newest version of a concept, then reports them skipped', async () => {
    await run('--record', '4', '--store', root, '--zenodo-url', zenodo.url);
    expect(out).toEqual([
      expect.stringMatching(
        /^ingested file:\/\/.*\/raw\/zenodo\/5\/sdss\.h5 \(5000 bytes, md5 [0-9a-f]{32}\)$/,
      ),
      expect.stringMatching(/^ingested .*\/raw\/zenodo\/5\/decals\.h5 \(7000 bytes/),
    ]);
    expect((await openStore(root).head('raw/zenodo/5/sdss.h5'))?.size).toBe(5000);
    await run('--record', '5', '--store', root, '--zenodo-url', zenodo.url);
    expect(out.slice(2).map((line) => line.split(' ')[0])).toEqual(['skipped', 'skipped']);
  });

  it('fails a missing record with one clear line', async () => {
    const code = await run('--record', '999', '--store', root, '--zenodo-url', zenodo.url).then(
      () => 0,
      reportCliError,
    );
    expect(code).toBe(2);
    expect(out).toEqual(['deepastro-uda: NotFoundError: record 999: not found on Zenodo (HTTP 404)']);
  });
});
