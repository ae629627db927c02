import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfigJson } from '../../src/config/run-config';
import { datasetFingerprint } from '../../src/data/dataset-fingerprint';
import { loadDataSource } from '../../src/data/load-data-source';
import { decodePredictions } from '../../src/eval/prediction-file';
import { silentLogger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import type { TrainingHistory } from '../../src/uda/training';
import { runTrainCommand, temporaryFolder, tinyConfig, writeConfig } from '../uda/training/train-fixtures';

jest.setTimeout(240_000);

test('`train` trains a small model end to end and writes model, history and predictions that decode', async () => {
  const folder = temporaryFolder();
  const store = join(folder, 'store');
  const config = writeConfig(folder, tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 2 } }));

  const first = await runTrainCommand(['--config', config, '--store', store, '--run', 'e2e']);

  expect(first.stderr).not.toMatch(/"level":50/);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('run e2e member 0 trained');
  const member = join(store, 'runs/e2e/members/0');
  expect(existsSync(join(member, 'model/model.json'))).toBe(true);
  expect(existsSync(join(store, 'runs/e2e/config.json'))).toBe(true);
  const history = JSON.parse(readFileSync(join(member, 'history.json'), 'utf8')) as TrainingHistory;
  expect(history).toMatchObject({ method: 'deepastro', backend: 'wasm', stopReason: 'max-epochs' });
  expect(history.epochs).toHaveLength(2);
  expect(Object.keys(history.epochs[0].losses).sort()).toEqual([
    'ce',
    'cluster',
    'entropySeparation',
    // deepastro's default since issue 14: target self-supervision.
    'selfSupervision',
    'total',
  ]);
  expect(history.epochs[0].diagnostics).toHaveProperty('positivePairShare');
  expect(history.epochs[0].validation.sourceValLoss).toBeGreaterThan(0);

  const predictions = decodePredictions(readFileSync(join(member, 'predictions.arrow')), 'predictions.arrow');
  expect(predictions.classNames).toEqual(['elliptical', 'spiral']);
  expect(predictions.domain.filter((d) => d === 'target')).toHaveLength(64);
  expect(predictions.trueClass).toContain('merger');
  expect(predictions.unknownThreshold).toBeCloseTo(Math.log(2) / 2);
  expect(predictions.embeddingSize).toBe(32);
  expect(predictions.entropy.every((h) => h >= 0 && h <= Math.log(2) + 1e-6)).toBe(true);
  // Feature scores against the source training set: cosine distances, one per row.
  for (const column of [predictions.knnScore, predictions.clusterScore]) {
    expect(column).toHaveLength(predictions.index.length);
    expect(column!.every((d) => d >= -1e-6 && d <= 2 + 1e-6)).toBe(true);
  }
  // The data the member was trained on, recorded so a report can refuse other data.
  const resolved = resolveConfigJson(readFileSync(join(store, 'runs/e2e/config.json'), 'utf8'));
  const loaded = (role: 'source' | 'target') =>
    loadDataSource(resolved.data[role], {
      ...{ domain: role, classes: resolved.classes[role], logger: silentLogger },
      store: openStore(store),
    });
  expect(predictions.meta.targetFingerprint).toBe(datasetFingerprint(await loaded('target')));
  expect(predictions.meta.sourceFingerprint).toBe(datasetFingerprint(await loaded('source')));

  const again = await runTrainCommand(['--config', config, '--store', store, '--run', 'e2e']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('already finished');
});

test('a bad config exits with code 2 and one line naming the field', async () => {
  const folder = temporaryFolder();
  const config = writeConfig(folder, tinyConfig({ hyperparameters: { margin: 0.5 } }));

  const result = await runTrainCommand(['--config', config, '--store', join(folder, 'store')]);

  expect(result.code).toBe(2);
  expect(result.stderr).toContain('hyperparameters.margin');
  expect(existsSync(join(folder, 'store'))).toBe(false);
});

test('--help lists the options and the exit codes', async () => {
  const result = await runTrainCommand(['--help']);
  expect(result.code).toBe(0);
  for (const option of ['--config', '--run', '--store', '--members', '--member', '--backend', 'Exit codes']) {
    expect(result.stdout).toContain(option);
  }
});
