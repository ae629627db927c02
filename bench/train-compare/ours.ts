import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const TRAIN_BENCH = join(__dirname, '..', 'train.ts');

/** The fields of bench/train.ts's CaseResult that the comparison uses. */
interface CaseResult {
  readonly backend: string;
  readonly batchSize: number;
  readonly stepSeconds: number;
}

/**
 * Source images/s of our source-only step on wasm with `threads` XNNPACK threads, measured by bench/train.ts's own case runner in a
 * child process (same data, components and trainStep as `npm run bench:train`).
 */
export function runOurs(
  net: string,
  steps: number,
  threads: number,
): { backend: string; sourceImagesPerSecond: number } {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, TRAIN_BENCH, 'case', 'wasm', net, 'source-only', String(steps), String(threads)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const result = JSON.parse(output.trim().split('\n').pop()!) as CaseResult;
  return { backend: result.backend, sourceImagesPerSecond: result.batchSize / result.stepSeconds };
}
