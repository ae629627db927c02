import { join } from 'node:path';
import type { Dataset } from '../../../src/data/dataset';
import { HARMONIZATION_PRESETS } from '../../../src/data/harmonize/harmonization';
import { readGalaxy10Hdf5 } from '../../../src/data/readers/galaxy10-hdf5';
import { DataFormatError } from '../../../src/errors';
import { noiseImages, useTempDir, writeHdf5 } from '../readers/hdf5-fixture';
import { loadDataSource } from '../../../src/data/load-data-source';
import type { Harmonization } from '../../../src/data/harmonize/harmonization';
import { silentLogger } from '../../../src/logger';
import { openStore } from '../../../src/storage/open-store';
import { secondMomentRadius, writeGalaxy10Layout } from '../galaxy10-layouts';

const tmp = useTempDir();
const OUT = 32;
const size = { height: OUT, width: OUT };
/** A Gaussian's radius enclosing 90 % of its light is sigma * sqrt(2 ln 10). */
const R90_PER_SIGMA = Math.sqrt(2 * Math.log(10));

function radii(dataset: Dataset): number[] {
  const bytes = OUT * OUT * dataset.channels;
  return Array.from({ length: dataset.n }, (_, i) =>
    secondMomentRadius(dataset.images.subarray(i * bytes, (i + 1) * bytes), OUT, dataset.channels),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('harmonization', () => {
  it("keeps a galaxy's size in arcsec from two pixel scales, per image or per source (within 10 %)", async () => {
    const sigmaArcsec = 3;
    const field = 40;
    // A Gaussian of sigma s has second-moment radius s * sqrt(2); in output pixels of a 40" field:
    const expected = (sigmaArcsec * Math.SQRT2 * OUT) / field;
    const coarse = join(tmp.path(), 'coarse.h5');
    const fine = join(tmp.path(), 'fine.h5');
    for (const [path, scale] of [
      [coarse, 0.524],
      [fine, 0.262],
    ] as const) {
      await writeGalaxy10Layout(path, {
        ...{ layout: 'decals', n: 10, label: (i) => i, noise: 0 },
        ...{ sigmaPx: () => sigmaArcsec / scale, pxscale: () => scale },
      });
    }
    const angular = { mode: 'angular', fieldArcsec: field } as const;
    const perImage = await readGalaxy10Hdf5(coarse, {
      domain: 'source',
      imageSize: size,
      harmonize: angular,
    });
    const perImageFine = await readGalaxy10Hdf5(fine, {
      domain: 'source',
      imageSize: size,
      harmonize: angular,
    });
    const perSource = await readGalaxy10Hdf5(fine, {
      ...{ domain: 'source', imageSize: size },
      harmonize: { ...angular, pixelScale: 0.262 },
    });
    for (const dataset of [perImage, perImageFine, perSource]) {
      expect(dataset).toMatchObject({ height: OUT, width: OUT, channels: 3 });
      expect(Math.abs(median(radii(dataset)) / expected - 1)).toBeLessThan(0.1);
    }
    // A field wider than the frame pads it: 160" at 0.524"/px is 305 px of a 256 px frame.
    const big = join(tmp.path(), 'big.h5');
    await writeGalaxy10Layout(big, {
      ...{ layout: 'decals', n: 10, label: (i) => i, noise: 0 },
      ...{ sigmaPx: () => 8 / 0.524, pxscale: () => 0.524 },
    });
    const wide = await readGalaxy10Hdf5(big, {
      ...{ domain: 'source', imageSize: size },
      harmonize: { mode: 'angular', fieldArcsec: 160 },
    });
    expect(Math.abs(median(radii(wide)) / ((8 * Math.SQRT2 * OUT) / 160) - 1)).toBeLessThan(0.1);
  });

  it("writes each model-input image's arcsec per pixel: the angular field over the side, the file's pxscale unresampled, none for a frame", async () => {
    const sigmaArcsec = 3;
    const path = join(tmp.path(), 'scaled.h5');
    await writeGalaxy10Layout(path, {
      ...{ layout: 'decals', n: 10, label: (i) => i, noise: 0 },
      ...{ sigmaPx: () => sigmaArcsec / 0.524, pxscale: (i) => 0.52 + 0.001 * i },
    });
    const angular = await readGalaxy10Hdf5(path, {
      ...{ domain: 'source', imageSize: size },
      harmonize: { mode: 'angular', fieldArcsec: 40 },
    });
    const scales = angular.extras?.pixel_scale_arcsec;
    expect(Array.from(scales ?? [])).toEqual(Array(10).fill(40 / OUT));
    // The column converts what the network sees back to arcsec: second-moment radius s·√2.
    const arcsec = radii(angular).map((r, i) => r * scales![i]);
    expect(Math.abs(median(arcsec) / (sigmaArcsec * Math.SQRT2) - 1)).toBeLessThan(0.1);

    const unresampled = await readGalaxy10Hdf5(path, { domain: 'source' });
    expect(Array.from(unresampled.extras?.pixel_scale_arcsec ?? [])).toEqual(
      Array.from({ length: 10 }, (_, i) => 0.52 + 0.001 * i),
    );

    // A frame fraction has no fixed scale: a column the file had described the images before the resample.
    const framed = join(tmp.path(), 'framed.h5');
    await writeHdf5(framed, {
      images: { data: noiseImages(4 * 48 * 48 * 3), shape: [4, 48, 48, 3], dtype: '<B' },
      ans: { data: Uint8Array.from([0, 1, 0, 1]), dtype: '<B' },
      class_names: { data: ['a', 'b'] },
      param_pixel_scale_arcsec: { data: new Float64Array(4).fill(0.4), dtype: '<d' },
      param_redshift_spec: { data: new Float64Array(4).fill(0.1), dtype: '<d' },
    });
    const frame = await readGalaxy10Hdf5(framed, {
      ...{ domain: 'source', imageSize: size },
      harmonize: { mode: 'frame', fraction: 0.5 },
    });
    expect(Object.keys(frame.extras ?? {})).toEqual(['redshift_spec']);
    const kept = await readGalaxy10Hdf5(framed, { domain: 'source' });
    expect(Array.from(kept.extras?.pixel_scale_arcsec ?? [])).toEqual([0.4, 0.4, 0.4, 0.4]);
  });

  it('the two Galaxy10 presets put typical galaxies at the same size in pixels (within 20 %)', async () => {
    // SDSS frames span 4.14 petroR90 for every galaxy; DECaLS galaxies keep their angular size,
    // here petroR90 from 6" to 16" around the typical 10" the preset assumes.
    const decals = join(tmp.path(), 'decals-preset.h5');
    const sdss = join(tmp.path(), 'sdss-preset.h5');
    const r90Arcsec = (i: number) => 10 * Math.exp(0.5 * Math.sin(i * 2.4));
    await writeGalaxy10Layout(decals, {
      ...{ layout: 'decals', n: 21, label: (i) => i % 10, noise: 0 },
      sigmaPx: (i) => r90Arcsec(i) / R90_PER_SIGMA / 0.524,
    });
    await writeGalaxy10Layout(sdss, {
      ...{ layout: 'sdss', n: 21, label: (i) => i % 10, noise: 0 },
      sigmaPx: (i) => (69 / 4.14 / R90_PER_SIGMA) * (1 + 0.1 * Math.sin(i)),
    });
    const fromDecals = await readGalaxy10Hdf5(decals, { domain: 'target', imageSize: size });
    const fromSdss = await readGalaxy10Hdf5(sdss, { domain: 'source', imageSize: size });
    const ratio = median(radii(fromDecals)) / median(radii(fromSdss));
    expect(Math.abs(ratio - 1)).toBeLessThan(0.2);
    // Shrinking both whole frames instead puts DECaLS galaxies at about a third of the size.
    const wholeFrame = await readGalaxy10Hdf5(decals, {
      ...{ domain: 'target', imageSize: size },
      harmonize: { mode: 'frame', fraction: 1 },
    });
    expect(median(radii(wholeFrame)) / median(radii(fromSdss))).toBeLessThan(0.5);
    expect(HARMONIZATION_PRESETS['galaxy10-sdss']).toEqual({ mode: 'frame', fraction: 1 });
  });

  it('refuses an angular field without a pixel scale, and a size it cannot reach, in one line each', async () => {
    const sdss = join(tmp.path(), 'sdss-noscale.h5');
    await writeGalaxy10Layout(sdss, { layout: 'sdss', n: 10, label: (i) => i, sigmaPx: () => 5 });
    await expect(
      readGalaxy10Hdf5(sdss, {
        ...{ domain: 'source', imageSize: size },
        harmonize: { mode: 'angular', fieldArcsec: 40 },
      }),
    ).rejects.toThrow(new RegExp(`^${sdss}: an angular field needs a pixel scale.*'pxscale' dataset`));
    const error = await readGalaxy10Hdf5(sdss, {
      ...{ domain: 'source', sourceName: 'data.source', labels: 'galaxy10-sdss' },
      imageSize: { ...size, channels: 1 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toBe(
      `data.source (${sdss}): wrong image size: images are 32x32x3 after harmonization (frame: the central 100 % of each frame's side), the model input is 32x32x1; every source must have the same channels`,
    );
  });

  it('a 48 px or 16x48x1 file beside a 16 or 32 px model is one line naming the source, or harmonized', async () => {
    const wide = join(tmp.path(), 'wide.h5');
    await writeHdf5(wide, {
      images: { data: noiseImages(4 * 16 * 48), shape: [4, 16, 48, 1], dtype: '<B' },
      ans: { data: Uint8Array.from([0, 1, 0, 1]), dtype: '<B' },
      class_names: { data: ['elliptical', 'spiral'] },
    });
    const store = openStore(tmp.path());
    const load = (uri: string, imageSize: number, harmonize?: Harmonization) =>
      loadDataSource(
        { kind: 'uri', uri, ...(harmonize && { harmonize }) },
        {
          domain: 'target',
          classes: ['elliptical', 'spiral'],
          store,
          logger: silentLogger,
          imageSize,
          sourceName: 'data.target',
        },
      );
    await expect(load(wide, 16)).rejects.toThrow(
      `data.target (${wide}): wrong image size: images are 16x48x1 after harmonization (none), the model input is 16x16; set its "harmonize"`,
    );
    const px48 = join(tmp.path(), 'px48.h5');
    await writeHdf5(px48, {
      images: { data: noiseImages(4 * 48 * 48 * 3), shape: [4, 48, 48, 3], dtype: '<B' },
      ans: { data: Uint8Array.from([0, 1, 0, 1]), dtype: '<B' },
      class_names: { data: ['elliptical', 'spiral'] },
    });
    await expect(load(px48, 32)).rejects.toThrow(
      /images are 48x48x3 after harmonization \(none\), the model input is 32x32/,
    );
    const resampled = await load(px48, 32, { mode: 'frame', fraction: 1 });
    expect(resampled).toMatchObject({ n: 4, height: 32, width: 32, channels: 3 });
  });
});
