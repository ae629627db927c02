/**
 * Where a wasm training step's time goes: `npx tsx bench/train-compare/profile-step.ts --net resnet-mini
 * [--steps 3] [--top 15]`. Builds the same source-only step as bench/train.ts (simulated data,
 * createComponents, trainStep), times every wasm kernel by wrapping it (KernelTimer), and prints the
 * top kernels by exclusive time as a share of the step's wall time, then the top convolution shapes.
 */
import { tmpdir } from 'node:os';
import { resolveConfig } from '../../src/config/run-config';
import { silentLogger } from '../../src/logger';
import { selectBackend } from '../../src/runtime';
import { openStore } from '../../src/storage/open-store';
import { planEpoch } from '../../src/uda/training/epoch-plan';
import { RandomStreams } from '../../src/uda/training/random-streams';
import { stepBatches } from '../../src/uda/training/step-batches';
import { trainStep } from '../../src/uda/training/train-step';
import { createComponents, disposeComponents } from '../../src/uda/training/training-components';
import { loadTrainingData } from '../../src/uda/training/training-data';
import { KernelTimer, type KernelTiming } from './kernel-timer';

const NETS = {
  'resnet-mini': { architecture: 'resnet-mini', imageSize: 32, batchSize: 64 },
  resnet18: { architecture: 'resnet18', imageSize: 64, batchSize: 32 },
} as const;

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function printTop(title: string, map: Map<string, KernelTiming>, steps: number, stepMs: number, top: number) {
  console.log(`\n${title}\n`);
  console.log('| kernel | calls/step | ms/step (exclusive) | share of step | ms/step (inclusive) |');
  console.log('|---|---|---|---|---|');
  const rows = [...map.entries()].sort((a, b) => b[1].exclusiveMs - a[1].exclusiveMs).slice(0, top);
  for (const [key, t] of rows) {
    const share = ((100 * t.exclusiveMs) / steps / stepMs).toFixed(1);
    console.log(
      `| ${key} | ${t.calls / steps} | ${(t.exclusiveMs / steps).toFixed(1)} | ${share} % | ${(t.inclusiveMs / steps).toFixed(1)} |`,
    );
  }
}

async function main(): Promise<void> {
  const net = (argument('net') ?? 'resnet-mini') as keyof typeof NETS;
  const steps = Number(argument('steps') ?? 3);
  const top = Number(argument('top') ?? 15);
  const backend = await selectBackend('wasm', silentLogger);
  const timer = new KernelTimer();
  timer.install(backend.name);
  const { architecture, imageSize, batchSize } = NETS[net];
  const n = Math.ceil((batchSize * (steps + 1)) / 0.7) + 8;
  const config = resolveConfig({
    data: {
      source: { kind: 'simulate', survey: 'sdss', n },
      target: { kind: 'simulate', survey: 'decals', n: batchSize * (steps + 1) },
    },
    model: { architecture, imageSize },
    method: 'source-only',
    hyperparameters: { batchSize },
  });
  const data = await loadTrainingData(config, openStore(tmpdir()), silentLogger);
  const streams = new RandomStreams(config.seed, 0);
  const components = createComponents(config, data, streams);
  const plan = planEpoch(data, streams, 0, { batchSize, balanced: false, usesTarget: components.usesTarget });
  let stepMs = 0;
  for (let step = 0; step <= steps; step++) {
    const batches = stepBatches(data, plan, { epoch: 0, step: step % plan.steps }, streams, true);
    if (step === 1) timer.start(); // step 0 warms up
    const started = performance.now();
    await trainStep(components, batches);
    if (step > 0) stepMs += performance.now() - started;
  }
  timer.stop();
  disposeComponents(components);
  stepMs /= steps;
  const inKernels = [...timer.byKernel.values()].reduce((sum, t) => sum + t.exclusiveMs, 0) / steps;
  console.log(
    `${net} source-only, wasm (simd ${backend.simd}, ${backend.threads} thread), batch ${batchSize}: ` +
      `${stepMs.toFixed(0)} ms/step over ${steps} steps, ${((100 * inKernels) / stepMs).toFixed(1)} % inside kernels`,
  );
  printTop('Top kernels (`A > B`: kernel B run inside kernel A)', timer.byKernel, steps, stepMs, top);
  printTop('Top convolution calls by shape', timer.byShape, steps, stepMs, top);
}

void main();
