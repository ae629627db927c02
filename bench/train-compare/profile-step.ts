/**
 * Where a wasm training step's time goes: `npx tsx bench/train-compare/profile-step.ts --net resnet-mini
 * [--steps 3] [--top 15] [--threads 1] [--without DeepAstroNesterovUpdate,...]` (--without: those of our
 * wasm kernels put back to tfjs's own, to measure one kernel before and after). Builds the same source-only step as bench/train.ts (simulated data,
 * createComponents, trainStep), times every wasm kernel by wrapping it (KernelTimer), and prints the
 * top kernels by exclusive time as a share of the step's wall time, then the top convolution shapes.
 */
import { loadavg } from 'node:os';
import { silentLogger } from '../../src/logger';
import { restoreShippedWasmKernels, selectBackend } from '../../src/runtime';
import { argument } from '../command-line';
import { NETS, runTrainingSteps, type NetName } from '../training-step-case';
import { KernelTimer, type KernelTiming } from './kernel-timer';

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
  const net = (argument('net') ?? 'resnet-mini') as NetName;
  const steps = Number(argument('steps') ?? 3);
  const top = Number(argument('top') ?? 15);
  const threads = Number(argument('threads') ?? 1);
  const backend = await selectBackend('wasm', silentLogger, { threads });
  const without = argument('without')?.split(',');
  if (without) restoreShippedWasmKernels(without); // to measure before/after one of our kernels
  const timer = new KernelTimer();
  timer.install(backend.name);
  const { batchSize } = NETS[net];
  let stepMs = 0;
  await runTrainingSteps(net, 'source-only', steps, {
    beforeStep: (step) => {
      if (step === 1) timer.start(); // step 0 warms up
    },
    afterStep: ({ step, milliseconds }) => {
      if (step > 0) stepMs += milliseconds;
      if (step === steps) timer.stop();
    },
  });
  stepMs /= steps;
  const inKernels = [...timer.byKernel.values()].reduce((sum, t) => sum + t.exclusiveMs, 0) / steps;
  console.log(
    `${net} source-only, wasm (simd ${backend.simd}, ${backend.threads} thread), batch ${batchSize}: ` +
      `${stepMs.toFixed(0)} ms/step over ${steps} steps, ${((100 * inKernels) / stepMs).toFixed(1)} % inside kernels` +
      `${without ? `, without our ${without.join(', ')}` : ''}; load average ${loadavg()[0].toFixed(2)}`,
  );
  printTop('Top kernels (`A > B`: kernel B run inside kernel A)', timer.byKernel, steps, stepMs, top);
  printTop('Top convolution calls by shape', timer.byShape, steps, stepMs, top);
}

void main();
