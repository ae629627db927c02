import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRun } from '../../src/eval/evaluate-run';
import { openStore } from '../../src/storage/open-store';
import { runTrainCommand, temporaryFolder, tinyConfig, writeConfig } from '../uda/training/train-fixtures';

jest.setTimeout(120_000);

test('a member whose losses or weights turn NaN stops with one line naming epoch, step and loss term, exit 2, and writes no outputs', async () => {
  const folder = temporaryFolder();
  const store = join(folder, 'store');
  const config = writeConfig(
    folder,
    tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 2, learningRate: 1e5 } }),
  );

  const result = await runTrainCommand(['--config', config, '--store', store, '--run', 'nan']);

  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line.startsWith('deepastro-uda:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^deepastro-uda: TrainingError: member 0 diverged at (epoch \d, step \d+: loss term '\w+'|the end of epoch \d: weight model\/\S+\[\d+\]) is (NaN|Infinity|-Infinity); lower hyperparameters.learningRate \(100000 at that step\)/,
  );
  expect(result.stdout).not.toContain('trained');
  const member = join(store, 'runs/nan/members/0');
  for (const output of ['history.json', 'predictions.arrow', 'model']) {
    expect(existsSync(join(member, output))).toBe(false);
  }
  // Nothing of the run reaches an evaluation.
  await expect(evaluateRun(openStore(store), 'nan')).rejects.toThrow(/no members\/<m>\/predictions.arrow/);
  expect(existsSync(join(store, 'runs/nan/eval')) && readdirSync(join(store, 'runs/nan/eval'))).toBeFalsy();
});
