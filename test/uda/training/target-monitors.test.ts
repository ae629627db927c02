import * as tf from '@tensorflow/tfjs-core';
import { resolveConfig, type Monitor } from '../../../src/config/run-config';
import { otsuSeparability } from '../../../src/eval/calibrated-threshold';
import { rowEntropy } from '../../../src/eval/entropy';
import { silentLogger } from '../../../src/logger';
import { selectBackend } from '../../../src/runtime';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import { trainMember, type TrainingHistory, type ValidationMetrics } from '../../../src/uda/training';
import { argMax, predictDataset } from '../../../src/uda/training/inference';
import { MAX_TARGET_CLASS_SHARE, mayBeKept } from '../../../src/uda/training/target-monitors';
import { createComponents, disposeComponents } from '../../../src/uda/training/training-components';
import { loadTrainingData } from '../../../src/uda/training/training-data';
import { RandomStreams } from '../../../src/uda/training/random-streams';
import { validateEpoch } from '../../../src/uda/training/validation';
import { temporaryFolder, tinyConfig } from './train-fixtures';

jest.mock('../../../src/uda/training/validation', () => ({
  ...jest.requireActual('../../../src/uda/training/validation'),
  validateEpoch: jest.fn(),
}));

beforeAll(() => selectBackend('wasm', silentLogger));

const configWith = (monitor: Monitor) =>
  resolveConfig(tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 4, monitor } }));

const actual = () =>
  jest.requireActual<typeof import('../../../src/uda/training/validation')>(
    '../../../src/uda/training/validation',
  );

test('target monitors measure the target as an independent computation does, and refuse a collapsed model', async () => {
  const config = configWith('entropy-bimodality');
  const data = await loadTrainingData(config, openStore(temporaryFolder()), silentLogger);
  const components = createComponents(config, data, new RandomStreams(config.seed, 0));
  const { model } = components;
  const byHand = async () => {
    const outputs = await predictDataset(model, data.target, 'target', 16);
    const probabilities = outputs.logProbabilities.map(Math.exp);
    const counts = [0, 0];
    const entropies: number[] = [];
    for (let i = 0; i < outputs.n; i++) {
      counts[argMax(probabilities.subarray(2 * i, 2 * i + 2))]++;
      entropies.push(rowEntropy(probabilities, i, 2));
    }
    return { share: Math.max(...counts) / outputs.n, bimodality: otsuSeparability(entropies) };
  };

  const initial = await actual().validateEpoch(model, data, config);
  const expected = await byHand();
  expect(initial.entropyBimodality).toBeCloseTo(expected.bimodality, 5);
  expect(initial.targetLargestClassShare).toBeCloseTo(expected.share, 6);
  expect(initial.snd).toBeUndefined();
  const underSnd = await actual().validateEpoch(model, data, configWith('snd'));
  expect(underSnd.snd).toEqual(expect.any(Number));
  expect(underSnd.entropyBimodality).toBeUndefined();
  expect(underSnd.targetLargestClassShare).toBe(initial.targetLargestClassShare);

  // Features are non-negative (after ReLU and pooling), so a class-0 column of ones and a class-1
  // column of minus ones put every galaxy in class 0: a collapsed model.
  const weights = model.getWeights();
  const [d] = weights['classifier/kernel'].shape;
  weights['classifier/kernel'].dispose();
  weights['classifier/kernel'] = tf.tensor2d(
    Float32Array.from({ length: d * 2 }, (_, i) => (i % 2 === 0 ? 1 : -1)),
    [d, 2],
  );
  model.setWeights(weights);
  tf.dispose(Object.values(weights));
  const collapsed = await actual().validateEpoch(model, data, config);
  expect(collapsed.targetLargestClassShare).toBe(1);
  expect(mayBeKept('entropy-bimodality', collapsed)).toBe(false);
  expect(mayBeKept('snd', collapsed)).toBe(false);
  expect(mayBeKept('source-val-loss', collapsed)).toBe(true);
  expect(validateEpoch).not.toHaveBeenCalled();
  disposeComponents(components);
});

test.each<['snd' | 'entropyBimodality', Monitor]>([
  ['snd', 'snd'],
  ['entropyBimodality', 'entropy-bimodality'],
])('monitor %s keeps the best epoch whose target predictions did not collapse', async (field, monitor) => {
  // validateEpoch stubbed: the monitored values and class shares of four epochs, as a real run logs them.
  const epochs: ValidationMetrics[] = [
    [1.0, 0.55],
    [3.0, 1],
    [1.5, MAX_TARGET_CLASS_SHARE],
    [1.2, 0.6],
  ].map(([value, targetLargestClassShare], i) => ({
    sourceValLoss: 0.7 - 0.1 * i,
    sourceValAccuracy: 0.6 + 0.1 * i,
    [field]: value,
    targetLargestClassShare,
  }));
  jest.mocked(validateEpoch).mockImplementation(async () => epochs.shift()!);
  const store = openStore(temporaryFolder());

  const config = configWith(monitor);
  const result = await trainMember({ config, runId: 'm', store, member: 0, logger: silentLogger });

  expect(result).toMatchObject({ status: 'finished', bestEpoch: 2 });
  const history = JSON.parse(await store.getText(runLayout.history('m', 0))) as TrainingHistory;
  expect(history.epochs.map((epoch) => epoch.monitor.improved)).toEqual([true, false, true, false]);
  expect(history.epochs.map((epoch) => epoch.monitor.value)).toEqual([1.0, 3.0, 1.5, 1.2]);
  expect(history.epochs[1].validation.targetLargestClassShare).toBe(1);
});
