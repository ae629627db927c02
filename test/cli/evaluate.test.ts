import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePredictions } from '../../src/eval/prediction-file';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { syntheticPredictionSet } from '../eval/synthetic-predictions';

jest.setTimeout(60_000);

const CLI = path.resolve(__dirname, '../../bin/deepastro-uda.cjs');
const TASK = { sourceClasses: ['elliptical', 'spiral'], targetClasses: ['elliptical', 'spiral', 'merger'] };

describe('`evaluate` output', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'evaluate-cli-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  function evaluate(runId: string) {
    return spawnSync(process.execPath, [CLI, 'evaluate', '--run', path.join(root, 'runs', runId)], {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
  }

  it('prints MAE, RMSE and bias per domain for a regression run, and no H-score or AUROC line', async () => {
    const store = openStore(root);
    for (const [member, method] of [
      ['0', 'mmd'],
      ['1', 'source-only'],
    ] as const) {
      const options = { ...TASK, seed: 2, memberSeed: Number(member), nSource: 40, nTarget: 40 };
      const set = syntheticPredictionSet({ ...options, withRegression: true, method });
      await store.put(runLayout.predictions('g', member), encodePredictions(set));
    }
    const result = evaluate('g');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^metric\s+adapted \(mmd\)\s+baseline \(source-only\)$/m);
    for (const row of [
      'source MAE',
      'source RMSE',
      'source bias',
      'target MAE',
      'target RMSE',
      'target bias',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^${row}\\s+-?\\d\\.\\d{3}\\s+-?\\d\\.\\d{3}$`, 'm'));
    }
    expect(result.stdout).not.toMatch(/H-score|AUROC|rho|Otsu/);
  });

  it('prints each baseline in its own column for a classification run, with both thresholds', async () => {
    const store = openStore(root);
    for (const [member, method] of [
      ['0', 'deepastro'],
      ['1', 'source-only'],
      ['2', 'none'],
    ] as const) {
      const set = syntheticPredictionSet({
        ...TASK,
        seed: 2,
        memberSeed: Number(member),
        nSource: 60,
        nTarget: 90,
        method,
      });
      await store.put(runLayout.predictions('c', member), encodePredictions(set));
    }
    const result = evaluate('c');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^metric\s+adapted \(deepastro\)\s+baseline \(source-only\)\s+baseline \(none\)$/m,
    );
    expect(result.stdout).toMatch(/^H-score, entropy > rho(\s+\d\.\d{3}){3}$/m);
    expect(result.stdout).toMatch(/^H-score, best score > Otsu(\s+\d\.\d{3}){3}$/m);
    expect(result.stdout).toMatch(/^rho \(fixed entropy threshold\)(\s+0\.347){3}$/m);
  });
});
