import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeZenodo } from '../zenodo/fake-zenodo';
import { temporaryFolder } from '../uda/training/train-fixtures';
import { runCli } from './run-cli';

jest.setTimeout(60_000);

const ingest = (args: readonly string[]) => runCli(['ingest', ...args]);

describe('deepastro-uda ingest against a loopback Zenodo', () => {
  let zenodo: FakeZenodo;
  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '401',
      conceptId: '400',
      version: 'v1',
      files: [
        { key: 'good.h5', size: 2000, seed: 1 },
        { key: '../escape.h5', size: 2000, seed: 2 },
      ],
    });
    zenodo.addRecord({
      id: '411',
      conceptId: '410',
      version: 'v1',
      files: [{ key: 'fine.h5', size: 3000, seed: 3 }],
    });
  });
  afterAll(async () => zenodo.stop());

  it('checks every key of the listing before downloading any file', async () => {
    const store = join(temporaryFolder(), 'store');
    zenodo.requests.length = 0;
    const result = await ingest(['--record', '401', '--store', store, '--zenodo-url', zenodo.url]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^deepastro-uda: InvalidConfigError: record 401: .*files\.1\.key: file key '\.\.\/escape\.h5' is unusable/,
      ),
    ]);
    expect(zenodo.requests.filter((r) => r.url.includes('/files/'))).toEqual([]);
    expect(existsSync(join(store, 'raw'))).toBe(false);
  });

  it('removes temporaries a killed ingest left behind, and keeps those of a writer still at work', async () => {
    const store = join(temporaryFolder(), 'store');
    const tmp = join(store, '.deepastro-store', 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'killed-download'), Buffer.alloc(1000));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(join(tmp, 'killed-download'), twoHoursAgo, twoHoursAgo);
    writeFileSync(join(tmp, 'live-download'), Buffer.alloc(10));

    const result = await ingest(['--record', '411', '--store', store, '--zenodo-url', zenodo.url]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ingested');
    expect(readdirSync(tmp)).toEqual(['live-download']);
    expect(existsSync(join(store, 'raw/zenodo/411/fine.h5'))).toBe(true);
  });
});
