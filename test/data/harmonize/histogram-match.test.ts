import type { Dataset } from '../../../src/data/dataset';
import {
  histogramMatchTables,
  intensityDistance,
  withMatchedIntensities,
} from '../../../src/data/harmonize/histogram-match';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';
import type { PairedPopulation } from '../../../src/data/simulate/paired-population';
import { TASKS } from '../../../src/data/tasks';

/** A one-channel dataset of 1x1 images with these values. */
const pixels = (values: number[]): Dataset => ({
  images: Uint8Array.from(values),
  n: values.length,
  height: 1,
  width: 1,
  channels: 1,
  labels: new Int32Array(values.length),
  classNames: ['a'],
  domain: 'source',
  origin: 'test',
});

describe('histogram matching', () => {
  it('maps each value to the reference value at its quantile (hand-computed)', () => {
    // from: 10, 20, 30 a third each; reference: 0, 100, 200 a third each.
    const [table] = histogramMatchTables(
      pixels([10, 20, 30, 30, 20, 10]),
      pixels([200, 0, 100, 0, 100, 200]),
    );
    expect([table[10], table[20], table[30]]).toEqual([0, 100, 200]);
    // Values the input never had keep the order: below 10 at the bottom, between 20 and 30 at 100.
    expect(table[0]).toBe(0);
    expect(table[25]).toBe(100);
    expect(table[255]).toBe(200);
    for (let v = 1; v < 256; v++) expect(table[v]).toBeGreaterThanOrEqual(table[v - 1]);
  });

  it("measures the surveys' intensity distance as the mean per-channel Kolmogorov-Smirnov distance (hand-computed)", () => {
    // CDFs of [10, 20, 30, 30] and [10, 10, 20, 30]: at 10 they are 1/4 and 1/2, at 20 1/2 and 3/4.
    expect(intensityDistance(pixels([10, 20, 30, 30]), pixels([10, 10, 20, 30]))).toBeCloseTo(0.25);
    expect(intensityDistance(pixels([5, 6]), pixels([6, 5]))).toBe(0);
    expect(intensityDistance(pixels([0, 1]), pixels([200, 201]))).toBe(1);
    // Two channels: 0 in one, 1 in the other.
    const two = (values: number[]): Dataset => ({ ...pixels(values), n: values.length / 2, channels: 2 });
    expect(intensityDistance(two([1, 5, 1, 5]), two([1, 200, 1, 200]))).toBeCloseTo(0.5);
  });

  it('matches per channel, and leaves the input unchanged', () => {
    const two: Dataset = { ...pixels([0, 0]), images: Uint8Array.from([1, 5, 2, 6]), n: 2, channels: 2 };
    const reference: Dataset = { ...two, images: Uint8Array.from([10, 50, 20, 60]) };
    const matched = withMatchedIntensities(two, histogramMatchTables(two, reference));
    expect(Array.from(matched.images)).toEqual([10, 50, 20, 60]);
    expect(Array.from(two.images)).toEqual([1, 5, 2, 6]);
  });

  it('undoes a linear stretch against asinh on paired galaxies: the same galaxy looks alike again', () => {
    const { source: classes } = TASKS['3class'];
    const population: PairedPopulation = { seed: 5, source: { classes, n: 60 }, target: { classes, n: 60 } };
    const common = { survey: 'sdss', classes, n: 60, imageSize: 16, seed: 3, paired: population } as const;
    const asinh = simulateSurvey({ ...common, domain: 'source' });
    const linear = simulateSurvey({ ...common, domain: 'target', instrument: { stretch: 'linear' } });
    const meanDifference = (a: Dataset) =>
      a.images.reduce((sum, v, i) => sum + Math.abs(v - asinh.images[i]), 0) / a.images.length;
    // The floor: the same galaxies through the same asinh instrument, with the target's noise.
    const noiseOnly = meanDifference(simulateSurvey({ ...common, domain: 'target' }));
    const before = meanDifference(linear);
    const after = meanDifference(withMatchedIntensities(linear, histogramMatchTables(linear, asinh)));
    expect(before).toBeGreaterThan(4 * noiseOnly);
    expect(after).toBeLessThan(1.1 * noiseOnly);
  });
});
