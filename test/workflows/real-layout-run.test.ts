import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeGalaxy10Layout } from '../data/galaxy10-layouts';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/deepastro-uda.cjs');

/** Label i of 40 rows: every class of the file at least three times. */
const label = (i: number) => i % 10;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 280_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * `deepastro-uda run --config` on files in the exact layouts of the two public Galaxy10 files: a
 * 69 px SDSS-layout source and a 256 px DECaLS-layout target, named by their label maps, mapped into
 * the 3-class task and harmonized to 32 px, through the real local state machine and trainers.
 */
describe('run --config on Galaxy10-layout files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'real-layout-run-'));
    await writeGalaxy10Layout(join(root, 'Galaxy10.h5'), {
      layout: 'sdss',
      n: 40,
      label,
      sigmaPx: (i) => 5 + (i % 4),
    });
    await writeGalaxy10Layout(join(root, 'Galaxy10_DECals.h5'), {
      ...{ layout: 'decals', n: 40, label, sigmaPx: (i) => 6 + (i % 5), compression: 4 },
    });
    const config = {
      task: 'galaxy10-3class',
      data: {
        source: { kind: 'uri', uri: join(root, 'Galaxy10.h5'), labels: 'galaxy10-sdss' },
        target: { kind: 'uri', uri: join(root, 'Galaxy10_DECals.h5'), labels: 'galaxy10-decals' },
      },
      model: { architecture: 'resnet-mini', imageSize: 32 },
      hyperparameters: { maxEpochs: 1, batchSize: 8 },
      ensemble: { members: 1 },
      seed: 3,
    };
    await writeFile(join(root, 'config.json'), JSON.stringify(config));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('trains a 69 px source and a 256 px target together and reports, with thumbnails', async () => {
    const configPath = join(root, 'config.json');
    const store = join(root, 'store');
    const result = await cli(['run', '--config', configPath, '--store', store]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/member 0 epoch 1\/1: total/);
    expect(result.stdout).toMatch(/target closed-set accuracy/);
    const runId = /run (local-[0-9a-f]+): /.exec(result.stdout)![1];
    expect(result.stdout).toContain(`report: ${join(store, 'runs', runId, 'report', 'index.html')}`);
    // 24 target rows in the task: 2 elliptical, 3 spiral and 1 merger class of 4 rows each.
    const thumbs = await readdir(join(store, 'runs', runId, 'report', 'thumbs'));
    expect(thumbs.length).toBeGreaterThan(0);
    expect(thumbs.every((name) => Number(name.replace('.png', '')) < 24)).toBe(true);
  }, 300_000);

  it('refuses bad input in one line with exit code 2', async () => {
    const missing = await cli(['run', '--config', join(root, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/--config .*nope\.json: cannot read \(ENOENT\)/);
    const mixed = await cli(['run', '--config', join(root, 'config.json'), '--galaxies', '100']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--galaxies applies to the built-in simulated config only/);
    const described = await cli([
      'data',
      'describe',
      join(root, 'Galaxy10_DECals.h5'),
      '--config',
      join(root, 'config.json'),
      '--role',
      'target',
    ]);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/labels: label map "galaxy10-decals"/);
    expect(described.stdout).toMatch(/ 0 {2}disturbed +Disturbed +4 {2}→ \(dropped\)/);
    expect(described.stdout).toMatch(/the config selects: elliptical 8, spiral 12, merger 4; drops 16/);
  }, 60_000);
});
