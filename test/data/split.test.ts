import { partSizes, stratifiedSplit, subset } from '../../src/data/split';
import type { Dataset } from '../../src/data/dataset';
import { InvalidConfigError } from '../../src/errors';

/** Class c has counts[c] samples, interleaved so that class members are not contiguous. */
function labelsWithCounts(counts: number[]): Int32Array {
  const labels: number[] = [];
  const left = [...counts];
  while (left.some((count) => count > 0)) {
    left.forEach((count, label) => {
      if (count > 0) {
        labels.push(label);
        left[label]--;
      }
    });
  }
  return Int32Array.from(labels);
}

function countOf(labels: Int32Array, indices: Int32Array, label: number): number {
  return indices.filter((index) => labels[index] === label).length;
}

describe('stratifiedSplit', () => {
  const labels = labelsWithCounts([500, 100, 20, 3, 2]);

  it('uses every sample exactly once and keeps class proportions in each part', () => {
    const split = stratifiedSplit(labels, { seed: 1, validation: 0.2, test: 0.1 });
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from(labels.keys()));
    expect(countOf(labels, split.validation, 0)).toBe(100);
    expect(countOf(labels, split.test, 0)).toBe(50);
    expect(countOf(labels, split.validation, 1)).toBe(20);
    expect(countOf(labels, split.test, 2)).toBe(2);
  });

  it('puts a class in every part when it has at least three samples, train first when fewer', () => {
    const split = stratifiedSplit(labels, { seed: 2, validation: 0.1, test: 0.1 });
    for (const part of [split.train, split.validation, split.test]) {
      expect([0, 1, 2, 3].map((label) => countOf(labels, part, label) > 0)).toEqual([true, true, true, true]);
    }
    expect([split.train, split.validation, split.test].map((part) => countOf(labels, part, 4))).toEqual([
      1, 1, 0,
    ]);
  });

  it('repeats under a seed and changes with it', () => {
    const a = stratifiedSplit(labels, { seed: 'run-7' });
    expect(stratifiedSplit(labels, { seed: 'run-7' })).toEqual(a);
    expect(stratifiedSplit(labels, { seed: 'run-8' }).test).not.toEqual(a.test);
  });

  it('leaves a part empty when its share is zero', () => {
    const split = stratifiedSplit(labels, { seed: 3, validation: 0.25, test: 0 });
    expect(split.test.length).toBe(0);
    expect(split.train.length + split.validation.length).toBe(labels.length);
  });

  it('refuses fractions that leave nothing for training', () => {
    expect(() => stratifiedSplit(labels, { seed: 1, validation: 0.6, test: 0.4 })).toThrow(
      InvalidConfigError,
    );
    expect(() => stratifiedSplit(labels, { seed: 1, validation: -0.1 })).toThrow(/validation -0.1/);
  });

  it('sizes parts by largest remainder after one sample per part', () => {
    expect(partSizes(10, [0.8, 0.1, 0.1])).toEqual([8, 1, 1]);
    expect(partSizes(7, [0.7, 0.15, 0.15])).toEqual([5, 1, 1]);
    expect(partSizes(2, [0.8, 0.1, 0.1])).toEqual([1, 1, 0]);
    expect(partSizes(0, [0.8, 0.1, 0.1])).toEqual([0, 0, 0]);
  });
});

describe('subset', () => {
  const dataset: Dataset = {
    images: Uint8Array.from([10, 11, 20, 21, 30, 31]),
    n: 3,
    height: 1,
    width: 2,
    channels: 1,
    labels: Int32Array.from([0, 1, 0]),
    classNames: ['elliptical', 'spiral'],
    domain: 'target',
    ra: Float64Array.from([1, 2, 3]),
    extras: { radius: Float64Array.from([0.5, 1.5, 2.5]) },
    origin: 'memory',
  };

  it('takes images and every per-sample column in the given order, repeats allowed', () => {
    const picked = subset(dataset, [2, 0, 2]);
    expect(picked).toMatchObject({ n: 3, domain: 'target', classNames: ['elliptical', 'spiral'] });
    expect(Array.from(picked.images)).toEqual([30, 31, 10, 11, 30, 31]);
    expect(Array.from(picked.labels)).toEqual([0, 0, 0]);
    expect(Array.from(picked.ra!)).toEqual([3, 1, 3]);
    expect(picked.dec).toBeUndefined();
    expect(Array.from(picked.extras!.radius)).toEqual([2.5, 0.5, 2.5]);
  });

  it('refuses an index outside the dataset', () => {
    expect(() => subset(dataset, [0, 3])).toThrow(/subset index 3 is outside memory \(n = 3\)/);
  });
});
