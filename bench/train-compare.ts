/**
 * `npm run bench:train:compare`: our training images/s (wasm, the source-only step of
 * src/uda/training via bench/train.ts) against the PyTorch reference of bench/reference/train_step.py
 * at the same thread count (OpenMP waiting passively), in interleaved rounds on the same machine, each
 * side first in alternate rounds; medians over rounds. Counts source images per second. Prints the
 * 1-minute load average beside every measurement, and the cores other processes used while it ran
 * (neighbour-cpu.ts: the load average counts the measurement's own threads, so a 2-thread case on 2
 * cores is a load of 2 by itself); reports no ratio for a row where other processes took more than
 * MAX_NEIGHBOUR_CORES (or, without /proc, where the load exceeded MAX_LOAD): they then decide it more
 * than either side does.
 * Installs Debian's python3-torch with apt when /usr/bin/python3 cannot import torch.
 * Options: --rounds R (default 3), --nets resnet-mini,resnet18, --threads 1,2 (default: 1 and every
 * core), --steps N (our measured steps per run; default 5 for resnet-mini, 2 for resnet18).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { argument } from './command-line';
import { cpuSnapshot, neighbourCores } from './train-compare/neighbour-cpu';
import { runOurs } from './train-compare/ours';
import { ensureTorch, ReferenceUnavailableError, runReference } from './train-compare/pytorch-reference';

const NETS = {
  'resnet-mini': { label: 'resnet-mini 32px, batch 64', steps: 5 },
  resnet18: { label: 'resnet18 64px, batch 32', steps: 2 },
} as const;
type NetName = keyof typeof NETS;
type Side = 'ours' | 'pytorch';

/** Above this many cores taken by other processes a ratio says more about them than about either side. */
const MAX_NEIGHBOUR_CORES = 0.25;
/** Where other processes' CPU cannot be read: above this 1-minute load average. */
const MAX_LOAD = 1.5;

interface Sample {
  readonly rate: number;
  readonly load: number;
  /** Cores other processes used during the measurement; undefined without /proc. */
  readonly neighbours?: number;
}

/** Why a sample's neighbours decide it, or undefined when they do not. */
function disturbance(sample: Sample): string | undefined {
  if (sample.neighbours !== undefined) {
    return sample.neighbours > MAX_NEIGHBOUR_CORES
      ? `other processes took ${sample.neighbours.toFixed(2)} cores (> ${MAX_NEIGHBOUR_CORES})`
      : undefined;
  }
  return sample.load > MAX_LOAD ? `load reached ${sample.load.toFixed(2)} (> ${MAX_LOAD})` : undefined;
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
          const before = cpuSnapshot();
          const rate = measure(side, net, threads, steps ?? NETS[net].steps);
          const after = cpuSnapshot();
          const load = loadavg()[0];
          const neighbours = before && after ? neighbourCores(before, after) : undefined;
          const key = `${net}/${threads}/${side}`;
          samples.set(key, [...(samples.get(key) ?? []), { rate, load, neighbours }]);
          const others = neighbours === undefined ? '' : `, other processes ${neighbours.toFixed(2)} cores`;
          console.error(
            `round ${round + 1}/${rounds} ${net} ${side} ${threads} thread(s): ${rate.toFixed(1)} images/s (load ${load.toFixed(2)}${others})`,
          );
        }
      }
    }
  }
  return samples;
}

function ratioCell(ours: number, pytorch: number, samples: readonly Sample[]): string {
  const reason = samples.map(disturbance).find((r) => r !== undefined);
  return reason === undefined ? (ours / pytorch).toFixed(3) : `not reported: ${reason}`;
}

/** "0.01-0.12" of the samples' neighbour cores, or "-" without /proc. */
function neighbourRange(samples: readonly Sample[]): string {
  const cores = samples.flatMap((s) => (s.neighbours === undefined ? [] : [s.neighbours]));
  return cores.length === 0 ? '-' : `${Math.min(...cores).toFixed(2)}-${Math.max(...cores).toFixed(2)}`;
}

function printTable(nets: NetName[], threadCounts: number[], samples: Map<string, Sample[]>): void {
  console.log(
    '| net | threads | ours, wasm (source images/s) | PyTorch | ours / PyTorch | load average (min-max) | other processes, cores (min-max) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const net of nets) {
    for (const threads of threadCounts) {
      const ours = samples.get(`${net}/${threads}/ours`)!;
      const pytorch = samples.get(`${net}/${threads}/pytorch`)!;
      const loads = [...ours, ...pytorch].map((s) => s.load);
      const [oursRate, pytorchRate] = [ours, pytorch].map((side) => median(side.map((s) => s.rate)));
      const [low, high] = [Math.min(...loads), Math.max(...loads)];
      console.log(
        `| ${NETS[net].label} | ${threads} | ${oursRate.toFixed(1)} | ${pytorchRate.toFixed(1)} | ${ratioCell(oursRate, pytorchRate, [...ours, ...pytorch])} | ${low.toFixed(2)}-${high.toFixed(2)} | ${neighbourRange([...ours, ...pytorch])} |`,
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
  const disturbed = [...samples.values()]
    .flat()
    .map(disturbance)
    .filter((r) => r !== undefined);
  if (disturbed.length > 0) {
    console.log(
      `\n${disturbed.length} measurement(s) disturbed (e.g. ${disturbed[0]}): their rows report no ratio; rerun on a quiet machine.`,
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
