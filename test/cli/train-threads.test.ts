import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePredictions } from '../../src/eval/prediction-file';
import type { TrainingHistory } from '../../src/uda/training';
import {
  runTrainCommand,
  temporaryFolder,
  tinyConfig,
  withoutTiming,
  writeConfig,
} from '../uda/training/train-fixtures';

jest.setTimeout(300_000);

const folder = temporaryFolder();
const store = join(folder, 'store');
const config = writeConfig(folder, tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 2 } }));

async function trainWith(threads: number) {
  const run = `threads-${threads}`;
  const result = await runTrainCommand([
    '--config',
    config,
    '--store',
    store,
    '--run',
    run,
    '--threads',
    String(threads),
  ]);
  expect(result.code).toBe(0);
  const member = join(store, 'runs', run, 'members/0');
  const history = JSON.parse(readFileSync(join(member, 'history.json'), 'utf8')) as TrainingHistory;
  const predictions = decodePredictions(readFileSync(join(member, 'predictions.arrow')), run);
  return {
    stderr: result.stderr,
    history: withoutTiming({ ...history, runId: '' }),
    predictions: { ...predictions, meta: { ...predictions.meta, runId: '' } },
  };
}

test('training on 2 wasm threads gives bit-identical history and predictions to 1 thread', async () => {
  const one = await trainWith(1);
  const two = await trainWith(2);
  expect(one.stderr).toMatch(/wasm threads are off/);
  expect(two.stderr).toMatch(/"threads":2,"msg":"wasm threads: 2 \(threaded SIMD build\)"/);
  expect(two.history).toEqual(one.history);
  expect(two.predictions).toEqual(one.predictions);
});
