import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliResult, runCli } from './run-cli';
import { temporaryFolder, tinyConfig, writeConfig } from '../uda/training/train-fixtures';

jest.setTimeout(120_000);

/**
 * Root writes anywhere, because it may override file modes (CAP_DAC_OVERRIDE). As root the command runs
 * through util-linux's setpriv with that capability dropped from its bounding set, so a read-only folder
 * is read-only to it too, while it can still read the checkout wherever that lies (a private temp folder
 * a user "nobody" could not enter).
 */
const WITHOUT_FILE_MODE_OVERRIDE =
  process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'] : [];

/** What a user sees of a failed command: the lines of stderr that are not Node's own deprecation notices. */
function errorLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => !/DeprecationWarning|--trace-deprecation|NodeDeprecationWarning/.test(line));
}

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect({ code: result.code, lines: errorLines(result) }).toEqual({
    code: 2,
    lines: [expect.stringMatching(pattern)],
  });
}

describe('each user error: one line naming the field or file, exit 2', () => {
  let folder: string;
  let config: string;
  beforeAll(() => {
    folder = temporaryFolder();
    config = writeConfig(folder, tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 1 } }));
    chmodSync(folder, 0o755);
  });

  it.each([
    ['malformed JSON', '{"task": "3class",'],
    ['null', 'null'],
  ])('--members 2 with a config that is %s', async (_what, text) => {
    const file = join(folder, `members-${_what.replace(/\W/g, '')}.json`);
    writeFileSync(file, text);
    const result = await runCli(['train', '--config', file, '--members', '2', '--store', join(folder, 's1')]);
    expectOneLine(result, /^deepastro-uda: InvalidConfigError: .*\(root\)/);
  });

  it('a --store that is a file', async () => {
    const file = join(folder, 'store-file');
    writeFileSync(file, 'not a folder');
    const result = await runCli(['train', '--config', config, '--store', file]);
    expectOneLine(
      result,
      /^deepastro-uda: InvalidConfigError: store file:\/\/.*store-file: .*it is a file, not a folder/,
    );
  });

  it('a --store in a read-only folder', async () => {
    const readOnly = join(folder, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    const result = await runCli(
      ['train', '--config', config, '--store', join(readOnly, 'store')],
      WITHOUT_FILE_MODE_OVERRIDE,
    );
    expectOneLine(
      result,
      /^deepastro-uda: InvalidConfigError: store file:\/\/.*read-only\/store: .*permission denied \(EACCES\)/,
    );
  });

  it('a corrupt runs/<id>/config.json, which is left as it is', async () => {
    const store = join(folder, 's-corrupt');
    mkdirSync(join(store, 'runs/damaged'), { recursive: true });
    writeFileSync(join(store, 'runs/damaged/config.json'), '{"task": ');
    const result = await runCli(['train', '--config', config, '--store', store, '--run', 'damaged']);
    expectOneLine(
      result,
      /^deepastro-uda: DataFormatError: run damaged: file:\/\/.*runs\/damaged\/config.json is not JSON/,
    );
  });

  it('simulate --out into a missing folder, before simulating anything', async () => {
    const out = join(folder, 'no-such-folder', 'sdss.h5');
    const result = await runCli(['simulate', '--out', out, '--n', '20', '--size', '16']);
    expectOneLine(
      result,
      /^deepastro-uda: InvalidConfigError: .*sdss.h5: cannot write the HDF5 file: folder .*no-such-folder does not exist$/,
    );
  });

  it('a self-supervision temperature that is not positive, before anything is written', async () => {
    const bad = writeConfig(
      folder,
      tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 1, selfSupervision: { temperature: 0 } } }),
      'bad-temperature.json',
    );
    const store = join(folder, 's4');
    const result = await runCli(['train', '--config', bad, '--store', store]);
    expectOneLine(
      result,
      /^deepastro-uda: InvalidConfigError: .*hyperparameters\.selfSupervision\.temperature: /,
    );
    expect(existsSync(join(store, 'runs'))).toBe(false);
  });

  it('a missing required option', async () => {
    const result = await runCli(['ingest', '--store', join(folder, 's2')]);
    expect(result.code).toBe(2);
    expect(errorLines(result)[0]).toBe("error: required option '--record <id>' not specified");
  });

  it('a failed train leaves no claimed runs/<id>/config.json behind', async () => {
    const missingData = writeConfig(
      folder,
      tinyConfig({
        data: {
          source: { kind: 'uri', uri: join(folder, 'missing-source.h5') },
          target: { kind: 'simulate', survey: 'decals', n: 64 },
        },
      }),
      'missing-data.json',
    );
    const store = join(folder, 's3');
    const result = await runCli(['train', '--config', missingData, '--store', store, '--run', 'nodata']);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual([
      expect.stringMatching(/^deepastro-uda: \w+Error: .*missing-source.h5/),
    ]);
    expect(existsSync(join(store, 'runs/nodata/config.json'))).toBe(false);
  });
});
