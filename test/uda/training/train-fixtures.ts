import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunConfigInput } from '../../../src/config/run-config';
import type { EpochRecord, TrainingHistory } from '../../../src/uda/training';

/** A training run small enough for a test: 16 px, resnet-mini, batch 16, 4 steps per epoch. */
export function tinyConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    task: '3class',
    data: {
      source: { kind: 'simulate', survey: 'sdss', n: 120 },
      target: { kind: 'simulate', survey: 'decals', n: 64 },
      validationFraction: 0.2,
      testFraction: 0.2,
    },
    model: { architecture: 'resnet-mini', imageSize: 16 },
    method: 'deepastro',
    hyperparameters: { batchSize: 16, maxEpochs: 3 },
    seed: 11,
    backend: 'wasm',
    ...overrides,
  };
}

export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'deepastro-train-test-'));
}

/** Writes a config file into `folder` and returns its path. */
export function writeConfig(folder: string, config: unknown, name = 'config.json'): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

export interface TrainProcess {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const CLI = resolve(__dirname, '../../../bin/deepastro-uda.cjs');

/**
 * Runs `deepastro-uda train` in a child process. `onLogLine` sees each stderr line (pino JSON) with
 * the child, e.g. to kill it at a chosen step.
 */
export function runTrainCommand(
  args: readonly string[],
  onLogLine?: (line: Record<string, unknown>, child: ReturnType<typeof spawn>) => void,
): Promise<TrainProcess> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'train', ...args], {
      env: { ...process.env, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = parseJsonLine(line);
        if (parsed && onLogLine) onLogLine(parsed, child);
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined; // a line that is not pino's (e.g. a library banner) carries nothing to act on
  }
}

/** A history without the fields a resume may legitimately change: wall-clock timing. */
export function withoutTiming(history: TrainingHistory): unknown {
  const strip = ({ seconds: _s, imagesPerSecond: _i, ...rest }: EpochRecord) => rest;
  return { ...history, epochs: history.epochs.map(strip) };
}
