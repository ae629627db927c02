/**
 * `npm run bench:train:compare`: our training images/s (wasm, the source-only step of
 * src/uda/training via bench/train.ts) against the PyTorch reference of bench/reference/train_step.py
 * (2 threads, and 1 thread for scale; OpenMP waiting passively), in interleaved rounds on the same
 * machine, each side first in alternate rounds; medians over rounds. Counts source images per second.
 * Installs Debian's python3-torch with apt when /usr/bin/python3 cannot import torch.
 * Options: --rounds R (default 3), --nets resnet-mini,resnet18, --steps N (our measured steps per run;
 * default 5 for resnet-mini, 2 for resnet18).
 */
import { cpus, loadavg } from 'node:os';
import { argument } from './command-line';
import { runOurs } from './train-compare/ours';
import { ensureTorch, ReferenceUnavailableError, runReference } from './train-compare/pytorch-reference';

const NETS = {
  'resnet-mini': { label: 'resnet-mini 32px, batch 64', steps: 5 },
  resnet18: { label: 'resnet18 64px, batch 32', steps: 2 },
} as const;
type NetName = keyof typeof NETS;
type Side = 'ours' | 'pytorch2' | 'pytorch1';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(side: Side, net: NetName, steps: number): number {
  if (side === 'ours') return runOurs(net, steps).sourceImagesPerSecond;
  return runReference(net, side === 'pytorch2' ? 2 : 1).sourceImagesPerSecond;
}

/** Alternates which side goes first each round, so load from other processes falls on both alike. */
function measureRounds(nets: NetName[], rounds: number, steps?: number): Map<string, number[]> {
  const samples = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const net of nets) {
      const sides: Side[] =
        round % 2 === 0 ? ['ours', 'pytorch2', 'pytorch1'] : ['pytorch1', 'pytorch2', 'ours'];
      for (const side of sides) {
        const rate = measure(side, net, steps ?? NETS[net].steps);
        const key = `${net}/${side}`;
        samples.set(key, [...(samples.get(key) ?? []), rate]);
        console.error(
          `round ${round + 1}/${rounds} ${key}: ${rate.toFixed(1)} images/s (load ${loadavg()[0].toFixed(1)})`,
        );
      }
    }
  }
  return samples;
}

function main(): void {
  const rounds = Number(argument('rounds') ?? 3);
  const nets = (argument('nets')?.split(',') ?? Object.keys(NETS)) as NetName[];
  const steps = argument('steps') === undefined ? undefined : Number(argument('steps'));
  const torch = ensureTorch((line) => console.error(line));
  console.log(
    `bench:train:compare on ${cpus().length}x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ` +
      `PyTorch ${torch}; ${rounds} interleaved rounds, medians; load average at start ${loadavg()[0].toFixed(1)}`,
  );
  const samples = measureRounds(nets, rounds, steps);
  console.log(
    '| net | ours, wasm 1 thread (source images/s) | PyTorch 2 threads | ours / PyTorch 2 threads | PyTorch 1 thread | ours / PyTorch 1 thread |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const net of nets) {
    const [ours, pytorch2, pytorch1] = (['ours', 'pytorch2', 'pytorch1'] as const).map((side) =>
      median(samples.get(`${net}/${side}`)!),
    );
    console.log(
      `| ${NETS[net].label} | ${ours.toFixed(1)} | ${pytorch2.toFixed(1)} | ${(ours / pytorch2).toFixed(3)} | ${pytorch1.toFixed(1)} | ${(ours / pytorch1).toFixed(3)} |`,
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
