import * as tf from '@tensorflow/tfjs-core';
import { resolveConfig } from '../../../src/config/run-config';
import { silentLogger } from '../../../src/logger';
import { selectBackend } from '../../../src/runtime';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import { trainMember, type TrainingHistory, type ValidationMetrics } from '../../../src/uda/training';
import { argMax, predictDataset } from '../../../src/uda/training/inference';
import { createComponents, disposeComponents } from '../../../src/uda/training/training-components';
import { loadTrainingData } from '../../../src/uda/training/training-data';
import { RandomStreams } from '../../../src/uda/training/random-streams';
import { mayBeKept, SND_MAX_CLASS_SHARE, validateEpoch } from '../../../src/uda/training/validation';
import { temporaryFolder, tinyConfig } from './train-fixtures';

jest.mock('../../../src/uda/training/validation', () => ({
  ...jest.requireActual('../../../src/uda/training/validation'),
  validateEpoch: jest.fn(),
}));

beforeAll(() => selectBackend('wasm', silentLogger));

const sndConfig = () =>
  resolveConfig(tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 4, monitor: 'snd' } }));

test('validation under SND measures the share of the target its most predicted class takes', async () => {
  const actual = jest.requireActual<typeof import('../../../src/uda/training/validation')>(
    '../../../src/uda/training/validation',
  );
  const config = sndConfig();
  const data = await loadTrainingData(config, openStore(temporaryFolder()), silentLogger);
  const components = createComponents(config, data, new RandomStreams(config.seed, 0));
  const { model } = components;

  const counted = async () => {
    const outputs = await predictDataset(model, data.target, 'target', 16);
    const counts = [0, 0];
    for (let i = 0; i < outputs.n; i++) counts[argMax(outputs.logProbabilities.subarray(2 * i, 2 * i + 2))]++;
    return Math.max(...counts) / outputs.n;
  };
  const initial = await actual.validateEpoch(model, data, config);
  expect(initial.snd).toEqual(expect.any(Number));
  expect(initial.targetLargestClassShare).toBeCloseTo(await counted(), 6);

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
  const collapsed = await actual.validateEpoch(model, data, config);
  expect(collapsed.targetLargestClassShare).toBe(1);
  expect(mayBeKept('snd', collapsed)).toBe(false);
  expect(mayBeKept('source-val-loss', collapsed)).toBe(true);
  disposeComponents(components);
});

test('SND keeps the best epoch whose target predictions did not collapse', async () => {
  // validateEpoch stubbed: the SND values and class shares of four epochs, as a real run would log them.
  const epochs: ValidationMetrics[] = [
    { sourceValLoss: 0.7, sourceValAccuracy: 0.6, snd: 1.0, targetLargestClassShare: 0.55 },
    { sourceValLoss: 0.6, sourceValAccuracy: 0.7, snd: 3.0, targetLargestClassShare: 1 },
    { sourceValLoss: 0.5, sourceValAccuracy: 0.8, snd: 1.5, targetLargestClassShare: SND_MAX_CLASS_SHARE },
    { sourceValLoss: 0.4, sourceValAccuracy: 0.9, snd: 1.2, targetLargestClassShare: 0.6 },
  ];
  jest.mocked(validateEpoch).mockImplementation(async () => epochs.shift()!);
  const store = openStore(temporaryFolder());

  const result = await trainMember({
    config: sndConfig(),
    runId: 'snd',
    store,
    member: 0,
    logger: silentLogger,
  });

  expect(result).toMatchObject({ status: 'finished', bestEpoch: 2 });
  const history = JSON.parse(await store.getText(runLayout.history('snd', 0))) as TrainingHistory;
  expect(history.epochs.map((epoch) => epoch.monitor.improved)).toEqual([true, false, true, false]);
  expect(history.epochs.map((epoch) => epoch.monitor.value)).toEqual([1.0, 3.0, 1.5, 1.2]);
  expect(history.epochs[1].validation.targetLargestClassShare).toBe(1);
});
