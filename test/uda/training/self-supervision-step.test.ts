import * as tf from '@tensorflow/tfjs-core';
import { resolveConfig, type MethodName } from '../../../src/config/run-config';
import { silentLogger } from '../../../src/logger';
import { expectFlatTensorCount, selectBackend } from '../../../src/runtime';
import { openStore } from '../../../src/storage/open-store';
import { planEpoch } from '../../../src/uda/training/epoch-plan';
import { normalizeOvaWeights } from '../../../src/uda/training/ova-weight-norm';
import { RandomStreams } from '../../../src/uda/training/random-streams';
import { stepBatches } from '../../../src/uda/training/step-batches';
import { trainStep } from '../../../src/uda/training/train-step';
import { createComponents, disposeComponents } from '../../../src/uda/training/training-components';
import { loadTrainingData, type TrainingData } from '../../../src/uda/training/training-data';
import { temporaryFolder, tinyConfig } from './train-fixtures';

beforeAll(() => selectBackend('wasm', silentLogger));

async function tinyRun(
  method: MethodName,
  selfSupervision?: { weight: number; temperature: number; projectionHead?: boolean },
): Promise<{ config: ReturnType<typeof resolveConfig>; data: TrainingData }> {
  const config = resolveConfig(
    tinyConfig({ method, hyperparameters: { batchSize: 8, maxEpochs: 1, selfSupervision } }),
  );
  return { config, data: await loadTrainingData(config, openStore(temporaryFolder()), silentLogger) };
}

describe('second views for self-supervision', () => {
  test('differ from the first views, are the same rows, and repeat exactly under the seed', async () => {
    const { config, data } = await tinyRun('deepastro');
    const streams = new RandomStreams(config.seed, 0);
    const plan = planEpoch(data, streams, 0, { batchSize: 8, balanced: false, usesTarget: true });
    const position = { epoch: 0, step: 1 };
    const batches = stepBatches(data, plan, position, streams, true, true);
    const again = stepBatches(data, plan, position, new RandomStreams(config.seed, 0), true, true);
    const otherSeed = stepBatches(data, plan, position, new RandomStreams(config.seed + 1, 0), true, true);
    const without = stepBatches(data, plan, position, streams, true);
    for (const domain of ['source', 'target'] as const) {
      const view = batches.views![domain]!;
      expect(view.indices).toEqual(batches[domain]!.indices);
      expect(view.images).not.toEqual(batches[domain]!.images);
      expect(view.images).toEqual(again.views![domain]!.images);
      expect(view.images).not.toEqual(otherSeed.views![domain]!.images);
      // The first views are what a run without self-supervision sees.
      expect(batches[domain]!.images).toEqual(without[domain]!.images);
    }
    expect(without.views).toBeUndefined();
  });
});

describe.each<MethodName>(['source-only', 'deepastro'])('trainStep with %s + self-supervision', (method) => {
  test('adds the NT-Xent term, trains the target through the loss, with finite losses and a flat tensor count', async () => {
    const { config, data } = await tinyRun(method, { weight: 1, temperature: 0.1 });
    const streams = new RandomStreams(config.seed, 0);
    const components = createComponents(config, data, streams);
    expect(components.targetInLoss).toBe(true);
    const plan = planEpoch(data, streams, 0, { batchSize: 8, balanced: false, usesTarget: true });
    const results: Array<Awaited<ReturnType<typeof trainStep>>> = [];
    let step = 0;
    const trace = await expectFlatTensorCount(async () => {
      const position = { epoch: 0, step: step++ % plan.steps };
      results.push(await trainStep(components, stepBatches(data, plan, position, streams, true, true)));
    }, 6);
    expect(trace.leakedPerStep).toBe(0);
    const first = results[0].losses;
    expect(first.selfSupervision).toBeGreaterThan(0);
    // Over 2·8 rows NT-Xent is at most about ln(15) plus the positive's distance term (1/τ · 2).
    expect(first.selfSupervision).toBeLessThan(Math.log(15) + 2 / 0.1);
    expect(results.every((r) => Number.isFinite(r.losses.total))).toBe(true);
    expect(first.total).toBeGreaterThan(first.selfSupervision);
    disposeComponents(components);
  });
});

describe('self-supervision through a projection head', () => {
  test('the NT-Xent term trains the head, and a run without the head has none', async () => {
    const { config, data } = await tinyRun('deepastro', {
      weight: 1,
      temperature: 0.1,
      projectionHead: true,
    });
    const streams = new RandomStreams(config.seed, 0);
    const components = createComponents(config, data, streams);
    const head = components.variables['projection/output/kernel'];
    const before = Array.from(head.dataSync());
    const plan = planEpoch(data, streams, 0, { batchSize: 8, balanced: false, usesTarget: true });
    const { losses } = await trainStep(
      components,
      stepBatches(data, plan, { epoch: 0, step: 0 }, streams, true, true),
    );
    expect(losses.selfSupervision).toBeGreaterThan(0);
    const moved = Array.from(head.dataSync()).filter((v, i) => v !== before[i]).length;
    expect(moved).toBeGreaterThan(before.length / 2);
    disposeComponents(components);

    const plain = await tinyRun('deepastro', { weight: 1, temperature: 0.1 });
    const without = createComponents(plain.config, plain.data, new RandomStreams(plain.config.seed, 0));
    expect(Object.keys(without.variables).filter((name) => name.startsWith('projection/'))).toEqual([]);
    disposeComponents(without);
  });
});

describe('OVANet weight normalization', () => {
  test('rescales each of the 2K one-vs-all weight vectors to unit length, keeping its direction', () => {
    const kernel = tf.variable(
      tf.tensor2d([
        [3, 0, 1, -2],
        [4, 2, 1, 0],
      ]),
    );
    normalizeOvaWeights({ 'ova/kernel': kernel });
    const values = kernel.arraySync() as number[][];
    const expected = [
      [0.6, 0, Math.SQRT1_2, -1],
      [0.8, 1, Math.SQRT1_2, 0],
    ];
    values.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
    kernel.dispose();
  });

  test('is applied by every ovanet step, before the forward', async () => {
    const { config, data } = await tinyRun('ovanet');
    const streams = new RandomStreams(config.seed, 0);
    const components = createComponents(config, data, streams);
    const kernel = components.variables['ova/kernel'];
    kernel.assign(tf.mul(kernel, 3));
    components.optimizer.learningRate = 0;
    const plan = planEpoch(data, streams, 0, { batchSize: 8, balanced: false, usesTarget: true });
    await trainStep(components, stepBatches(data, plan, { epoch: 0, step: 0 }, streams, true));
    const norms = tf.tidy(() => tf.norm(kernel, 'euclidean', 0).arraySync() as number[]);
    expect(norms).toHaveLength(2 * config.classes.source.length);
    norms.forEach((norm) => expect(norm).toBeCloseTo(1, 5));
    disposeComponents(components);
  });
});
