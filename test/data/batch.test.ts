import { batchesPerEpoch, epochBatches, makeBatch } from '../../src/data/batch';
import type { Dataset } from '../../src/data/dataset';
import { seededRng } from '../../src/data/rng';
import { InvalidConfigError } from '../../src/errors';

/** n images of 4x4x3; image i is filled with the value i (so a batch shows which samples it holds). */
function dataset(labels: number[]): Dataset {
  const size = 4 * 4 * 3;
  const images = new Uint8Array(labels.length * size);
  labels.forEach((_, i) => images.fill(i, i * size, (i + 1) * size));
  return {
    images,
    n: labels.length,
    height: 4,
    width: 4,
    channels: 3,
    labels: Int32Array.from(labels),
    classNames: ['elliptical', 'spiral', 'merger'],
    domain: 'source',
    origin: 'memory',
  };
}

describe('makeBatch', () => {
  const data = dataset([0, 1, 2, 1]);

  it('scales the chosen images to [0, 1] in batch order with their labels', () => {
    const batch = makeBatch(data, [3, 0]);
    expect(batch.images.length).toBe(2 * 48);
    expect(batch.images[0]).toBeCloseTo(3 / 255);
    expect(batch.images[48]).toBe(0);
    expect(Array.from(batch.labels)).toEqual([1, 0]);
    expect(Array.from(batch.indices)).toEqual([3, 0]);
    const bright = { ...data, images: new Uint8Array(data.images.length).fill(255) };
    expect(Math.max(...makeBatch(bright, [1]).images)).toBe(1);
  });

  it('augments deterministically under a seed and needs an rng to do so', () => {
    const gradient = { ...data, images: Uint8Array.from(data.images, (_, i) => i % 251) };
    const a = makeBatch(gradient, [0, 1, 2], { augment: true, rng: seededRng(1) });
    expect(makeBatch(gradient, [0, 1, 2], { augment: true, rng: seededRng(1) }).images).toEqual(a.images);
    expect(a.images).not.toEqual(makeBatch(gradient, [0, 1, 2]).images);
    expect(() => makeBatch(data, [0], { augment: true })).toThrow(InvalidConfigError);
  });
});

describe('epochBatches', () => {
  const labels = Array.from({ length: 50 }, (_, i) => (i < 40 ? 0 : i < 47 ? 1 : 2));
  const data = dataset(labels);
  const all = Array.from(labels.keys());

  it('visits each sample once in shuffled, fixed-size batches, dropping the partial batch', () => {
    const batches = [...epochBatches(data, all, { batchSize: 8, rng: seededRng(2) })];
    expect(batches.map((batch) => batch.indices.length)).toEqual([8, 8, 8, 8, 8, 8]);
    const seen = batches.flatMap((batch) => Array.from(batch.indices));
    expect(new Set(seen).size).toBe(48);
    expect(seen).not.toEqual([...seen].sort((a, b) => a - b));
  });

  it('keeps the last partial batch when asked, and keeps order when not shuffling', () => {
    const batches = [
      ...epochBatches(data, all, { batchSize: 8, rng: seededRng(2), dropLast: false, shuffle: false }),
    ];
    expect(batches.map((batch) => batch.indices.length)).toEqual([8, 8, 8, 8, 8, 8, 2]);
    expect(batches.flatMap((batch) => Array.from(batch.indices))).toEqual(all);
    expect(batchesPerEpoch(50, 8, false)).toBe(7);
  });

  it('repeats under a seed and differs between epochs drawn from one rng', () => {
    const order = (rng: () => number) =>
      [...epochBatches(data, all, { batchSize: 10, rng })].flatMap((batch) => Array.from(batch.indices));
    expect(order(seededRng(3))).toEqual(order(seededRng(3)));
    const rng = seededRng(3);
    expect(order(rng)).not.toEqual(order(rng));
  });

  it('draws classes about equally often with the balanced sampler', () => {
    const rng = seededRng(4);
    const perClass = [0, 0, 0];
    for (let epoch = 0; epoch < 20; epoch++) {
      for (const batch of epochBatches(data, all, { batchSize: 10, rng, balanced: true })) {
        batch.labels.forEach((label) => perClass[label]++);
      }
    }
    // 1000 draws: uniform gives about 333 each, where plain sampling gives 800 / 140 / 60.
    for (const count of perClass) expect(count).toBeGreaterThan(280);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => [...epochBatches(data, all, { batchSize: 0, rng: seededRng(1) })]).toThrow(/got 0/);
  });
});
