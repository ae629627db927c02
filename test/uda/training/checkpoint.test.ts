import { DataFormatError } from '../../../src/errors';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import {
  readLatestCheckpoint,
  writeCheckpoint,
  type TrainingCheckpoint,
} from '../../../src/uda/training/checkpoint';
import { temporaryFolder } from './train-fixtures';

function checkpointAt(epoch: number, step: number): TrainingCheckpoint {
  return {
    position: { epoch, step },
    arrays: {
      'model/stem/conv/kernel': { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, epoch]) },
      'bank/target': { shape: [2, 1], values: Float32Array.from([0.5, -0.5]) },
    },
    optimizer: { learningRate: 0.001, step: 4 * epoch + step },
    bankMomentum: { target: 0.5 },
    earlyStopping: {
      mode: 'min',
      patience: 12,
      minDelta: 0,
      bestEpoch: epoch - 1,
      bestValue: 0.25,
      lastEpoch: epoch - 1,
    },
    epochs: [],
    ...(step > 0 && {
      partialEpoch: {
        steps: step,
        images: 32,
        sourceSamples: 16,
        correct: 9,
        seconds: 1.5,
        lossSums: { ce: 0.1 + 0.2 },
        diagnosticSums: {},
      },
    }),
  };
}

async function keysUnder(store: ReturnType<typeof openStore>, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

test('a member without a checkpoint reads as none', async () => {
  expect(await readLatestCheckpoint(openStore(temporaryFolder()), 'run', 0)).toBeUndefined();
});

test('the latest checkpoint reads back exactly, and the previous sequence is deleted after the pointer moves', async () => {
  const store = openStore(temporaryFolder());
  await writeCheckpoint(store, 'run', 2, checkpointAt(1, 0));
  const second = await writeCheckpoint(store, 'run', 2, checkpointAt(1, 3));

  expect(await readLatestCheckpoint(store, 'run', 2)).toEqual(checkpointAt(1, 3));
  const prefix = runLayout.checkpointPrefix('run', 2);
  expect((await keysUnder(store, prefix)).sort()).toEqual(
    [`${prefix}/latest.json`, `${second}/arrays.bin`, `${second}/state.json`].sort(),
  );
});

test('a damaged checkpoint is a DataFormatError naming the object', async () => {
  const store = openStore(temporaryFolder());
  const written = await writeCheckpoint(store, 'run', 0, checkpointAt(2, 0));
  await store.put(`${written}/state.json`, JSON.stringify({ format: 'something else' }));
  const read = readLatestCheckpoint(store, 'run', 0);
  await expect(read).rejects.toThrow(DataFormatError);
  await expect(read).rejects.toThrow(`${written}/state.json`);
});
