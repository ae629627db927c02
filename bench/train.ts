/**
 * `npm run bench:train`: training throughput and peak memory of the real training step (src/uda/training)
 * per backend, network and method (source-only vs deepastro: the cost of the adaptation losses).
 * Each case runs in its own child process, so peak RSS and the wasm heap are that case's alone.
 * Options: --steps N (measured steps after one warm-up, default 3), --backends wasm,cpu,tensorflow
 * (default: those that load of tensorflow-gpu, tensorflow, wasm), --nets resnet-mini,resnet18, --threads N
 * (wasm XNNPACK threads, default every core).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import type { MethodName } from '../src/config/run-config';
import { silentLogger } from '../src/logger';
import { selectBackend, type BackendPreference } from '../src/runtime';
import { argument } from './command-line';
import { NETS, runTrainingSteps, type NetName } from './training-step-case';

const METHODS: readonly MethodName[] = ['source-only', 'deepastro'];
const MB = 2 ** 20;

interface CaseResult {
  backend: string;
  /** wasm: XNNPACK threads. */
  threads: number;
  net: NetName;
  method: MethodName;
  batchSize: number;
  stepSeconds: number;
  /** Source + target images through forward and backward per second. */
  imagesPerSecond: number;
  peakRssMb: number;
  wasmHeapMb: number | null;
  peakTfMb: number;
  tensors: number;
}

function wasmHeapBytes(): number | null {
  const backend = tf.backend() as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.byteLength ?? null;
}

/** One case, in this (child) process: prints its CaseResult as one JSON line. */
async function runCase(
  backendName: BackendPreference,
  net: NetName,
  method: MethodName,
  steps: number,
  threads: number,
): Promise<void> {
  const backend = await selectBackend(backendName, silentLogger, { threads });
  let peakRss = 0;
  let peakTf = 0;
  let seconds = 0;
  let images = 0;
  let heap: number | null = null;
  let tensors = 0;
  await runTrainingSteps(net, method, steps, {
    afterStep: ({ step, numbers, milliseconds }) => {
      if (step > 0) {
        seconds += milliseconds / 1000;
        images += numbers.images;
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakTf = Math.max(peakTf, tf.memory().numBytes);
      if (step === steps) {
        // After the last step, before the components are disposed.
        heap = wasmHeapBytes();
        tensors = tf.memory().numTensors;
      }
    },
  });
  const { batchSize } = NETS[net];
  const result: CaseResult = {
    backend: backend.kind,
    threads: backend.threads ?? 1,
    net,
    method,
    batchSize,
    stepSeconds: seconds / steps,
    imagesPerSecond: images / seconds,
    peakRssMb: peakRss / MB,
    wasmHeapMb: heap === null ? null : heap / MB,
    peakTfMb: peakTf / MB,
    tensors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function loadableBackends(): BackendPreference[] {
  const given = argument('backends');
  if (given) return given.split(',') as BackendPreference[];
  return (['tensorflow-gpu', 'tensorflow', 'wasm'] as const).filter((name) => {
    try {
      require.resolve(
        name === 'wasm'
          ? '@tensorflow/tfjs-backend-wasm'
          : `@tensorflow/tfjs-node${name === 'tensorflow-gpu' ? '-gpu' : ''}`,
      );
      return true;
    } catch {
      return false; // not installed (optional dependency): nothing to measure
    }
  });
}

function main(): void {
  const steps = Number(argument('steps') ?? 3);
  const nets = (argument('nets')?.split(',') ?? Object.keys(NETS)) as NetName[];
  const threads = Number(argument('threads') ?? availableParallelism());
  console.log(
    `bench:train on ${cpus().length}x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${steps} measured steps after 1 warm-up, ` +
      `wasm threads ${threads}; load average at start ${loadavg()[0].toFixed(2)}`,
  );
  console.log(
    '| backend | net | method | batch | s/step | source images/s | images/s (src+tgt) | peak RSS MB | wasm heap MB | peak tf MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const backend of loadableBackends()) {
    for (const net of nets) {
      for (const method of METHODS) {
        const output = execFileSync(
          process.execPath,
          [...process.execArgv, __filename, 'case', backend, net, method, String(steps), String(threads)],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const r = JSON.parse(output.trim().split('\n').pop()!) as CaseResult;
        const heap = r.wasmHeapMb === null ? '-' : r.wasmHeapMb.toFixed(0);
        console.log(
          `| ${r.backend} | ${r.net} ${NETS[r.net].imageSize}px | ${r.method} | ${r.batchSize} | ${r.stepSeconds.toFixed(2)} | ${(r.batchSize / r.stepSeconds).toFixed(1)} | ${r.imagesPerSecond.toFixed(1)} | ${r.peakRssMb.toFixed(0)} | ${heap} | ${r.peakTfMb.toFixed(0)} |`,
        );
      }
    }
  }
}

if (process.argv[2] === 'case') {
  const [, , , backend, net, method, steps, threads] = process.argv;
  void runCase(
    backend as BackendPreference,
    net as NetName,
    method as MethodName,
    Number(steps),
    Number(threads ?? 1),
  );
} else {
  main();
}
