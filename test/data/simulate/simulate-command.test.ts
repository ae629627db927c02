import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { loadH5wasm } from '../../../src/data/readers/h5wasm-module';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../../bin/deepastro-uda.cjs');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('deepastro-uda simulate', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'simulate-cli-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('writes the target survey of the 3-class task and its preview', async () => {
    const out = join(folder, 'target.h5');
    const preview = join(folder, 'target.png');
    const args = [
      'simulate',
      '--survey',
      'decals',
      '--task',
      '3class',
      '--n',
      '30',
      '--out',
      out,
      '--preview',
      preview,
    ];
    const result = await cli([...args, '--size', '24', '--seed', '7']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('30 images, elliptical, spiral, merger');
    const h5wasm = await loadH5wasm();
    const file = new h5wasm.File(out, 'r');
    try {
      expect((file.get('images') as InstanceType<typeof h5wasm.Dataset>).shape).toEqual([30, 24, 24, 3]);
      expect((file.get('class_names') as InstanceType<typeof h5wasm.Dataset>).value).toEqual([
        'elliptical',
        'spiral',
        'merger',
      ]);
      expect(file.attrs['domain'].value).toBe('target');
    } finally {
      file.close();
    }
    expect((await sharp(preview).metadata()).format).toBe('png');
    expect((await readdir(folder)).sort()).toEqual(['target.h5', 'target.png']);
  });

  it('--paired: a source and a target file of one seed share their galaxies, in order', async () => {
    const write = async (survey: string, domain: string) => {
      const out = join(folder, `paired-${survey}.h5`);
      const args = ['simulate', '--survey', survey, '--domain', domain, '--n', '12', '--size', '16'];
      expect(await cli([...args, '--seed', '5', '--paired', '--out', out])).toMatchObject({ code: 0 });
      const h5wasm = await loadH5wasm();
      const file = new h5wasm.File(out, 'r');
      try {
        const column = (name: string) =>
          Array.from((file.get(name) as InstanceType<typeof h5wasm.Dataset>).value as Float64Array);
        const radius = column('param_half_light_radius_arcsec');
        const labels = column('ans');
        return { radius, labels };
      } finally {
        file.close();
      }
    };
    const source = await write('sdss', 'source');
    const target = await write('hsc', 'target');
    // 3class: the source's 6 + 6 galaxies; the target's first 4 of each shared class are among them.
    const sharedTarget = target.radius.filter((_, i) => target.labels[i] !== 2);
    const inSource = sharedTarget.map((r) => source.radius.indexOf(r));
    expect(inSource.every((j) => j >= 0)).toBe(true);
    expect([...inSource].sort((a, b) => a - b)).toEqual(inSource);
  });

  it('refuses a bad --instrument change with one line naming the field', async () => {
    const args = ['simulate', '--instrument', '{"psfFwhm":-1}', '--out', join(folder, 'bad-psf.h5')];
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--instrument: psfFwhm: /);
  });

  it('refuses an unknown survey with one line naming --survey', async () => {
    const result = await cli(['simulate', '--survey', 'euclid', '--out', join(folder, 'euclid.h5')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--survey: .*sdss.*decals.*hsc.*ps1/);
  });

  it('explains itself with --help', async () => {
    const result = await cli(['simulate', '--help']);
    expect(result.code).toBe(0);
    for (const option of [
      '--survey',
      '--task',
      '--n',
      '--out',
      '--preview',
      '--size',
      '--seed',
      '--proportions',
      '--domain',
      '--paired',
      '--instrument',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });

  it('refuses a bad option with one line naming it, and writes nothing', async () => {
    const out = join(folder, 'bad.h5');
    const result = await cli(['simulate', '--size', '1000', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/InvalidConfigError: --size: .*1000/);
    expect(await readdir(folder)).not.toContain('bad.h5');
  });
});
