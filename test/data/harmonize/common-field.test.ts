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
  it("brings a target whose median field differs from the source's by more than 10 % to it, never the source (hand-computed)", () => {
    // Fields: 32 × 0.396 = 12.672", and 32 × the median 0.262 = 8.384".
    const sdss = (domain: Dataset['domain']) => blank([0.396, 0.396, 0.396], domain);
    const decals = (domain: Dataset['domain']) => blank([0.25, 0.262, 0.3], domain);
    expect(commonFieldOf('target', decals('source'), sdss('target'))).toEqual({
      sourceField: 8.384,
      targetField: 12.672,
      fieldForTarget: 8.384,
    });
    // A narrower target is brought to the source's field too: the source is never changed.
    expect(commonFieldOf('target', sdss('source'), decals('target'))).toEqual({
      sourceField: 12.672,
      targetField: 8.384,
      fieldForTarget: 12.672,
    });
    // 12.672 / 11.6 = 1.092: within the tolerance, both ways.
    expect(
      commonFieldOf('target', blank([11.6 / 32], 'source'), sdss('target')).fieldForTarget,
    ).toBeUndefined();
    expect(
      commonFieldOf('target', sdss('source'), blank([11.6 / 32], 'target')).fieldForTarget,
    ).toBeUndefined();
    expect(commonFieldOf('none', decals('source'), sdss('target')).fieldForTarget).toBeUndefined();
    // A survey without a scale for every image cannot be put on the sky.
    expect(commonFieldOf('target', blank(undefined, 'source'), sdss('target'))).toEqual({
      targetField: 12.672,
    });
    expect(
      commonFieldOf('target', blank([0.262, NaN], 'source'), sdss('target')).fieldForTarget,
    ).toBeUndefined();
  });

  it('crops each image by its own scale and records the new one; an image already on the field stays as it is', async () => {
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
    // A split without a scale for every image (a target validation file) is refused, naming it.
    await expect(withCommonField(blank(undefined, 'target'), 1.6)).rejects.toThrow(
      /^target\.h5: bringing it to the source's 1\.60" field needs each image's arcsec per pixel/,
    );
  });

  it('shrinks a narrower image onto the field, framed by its own border mirrored, and records the new scale', async () => {
    const dataset = blank([0.2], 'target', 8);
    // An 8 px frame at 0.2"/px (1.6") on a 3.2" field: shrunk to round(8 x 8 / 16) = 4 px, 2 px of frame.
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) dataset.images[y * 8 + x] = 10 + 3 * x + 20 * y;
    const framed = await withCommonField(dataset, 3.2);
    expect(Array.from(framed.extras![PIXEL_SCALE_COLUMN])).toEqual([0.4]);
    const at = (y: number, x: number) => framed.images[y * 8 + x];
    for (let i = 0; i < 8; i++) {
      // Mirrored about the inner 4 x 4's edges (rows and columns 2..5), the edge pixel repeated.
      expect([at(1, i), at(0, i)]).toEqual([at(2, i), at(3, i)]);
      expect([at(6, i), at(7, i)]).toEqual([at(5, i), at(4, i)]);
      expect([at(i, 1), at(i, 0)]).toEqual([at(i, 2), at(i, 3)]);
      expect([at(i, 6), at(i, 7)]).toEqual([at(i, 5), at(i, 4)]);
    }
    // The inner 4 x 4 is the frame at half the resolution: it still rises to the right and downwards.
    expect(at(2, 5)).toBeGreaterThan(at(2, 2));
    expect(at(5, 2)).toBeGreaterThan(at(2, 2));
    // Not black: the darkest input pixel is 10.
    expect(Math.min(...framed.images)).toBeGreaterThanOrEqual(10);
  });

  it('shows the same galaxies at the same size in pixels through two pixel scales (paired, within 10 %)', async () => {
    const { source: classes } = TASKS['3class'];
    const population: PairedPopulation = { seed: 5, source: { classes, n: 80 }, target: { classes, n: 80 } };
    const common = { classes, n: 80, imageSize: SIDE, seed: 3, paired: population } as const;
    const decals = simulateSurvey({ ...common, survey: 'decals', domain: 'source' });
    const sdss = simulateSurvey({ ...common, survey: 'sdss', domain: 'target' });
    const { fieldForTarget } = commonFieldOf('target', decals, sdss);
    expect(fieldForTarget).toBeCloseTo(32 * 0.262, 6);
    // 0.396"/px against 0.262"/px: the SDSS galaxy spans fewer pixels (not 0.66 x: SDSS's wider PSF).
    expect(sizeRatio(sdss, decals)).toBeLessThan(0.87);
    const cropped = await withCommonField(sdss, fieldForTarget!);
    // Within 10 %: SDSS's wider PSF still makes its galaxies a little larger on the sky (measured 1.09).
    expect(Math.abs(sizeRatio(cropped, decals) - 1)).toBeLessThan(0.1);
    // The other way, DECaLS as the narrower target is shrunk onto SDSS's grid.
    const [sdssSource, decalsTarget] = [
      simulateSurvey({ ...common, survey: 'sdss', domain: 'source' }),
      simulateSurvey({ ...common, survey: 'decals', domain: 'target' }),
    ];
    expect(sizeRatio(decalsTarget, sdssSource)).toBeGreaterThan(1.15);
    const { fieldForTarget: sdssField } = commonFieldOf('target', sdssSource, decalsTarget);
    expect(sdssField).toBeCloseTo(32 * 0.396, 6);
    const shrunk = await withCommonField(decalsTarget, sdssField!);
    // Measured 1.23 before and 0.92 after: SDSS's wider PSF makes its own galaxies the larger now.
    expect(Math.abs(sizeRatio(shrunk, sdssSource) - 1)).toBeLessThan(0.1);
  });
});
