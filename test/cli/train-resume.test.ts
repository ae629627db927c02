import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePredictions } from '../../src/eval/prediction-file';
import { openStore } from '../../src/storage/open-store';
import { readLatestCheckpoint, type TrainingHistory } from '../../src/uda/training';
import {
  runTrainCommand,
  temporaryFolder,
  tinyConfig,
  withoutTiming,
  writeConfig,
} from '../uda/training/train-fixtures';

jest.setTimeout(300_000);

/**
 * Three epochs of four steps on the wasm backend, with self-supervision: its second views are drawn
 * from their own per-step streams, so a resumed run must replay them too.
 */
const folder = temporaryFolder();
const store = join(folder, 'store');
const config = writeConfig(
  folder,
  tinyConfig({
    hyperparameters: { batchSize: 16, maxEpochs: 3, selfSupervision: { weight: 1, temperature: 0.1 } },
  }),
);
const args = (run: string) => ['--config', config, '--store', store, '--run', run];

function outputs(run: string) {
  const member = join(store, 'runs', run, 'members/0');
  const history = JSON.parse(readFileSync(join(member, 'history.json'), 'utf8')) as TrainingHistory;
  const predictions = decodePredictions(readFileSync(join(member, 'predictions.arrow')), run);
  return {
    history: withoutTiming({ ...history, runId: '' }),
    predictions: { ...predictions, meta: { ...predictions.meta, runId: '' } },
  };
}

/** True once a progress line of the given epoch and step has been logged. */
const atStep = (line: Record<string, unknown>, epoch: number, step: number) =>
  line.msg === 'training progress' && line.epoch === epoch && line.step === step;

let uninterrupted: ReturnType<typeof outputs>;

beforeAll(async () => {
  const result = await runTrainCommand(args('straight'));
  expect(result.code).toBe(0);
  uninterrupted = outputs('straight');
});

test('a run killed with SIGKILL mid-epoch and resumed ends exactly like an uninterrupted run', async () => {
  const killed = await runTrainCommand(args('killed'), (line, child) => {
    if (atStep(line, 1, 2)) child.kill('SIGKILL');
  });
  expect(killed.signal).toBe('SIGKILL');

  const resumed = await runTrainCommand(args('killed'));

  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toContain('resuming from checkpoint');
  expect(outputs('killed')).toEqual(uninterrupted);
});

test('SIGTERM writes a checkpoint at the step boundary, exits 75, and the resume continues from it', async () => {
  const stopped = await runTrainCommand(args('termed'), (line, child) => {
    if (atStep(line, 1, 1)) child.kill('SIGTERM');
  });
  expect(stopped.code).toBe(75);
  expect(stopped.stdout).toContain('interrupted');
  const checkpoint = await readLatestCheckpoint(openStore(store), 'termed', 0);
  expect(checkpoint?.position.epoch).toBe(1);
  expect(checkpoint?.position.step).toBeGreaterThan(0);
  expect(checkpoint?.partialEpoch?.steps).toBe(checkpoint?.position.step);

  const resumed = await runTrainCommand(args('termed'));

  expect(resumed.code).toBe(0);
  expect(resumed.stderr).toMatch(
    new RegExp(`"epoch":1,"step":${checkpoint!.position.step},"msg":"resuming from checkpoint"`),
  );
  expect(outputs('termed')).toEqual(uninterrupted);
});
