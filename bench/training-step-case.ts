import { tmpdir } from 'node:os';
import { resolveConfig, type MethodName } from '../src/config/run-config';
import { silentLogger } from '../src/logger';
import { openStore } from '../src/storage/open-store';
import { planEpoch } from '../src/uda/training/epoch-plan';
import { RandomStreams } from '../src/uda/training/random-streams';
import { stepBatches } from '../src/uda/training/step-batches';
import { trainStep } from '../src/uda/training/train-step';
import { createComponents, disposeComponents } from '../src/uda/training/training-components';
import { loadTrainingData } from '../src/uda/training/training-data';

/** The two networks of issue 3, at the image size and batch each is measured with. */
export const NETS = {
  'resnet-mini': { architecture: 'resnet-mini', imageSize: 32, batchSize: 64 },
  resnet18: { architecture: 'resnet18', imageSize: 64, batchSize: 32 },
} as const;
export type NetName = keyof typeof NETS;

/** One measured training step: its numbers and wall time. */
export interface TimedStep {
  readonly step: number;
  readonly numbers: Awaited<ReturnType<typeof trainStep>>;
  readonly milliseconds: number;
}

/**
 * The real training step (simulated data, createComponents, trainStep) of one net and method, run
 * `steps + 1` times; step 0 warms up. `beforeStep` runs before each step is timed, `afterStep` after.
 */
export async function runTrainingSteps(
  net: NetName,
  method: MethodName,
  steps: number,
  hooks: { beforeStep?: (step: number) => void; afterStep?: (timed: TimedStep) => void } = {},
): Promise<void> {
  const { architecture, imageSize, batchSize } = NETS[net];
  const n = Math.ceil((batchSize * (steps + 1)) / 0.7) + 8;
  const config = resolveConfig({
    data: {
      source: { kind: 'simulate', survey: 'sdss', n },
      target: { kind: 'simulate', survey: 'decals', n: batchSize * (steps + 1) },
    },
    model: { architecture, imageSize },
    method,
    hyperparameters: { batchSize },
  });
  const data = await loadTrainingData(config, openStore(tmpdir()), silentLogger);
  const streams = new RandomStreams(config.seed, 0);
  const components = createComponents(config, data, streams);
  const plan = planEpoch(data, streams, 0, { batchSize, balanced: false, usesTarget: components.usesTarget });
  try {
    for (let step = 0; step <= steps; step++) {
      const batches = stepBatches(data, plan, { epoch: 0, step: step % plan.steps }, streams, true);
      hooks.beforeStep?.(step);
      const started = performance.now();
      const numbers = await trainStep(components, batches);
      hooks.afterStep?.({ step, numbers, milliseconds: performance.now() - started });
    }
  } finally {
    disposeComponents(components);
  }
}
