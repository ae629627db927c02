import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../src/errors';
import { MemoryBank } from '../../src/uda/memory-bank';
import { expectNoTensorLeak, useCpuBackend } from './gradient-check';

beforeAll(useCpuBackend);

const normalize = (row: number[]): number[] => row.map((v) => v / Math.hypot(...row));

describe('MemoryBank', () => {
  it('starts from unit rows, reproducibly under a seed', () => {
    const a = MemoryBank.random('target', 5, 4, 0.5, 3);
    const b = MemoryBank.random('target', 5, 4, 0.5, 3);
    const norms = tf.norm(a.features, 2, 1).arraySync() as number[];
    norms.forEach((norm) => expect(norm).toBeCloseTo(1, 5));
    expect(a.features.arraySync()).toEqual(b.features.arraySync());
    a.dispose();
    b.dispose();
  });

  it('moves only the batch rows: M[i] ← normalize(μ·M[i] + (1−μ)·f_i)', () => {
    const initial = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const bank = MemoryBank.fromFeatures('source', tf.tensor2d(initial), 0.75);
    bank.update(
      tf.tensor1d([2, 0], 'int32'),
      tf.tensor2d([
        [3, 0],
        [0, 2],
      ]),
    );
    const rows = bank.features.arraySync();
    const m2 = normalize(initial[2]);
    const expected2 = normalize([0.75 * m2[0] + 0.25 * 1, 0.75 * m2[1] + 0.25 * 0]);
    const expected0 = normalize([0.75 * 1 + 0.25 * 0, 0.75 * 0 + 0.25 * 1]);
    rows[0].forEach((v, k) => expect(v).toBeCloseTo(expected0[k], 5));
    expect(rows[1]).toEqual([0, 1]);
    rows[2].forEach((v, k) => expect(v).toBeCloseTo(expected2[k], 5));
    bank.dispose();
  });

  it('round-trips through its state for checkpoints', async () => {
    const bank = MemoryBank.random('target', 6, 3, 0.5, 9);
    bank.update(tf.tensor1d([1], 'int32'), tf.tensor2d([[1, 2, 3]]));
    const state = await bank.getState();
    expect(state).toMatchObject({ domain: 'target', size: 6, dim: 3, momentum: 0.5 });
    const restored = MemoryBank.fromState(state);
    expect(restored.features.arraySync()).toEqual(bank.features.arraySync());
    expect(() => MemoryBank.fromState({ ...state, size: 7 })).toThrow(TrainingError);
    bank.dispose();
    restored.dispose();
  });

  it('is not trainable and leaks no tensors across updates', () => {
    const bank = MemoryBank.random('target', 8, 4, 0.5, 1);
    expect((bank.features as tf.Variable).trainable).toBe(false);
    const ids = tf.tensor1d([0, 3, 5], 'int32');
    const features = tf.randomNormal([3, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    expectNoTensorLeak(() => bank.update(ids, features), 20);
    bank.dispose();
  });

  it('refuses a momentum outside [0, 1)', () => {
    expect(() => MemoryBank.random('target', 2, 2, 1, 0)).toThrow(/momentum must be in \[0, 1\)/);
  });
});

describe('MemoryBank lifetime', () => {
  it('holds exactly one tensor per bank', async () => {
    await useCpuBackend();
    const before = tf.memory().numTensors;
    const bank = MemoryBank.random('source', 4, 2, 0.5, 1);
    const restored = MemoryBank.fromState(await bank.getState());
    expect(tf.memory().numTensors).toBe(before + 2);
    bank.dispose();
    restored.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
