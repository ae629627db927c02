/**
 * `npm run bench:train:compare`: our training images/s (wasm, the source-only step of
 * src/uda/training via bench/train.ts) against the PyTorch reference of bench/reference/train_step.py
 * at the same thread count (OpenMP waiting passively), in interleaved rounds on the same machine, each
 * side first in alternate rounds; medians over rounds. Counts source images per second. Prints the
 * 1-minute load average beside every measurement and reports no ratio for a row measured at a load
 * above MAX_LOAD: other processes then decide it more than either side does.
 * Installs Debian's python3-torch with apt when /usr/bin/python3 cannot import torch.
 * Options: --rounds R (default 3), --nets resnet-mini,resnet18, --threads 1,2 (default: 1 and every
 * core), --steps N (our measured steps per run; default 5 for resnet-mini, 2 for resnet18).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { argument } from './command-line';
import { runOurs } from './train-compare/ours';
import { ensureTorch, ReferenceUnavailableError, runReference } from './train-compare/pytorch-reference';

const NETS = {
  'resnet-mini': { label: 'resnet-mini 32px, batch 64', steps: 5 },
  resnet18: { label: 'resnet18 64px, batch 32', steps: 2 },
} as const;
type NetName = keyof typeof NETS;
type Side = 'ours' | 'pytorch';

/** Above this 1-minute load average a ratio says more about the neighbours than about either side. */
const MAX_LOAD = 1.5;

interface Sample {
  readonly rate: number;
  readonly load: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(side: Side, net: NetName, threads: number, steps: number): number {
  if (side === 'ours') return runOurs(net, steps, threads).sourceImagesPerSecond;
  return runReference(net, threads).sourceImagesPerSecond;
}

/** Alternates which side goes first each round, so load from other processes falls on both alike. */
function measureRounds(
  nets: NetName[],
  threadCounts: number[],
  rounds: number,
  steps?: number,
): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < rounds; round++) {
    for (const net of nets) {
      for (const threads of threadCounts) {
        const sides: Side[] = round % 2 === 0 ? ['ours', 'pytorch'] : ['pytorch', 'ours'];
        for (const side of sides) {
          const rate = measure(side, net, threads, steps ?? NETS[net].steps);
          const load = loadavg()[0];
          const key = `${net}/${threads}/${side}`;
          samples.set(key, [...(samples.get(key) ?? []), { rate, load }]);
          console.error(
            `round ${round + 1}/${rounds} ${net} ${side} ${threads} thread(s): ${rate.toFixed(1)} images/s (load ${load.toFixed(2)})`,
          );
        }
      }
    }
  }
  return samples;
}

function ratioCell(ours: number, pytorch: number, maxLoad: number): string {
  if (maxLoad > MAX_LOAD) return `not reported: load reached ${maxLoad.toFixed(2)} (> ${MAX_LOAD})`;
  return (ours / pytorch).toFixed(3);
}

function printTable(nets: NetName[], threadCounts: number[], samples: Map<string, Sample[]>): void {
  console.log(
    '| net | threads | ours, wasm (source images/s) | PyTorch | ours / PyTorch | load average (min-max) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const net of nets) {
    for (const threads of threadCounts) {
      const ours = samples.get(`${net}/${threads}/ours`)!;
      const pytorch = samples.get(`${net}/${threads}/pytorch`)!;
      const loads = [...ours, ...pytorch].map((s) => s.load);
      const [oursRate, pytorchRate] = [ours, pytorch].map((side) => median(side.map((s) => s.rate)));
      const [low, high] = [Math.min(...loads), Math.max(...loads)];
      console.log(
        `| ${NETS[net].label} | ${threads} | ${oursRate.toFixed(1)} | ${pytorchRate.toFixed(1)} | ${ratioCell(oursRate, pytorchRate, high)} | ${low.toFixed(2)}-${high.toFixed(2)} |`,
      );
    }
  }
}

function main(): void {
  const rounds = Number(argument('rounds') ?? 3);
  const nets = (argument('nets')?.split(',') ?? Object.keys(NETS)) as NetName[];
  const cores = availableParallelism();
  const threadCounts = argument('threads')?.split(',').map(Number) ?? [...new Set([1, cores])];
  const steps = argument('steps') === undefined ? undefined : Number(argument('steps'));
  const torch = ensureTorch((line) => console.error(line));
  console.log(
    `bench:train:compare on ${cpus().length}x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ` +
      `PyTorch ${torch}; ${rounds} interleaved rounds, medians; load average at start ${loadavg()[0].toFixed(2)}`,
  );
  const samples = measureRounds(nets, threadCounts, rounds, steps);
  printTable(nets, threadCounts, samples);
  const worst = Math.max(...[...samples.values()].flat().map((s) => s.load));
  if (worst > MAX_LOAD) {
    console.log(
      `\nThe load average reached ${worst.toFixed(2)} (above ${MAX_LOAD}): rows measured above it report no ratio; rerun on a quiet machine.`,
    );
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof ReferenceUnavailableError)) throw error;
  console.error(`bench:train:compare: ${error.message}`);
  process.exitCode = 1;
}
