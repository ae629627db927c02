import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DataFormatError } from '../../../src/errors';
import { writeContactSheet } from '../../../src/data/contact-sheet';
import { writeGalaxy10File } from '../../../src/data/galaxy10-writer';
import { loadH5wasm } from '../../../src/data/readers/h5wasm-module';
import { PHYSICAL_PARAMETERS } from '../../../src/data/simulate/galaxy-model';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';

describe('Galaxy10-style HDF5 file and contact sheet of a simulated survey', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'simulate-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const dataset = simulateSurvey({
    survey: 'sdss',
    classes: ['elliptical', 'spiral', 'lens'],
    n: 12,
    imageSize: 24,
    seed: 8,
  });

  it('writes images, ans, class_names, sky positions and one float64 dataset per physical parameter', async () => {
    const path = join(folder, 'source.h5');
    await writeGalaxy10File(dataset, path);
    const h5wasm = await loadH5wasm();
    const file = new h5wasm.File(path, 'r');
    try {
      const images = file.get('images') as InstanceType<typeof h5wasm.Dataset>;
      expect(images.shape).toEqual([12, 24, 24, 3]);
      expect(images.dtype).toBe('<B');
      expect(Buffer.from(images.value as Uint8Array).equals(Buffer.from(dataset.images))).toBe(true);
      const ans = file.get('ans') as InstanceType<typeof h5wasm.Dataset>;
      expect(ans.dtype).toBe('<i');
      expect(Array.from(ans.value as Int32Array)).toEqual(Array.from(dataset.labels));
      expect((file.get('class_names') as InstanceType<typeof h5wasm.Dataset>).value).toEqual([
        'elliptical',
        'spiral',
        'lens',
      ]);
      for (const name of ['ra', 'dec', 'redshift', ...PHYSICAL_PARAMETERS.map((p) => `param_${p}`)]) {
        const column = file.get(name) as InstanceType<typeof h5wasm.Dataset>;
        expect([name, column.shape, column.dtype]).toEqual([name, [12], '<d']);
      }
      const radius = (file.get('param_half_light_radius_arcsec') as InstanceType<typeof h5wasm.Dataset>)
        .value;
      expect(Array.from(radius as Float64Array)).toEqual(
        Array.from(dataset.extras!.half_light_radius_arcsec),
      );
      expect(file.attrs['domain'].value).toBe('source');
    } finally {
      file.close();
    }
    expect(await readdir(folder)).toEqual(['source.h5']);
  });

  it('refuses a dataset whose arrays disagree with its shape and leaves no file behind', async () => {
    const path = join(folder, 'broken.h5');
    const broken = { ...dataset, labels: dataset.labels.slice(0, 5) };
    await expect(writeGalaxy10File(broken, path)).rejects.toThrow(
      new DataFormatError(`${path}: 5 labels for 12 images`),
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('draws a contact sheet with one row of thumbnails per class', async () => {
    const path = join(folder, 'preview.png');
    await writeContactSheet(dataset, path, { perClass: 4, thumbnailSize: 64 });
    const { width, height, format } = await sharp(path).metadata();
    expect(format).toBe('png');
    expect(height).toBe(28 + 3 * (64 + 2));
    expect(width).toBe(190 + 4 * (64 + 2));
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    // Every class row holds a galaxy: its thumbnails are not black.
    for (let row = 0; row < 3; row++) {
      const y = 28 + row * 66 + 32;
      const x = 190 + 32;
      expect(data[(y * info.width + x) * info.channels]).toBeGreaterThan(30);
    }
  });
});
