/**
 * `npm run bench:eval`: metrics over 100,000 synthetic predictions (target < 2 s) and the full report
 * for 10,000 target samples (target < 60 s). Prints one JSON line of results.
 */
import { rowsOfDataset } from '../src/eval/report/target-dataset';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluatePredictions } from '../src/eval/evaluate-predictions';
import { buildReport } from '../src/eval/report/build-report';
import { memberScoredPredictions } from '../src/eval/scored-predictions';
import { openStore } from '../src/storage/open-store';
import { syntheticPredictionSet } from '../test/eval/synthetic-predictions';
import { syntheticTargetDataset, writeSyntheticRun } from '../test/eval/report/report-fixture';

const TASK = { sourceClasses: ['elliptical', 'spiral'], targetClasses: ['elliptical', 'spiral', 'merger'] };

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

async function timedAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, (performance.now() - start) / 1000];
}

async function main(): Promise<void> {
  const set = syntheticPredictionSet({
    ...TASK,
    seed: 1,
    nSource: 20_000,
    nTarget: 80_000,
    embeddingSize: 32,
    withOva: true,
    noise: 0.5,
  });
  const [metrics, metricsSeconds] = timed(() =>
    evaluatePredictions(memberScoredPredictions(set), {
      subject: 'bench',
      members: ['0'],
      method: 'deepastro',
      role: 'adapted',
    }),
  );
  console.log(
    `metrics over 100,000 predictions: ${metricsSeconds.toFixed(2)} s (target < 2 s); H-score ${metrics.classification?.hScore?.toFixed(3)}, clustered ${metrics.clustering?.clustered}`,
  );
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-eval-'));
  try {
    const store = openStore(root);
    await writeSyntheticRun(store, 'bench', { nSource: 2_000, nTarget: 10_000 });
    const dataset = syntheticTargetDataset(10_000, 32);
    const [report, reportSeconds] = await timedAsync(() =>
      buildReport(store, 'bench', { targetImages: { rows: rowsOfDataset(dataset) } }),
    );
    console.log(
      `report for 10,000 target samples (3 members, map of 2,000): ${reportSeconds.toFixed(1)} s (target < 60 s), ${report.written.length} files`,
    );
    console.log(
      JSON.stringify({
        metricsSeconds,
        reportSeconds,
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        node: process.version,
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
