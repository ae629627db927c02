import * as tf from '@tensorflow/tfjs-core';
import { resolveConfig } from '../../../src/config/run-config';
import { InvalidConfigError } from '../../../src/errors';
import { silentLogger } from '../../../src/logger';
import { loadModel } from '../../../src/model';
import { selectBackend } from '../../../src/runtime';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import { trainMember, type TrainingHistory } from '../../../src/uda/training';
import * as checkpoints from '../../../src/uda/training/checkpoint';
import { group, type NamedArrays } from '../../../src/uda/training/tensor-pack';
import { monitoredValue } from '../../../src/uda/training/validation';
import { temporaryFolder, tinyConfig } from './train-fixtures';

jest.mock('../../../src/uda/training/validation', () => ({
  ...jest.requireActual('../../../src/uda/training/validation'),
  monitoredValue: jest.fn(),
}));

beforeAll(() => selectBackend('wasm', silentLogger));

/** Source validation losses the stub reports per epoch: best at epoch 1, then two worse epochs. */
const MONITORED = [1.0, 0.5, 0.9, 0.8, 0.7, 0.6];

test('early stopping stops after `patience` epochs without improvement and keeps the best epoch’s weights', async () => {
  jest.mocked(monitoredValue).mockImplementation(() => MONITORED.shift()!);
  const modelAfterEpoch = new Map<number, NamedArrays>();
  const write = checkpoints.writeCheckpoint;
  jest.spyOn(checkpoints, 'writeCheckpoint').mockImplementation(async (store, runId, member, checkpoint) => {
    if (checkpoint.position.step === 0)
      modelAfterEpoch.set(checkpoint.position.epoch - 1, group(checkpoint.arrays, 'model'));
    return write(store, runId, member, checkpoint);
  });
  // The stub's values are losses (smaller is better), so the monitor is the source validation loss.
  const hyperparameters = { batchSize: 16, maxEpochs: 6, patience: 2, monitor: 'source-val-loss' } as const;
  const config = resolveConfig(tinyConfig({ hyperparameters }));
  const store = openStore(temporaryFolder());
  const tensorsBefore = tf.memory().numTensors;

  const result = await trainMember({ config, runId: 'stop', store, member: 0, logger: silentLogger });

  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(result).toMatchObject({ status: 'finished', epochsCompleted: 4, bestEpoch: 1 });
  const history = JSON.parse(await store.getText(runLayout.history('stop', 0))) as TrainingHistory;
  expect(history.stopReason).toBe('early-stopping');
  expect(history.epochs.map((epoch) => epoch.monitor.improved)).toEqual([true, true, false, false]);
  const saved = await loadModel(store, runLayout.modelPrefix('stop', 0));
  const weights = saved.getWeights();
  const equalTo = (arrays: NamedArrays) =>
    Object.entries(weights).every(([name, tensor]) =>
      tf.util.arraysEqual(tensor.dataSync(), arrays[name].values),
    );
  expect(equalTo(modelAfterEpoch.get(1)!)).toBe(true);
  expect(equalTo(modelAfterEpoch.get(3)!)).toBe(false);
  tf.dispose(Object.values(weights));
  saved.dispose();
});

test('a member outside the ensemble and its baselines is refused naming the member', async () => {
  const config = resolveConfig(tinyConfig());
  expect(config.ensemble).toEqual({ members: 1, baselines: ['source-only'] });
  const run = trainMember({
    config,
    runId: 'x',
    store: openStore(temporaryFolder()),
    member: 2,
    logger: silentLogger,
  });
  await expect(run).rejects.toThrow(InvalidConfigError);
  await expect(run).rejects.toThrow(
    'member: expected an integer in [0, 1] (1 ensemble members + baselines ["source-only"]), got 2',
  );
});

test('a run id already holding another config is refused instead of resumed', async () => {
  const store = openStore(temporaryFolder());
  await store.put(runLayout.config('taken'), JSON.stringify({ seed: 1 }));
  const config = resolveConfig(tinyConfig());
  await expect(
    trainMember({ config, runId: 'taken', store, member: 0, logger: silentLogger }),
  ).rejects.toThrow(/holds a different config/);
});
