import { resolveConfig, type MethodName } from '../../../src/config/run-config';
import { silentLogger } from '../../../src/logger';
import { expectFlatTensorCount, selectBackend } from '../../../src/runtime';
import { openStore } from '../../../src/storage/open-store';
import { planEpoch } from '../../../src/uda/training/epoch-plan';
import { RandomStreams } from '../../../src/uda/training/random-streams';
import { stepBatches } from '../../../src/uda/training/step-batches';
import { trainStep } from '../../../src/uda/training/train-step';
import { createComponents, disposeComponents } from '../../../src/uda/training/training-components';
import { loadTrainingData, type TrainingData } from '../../../src/uda/training/training-data';
import { temporaryFolder, tinyConfig } from './train-fixtures';

// Not IS_TEST: under it tfjs checks every kernel for leaked data ids, which the wasm backend's own
// composite kernels (logSoftmax) trip.
beforeAll(() => selectBackend('wasm', silentLogger));

async function tinyData(
  method: MethodName,
): Promise<{ config: ReturnType<typeof resolveConfig>; data: TrainingData }> {
  const config = resolveConfig(tinyConfig({ method, hyperparameters: { batchSize: 8, maxEpochs: 1 } }));
  return { config, data: await loadTrainingData(config, openStore(temporaryFolder()), silentLogger) };
}

describe.each<MethodName>(['deepastro', 'dance', 'ovanet', 'source-only', 'none'])(
  'trainStep with %s',
  (method) => {
    test('leaves the tensor count flat over 20 steps and returns finite losses', async () => {
      const { config, data } = await tinyData(method);
      const streams = new RandomStreams(config.seed, 0);
      const components = createComponents(config, data, streams);
      const plan = planEpoch(data, streams, 0, {
        batchSize: 8,
        balanced: false,
        usesTarget: components.usesTarget,
      });
      const totals: number[] = [];
      let step = 0;
      const oneStep = async () => {
        const batches = stepBatches(data, plan, { epoch: 0, step: step++ % plan.steps }, streams, true);
        totals.push((await trainStep(components, batches)).losses.total);
      };
      const trace = await expectFlatTensorCount(oneStep, 20);
      expect(trace.leakedPerStep).toBe(0);
      expect(totals.every(Number.isFinite)).toBe(true);
      disposeComponents(components);
    });
  },
);

test('regression with MMD trains on standardized targets with a flat tensor count', async () => {
  const config = resolveConfig(
    tinyConfig({
      method: 'mmd',
      regression: { target: 'half_light_radius_arcsec' },
      hyperparameters: { batchSize: 8 },
    }),
  );
  const data = await loadTrainingData(config, openStore(temporaryFolder()), silentLogger);
  const streams = new RandomStreams(config.seed, 0);
  const components = createComponents(config, data, streams);
  const plan = planEpoch(data, streams, 0, { batchSize: 8, balanced: false, usesTarget: true });
  let step = 0;
  const results: Array<Awaited<ReturnType<typeof trainStep>>> = [];
  await expectFlatTensorCount(async () => {
    results.push(
      await trainStep(
        components,
        stepBatches(data, plan, { epoch: 0, step: step++ % plan.steps }, streams, true),
      ),
    );
  }, 20);
  expect(Object.keys(results[0].losses).sort()).toEqual(['mmd', 'mse', 'total']);
  expect(results[0].correct).toBeNull();
  disposeComponents(components);
});
