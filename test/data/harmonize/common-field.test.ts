import type { Dataset } from '../../../src/data/dataset';
import { commonFieldOf, withCommonField } from '../../../src/data/harmonize/common-field';
import { PIXEL_SCALE_COLUMN } from '../../../src/data/harmonize/model-pixel-scale';
import type { PairedPopulation } from '../../../src/data/simulate/paired-population';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';
import { TASKS } from '../../../src/data/tasks';

const SIDE = 32;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The radius of the area above half the peak (over the sky, the median) in channel 1, in pixels:
 * sqrt(area / π). Robust to the sky noise that a light-weighted moment of these faint galaxies is not.
 */
function halfMaximumRadius(dataset: Dataset, i: number): number {
  const bytes = SIDE * SIDE * dataset.channels;
  const image = dataset.images.subarray(i * bytes, (i + 1) * bytes);
  const values = Array.from({ length: SIDE * SIDE }, (_, p) => image[p * dataset.channels + 1]);
  const sky = median(values);
  const half = (Math.max(...values) - sky) / 2;
  return Math.sqrt(values.filter((v) => v - sky >= half).length / Math.PI);
}

/** The median over paired galaxies of the target's radius over the source's. */
const sizeRatio = (target: Dataset, source: Dataset) =>
  median(
    Array.from({ length: source.n }, (_, i) => halfMaximumRadius(target, i) / halfMaximumRadius(source, i)),
  );

/** A dataset of `n` blank images whose pixel-scale column holds `scales` (undefined: no column). */
function blank(scales: number[] | undefined, domain: Dataset['domain'], side = SIDE): Dataset {
  const n = scales?.length ?? 2;
  return {
    images: new Uint8Array(n * side * side),
    n,
    height: side,
    width: side,
    channels: 1,
    labels: new Int32Array(n),
    classNames: ['a'],
    domain,
    origin: `${domain}.h5`,
    ...(scales && { extras: { [PIXEL_SCALE_COLUMN]: Float64Array.from(scales) } }),
  };
}

describe('a common field on the sky', () => {
  it("crops the wider survey to the narrower one's median field, beyond a 10 % difference (hand-computed)", () => {
    // Fields: 32 × 0.396 = 12.672", and 32 × the median 0.262 = 8.384".
    const sdss = blank([0.396, 0.396, 0.396], 'source');
    const decals = blank([0.25, 0.262, 0.3], 'target');
    expect(commonFieldOf('auto', sdss, decals)).toEqual({
      sourceField: 12.672,
      targetField: 8.384,
      crop: { domain: 'source', fieldArcsec: 8.384 },
    });
    expect(commonFieldOf('auto', decals, sdss).crop).toEqual({ domain: 'target', fieldArcsec: 8.384 });
    // 12.672 / 11.6 = 1.092: within the tolerance, nothing is cropped.
    expect(commonFieldOf('auto', sdss, blank([11.6 / 32], 'target')).crop).toBeUndefined();
    expect(commonFieldOf('none', sdss, decals).crop).toBeUndefined();
    // A survey without a scale for every image cannot be put on the sky.
    expect(commonFieldOf('auto', sdss, blank(undefined, 'target'))).toEqual({ sourceField: 12.672 });
    expect(commonFieldOf('auto', sdss, blank([0.262, NaN], 'target')).crop).toBeUndefined();
  });

  it('crops each image by its own scale and records the new one; an image no wider stays as it is', async () => {
    const dataset = blank([0.4, 0.2], 'source', 8);
    // Image 0: a bright 4 x 4 centre in an 8 px frame at 0.4"/px; cropping to 1.6" keeps the 4 px centre.
    for (let y = 2; y < 6; y++) for (let x = 2; x < 6; x++) dataset.images[y * 8 + x] = 200;
    dataset.images.fill(7, 64);
    const cropped = await withCommonField(dataset, 1.6);
    expect(Array.from(cropped.images.subarray(0, 64))).toEqual(new Array(64).fill(200));
    // Image 1: 8 px at 0.2"/px is 1.6" already.
    expect(Array.from(cropped.images.subarray(64))).toEqual(new Array(64).fill(7));
    expect(Array.from(cropped.extras![PIXEL_SCALE_COLUMN])).toEqual([0.2, 0.2]);
    expect(dataset.extras![PIXEL_SCALE_COLUMN][0]).toBe(0.4);
  });

  it('shows the same galaxies at the same size in pixels through two pixel scales (paired, within 5 %)', async () => {
    const { source: classes } = TASKS['3class'];
    const population: PairedPopulation = { seed: 5, source: { classes, n: 80 }, target: { classes, n: 80 } };
    const common = { classes, n: 80, imageSize: SIDE, seed: 3, paired: population } as const;
    const sdss = simulateSurvey({ ...common, survey: 'sdss', domain: 'source' });
    const decals = simulateSurvey({ ...common, survey: 'decals', domain: 'target' });
    const { crop } = commonFieldOf('auto', sdss, decals);
    expect(crop?.domain).toBe('source');
    // 0.396"/px against 0.262"/px: the DECaLS galaxy spans more pixels (less than 1.51 x: SDSS's wider PSF).
    expect(sizeRatio(decals, sdss)).toBeGreaterThan(1.15);
    expect(Math.abs(sizeRatio(decals, await withCommonField(sdss, crop!.fieldArcsec)) - 1)).toBeLessThan(
      0.05,
    );
  });
});
