/**
 * `npm run test:slow`: the part of the science benchmark that must hold (issue 3): on the simulated
 * 3-class task, the best configuration's mean H-score over 2 seeds exceeds source-only's. Sizes are
 * those of bench/science.ts, trimmed to fit about 15 minutes of training on 2 CPU cores.
 */
import { silentLogger } from '../src/logger';
import { selectBackend } from '../src/runtime';
import { runScienceCase, type ScienceResult } from '../bench/science/run-case';
import { parsePair } from '../bench/science/pairs';
import type { ScienceSizes, ScienceVariantName } from '../bench/science/variants';

/** The configuration bench/science.md names best. */
const BEST: ScienceVariantName = 'deepastro';
const SEEDS = [1, 2];
const PAIR = parsePair('sdss-decals');
const SIZES: ScienceSizes = { n: 500, maxEpochs: 12, batchSize: 32 };

async function meanHScore(variant: ScienceVariantName): Promise<{ mean: number; runs: ScienceResult[] }> {
  const runs: ScienceResult[] = [];
  for (const seed of SEEDS) {
    const scienceCase = { kind: 'classification' as const, pair: PAIR, task: '3class' as const };
    runs.push(
      (await runScienceCase({ ...scienceCase, variant, seed, sizes: SIZES }, silentLogger)) as ScienceResult,
    );
  }
  const mean = runs.reduce((sum, r) => sum + (r.hScore ?? 0), 0) / runs.length;
  return { mean, runs };
}

beforeAll(() => selectBackend('wasm', silentLogger));

test(`3-class task: ${BEST} has a higher mean H-score over 2 seeds than source-only`, async () => {
  const best = await meanHScore(BEST);
  const sourceOnly = await meanHScore('source-only');
  const shown = (r: { mean: number; runs: ScienceResult[] }): string =>
    `${r.mean.toFixed(3)} (seeds: ${r.runs.map((x) => x.hScore?.toFixed(3)).join(', ')})`;
  console.log(`H-score ${BEST} ${shown(best)}, source-only ${shown(sourceOnly)}`);
  expect(best.mean).toBeGreaterThan(sourceOnly.mean);
});
