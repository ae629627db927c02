/**
 * `npm run bench:science`: baselines, methods and candidate best configurations on the simulated 3-class
 * (merger unknown) and 10-class (lens unknown) tasks over several seeds; writes bench/science.md.
 * Each case trains in its own child process (wasm is single-threaded), SCIENCE_PARALLEL at a time.
 * Sizes from the environment: SCIENCE_N (galaxies per domain, 3-class), SCIENCE_N_10CLASS, SCIENCE_EPOCHS,
 * SCIENCE_BATCH, SCIENCE_SEEDS (count, or a list "1,2"), SCIENCE_TASKS, SCIENCE_METHODS, SCIENCE_PARALLEL,
 * SCIENCE_OUT (the markdown path). The md is rewritten after every finished case, so a cut-short run
 * still leaves its results.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { TASKS, type TaskName } from '../src/data/tasks';
import { createLogger } from '../src/logger';
import { selectBackend } from '../src/runtime';
import { scienceMarkdown } from './science/report';
import { runScienceCase, type ScienceResult } from './science/run-case';
import {
  SCIENCE_VARIANT_NAMES,
  SCIENCE_VARIANTS,
  type ScienceCase,
  type ScienceVariantName,
} from './science/variants';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function seedsFrom(text: string): number[] {
  if (text.includes(',')) return list(text).map(Number);
  return Array.from({ length: Number(text) }, (_, i) => i + 1);
}

function plannedCases(): ScienceCase[] {
  const tasks = list(env('SCIENCE_TASKS', '3class,10class')) as TaskName[];
  const variants = list(env('SCIENCE_METHODS', SCIENCE_VARIANT_NAMES.join(','))) as ScienceVariantName[];
  for (const task of tasks) if (!(task in TASKS)) throw new Error(`SCIENCE_TASKS: unknown task ${task}`);
  for (const v of variants) if (!(v in SCIENCE_VARIANTS)) throw new Error(`SCIENCE_METHODS: unknown ${v}`);
  const seeds = seedsFrom(env('SCIENCE_SEEDS', '2'));
  const maxEpochs = Number(env('SCIENCE_EPOCHS', '12'));
  const batchSize = Number(env('SCIENCE_BATCH', '32'));
  const lr = process.env.SCIENCE_LR;
  const learningRate = lr === undefined ? {} : { learningRate: Number(lr) };
  const nFor = (task: TaskName): number =>
    Number(task === '10class' ? env('SCIENCE_N_10CLASS', '800') : env('SCIENCE_N', '500'));
  return tasks.flatMap((task) =>
    seeds.flatMap((seed) =>
      variants.map((variant) => ({
        task,
        variant,
        seed,
        sizes: { n: nFor(task), maxEpochs, batchSize, ...learningRate },
      })),
    ),
  );
}

/** Child mode: train and score one case, print its result as one JSON line. */
async function runChild(caseJson: string): Promise<void> {
  const logger = createLogger(env('LOG_LEVEL', 'warn'));
  await selectBackend('wasm', logger);
  const result = await runScienceCase(JSON.parse(caseJson) as ScienceCase, logger);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runInChild(scienceCase: ScienceCase): Promise<ScienceResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, __filename, '--case', JSON.stringify(scienceCase)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = output.trim().split('\n').pop();
      if (code !== 0 || !last) reject(new Error(`case ${JSON.stringify(scienceCase)} exited with ${code}`));
      else resolve(JSON.parse(last) as ScienceResult);
    });
  });
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, load average at start ${loadavg()[0].toFixed(1)} (shared with other agents), Node ${process.version}, tfjs wasm backend`;
}

async function main(): Promise<void> {
  const caseAt = process.argv.indexOf('--case');
  if (caseAt > 0) return runChild(process.argv[caseAt + 1]);
  const cases = plannedCases();
  const parallel = Number(env('SCIENCE_PARALLEL', '2'));
  const out = env('SCIENCE_OUT', join(__dirname, 'science.md'));
  const sizeNames = [
    ...['SCIENCE_N', 'SCIENCE_N_10CLASS', 'SCIENCE_EPOCHS', 'SCIENCE_BATCH', 'SCIENCE_LR'],
    ...['SCIENCE_SEEDS', 'SCIENCE_TASKS', 'SCIENCE_METHODS', 'SCIENCE_PARALLEL'],
  ];
  const command = [
    ...sizeNames.filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`),
    'npm run bench:science',
  ].join(' ');
  const first = cases[0];
  const sizes = `galaxies per domain ${[...new Set(cases.map((c) => `${c.task}: ${c.sizes.n}`))].join(', ')}; at most ${first?.sizes.maxEpochs} epochs, batch ${first?.sizes.batchSize}, learning rate ${first?.sizes.learningRate ?? 0.001}; seeds ${[...new Set(cases.map((c) => c.seed))].join(', ')}; ${parallel} cases in parallel`;
  const header = { machine: machine(), command, sizes, date: new Date().toISOString().slice(0, 10) };
  const started = performance.now();
  const results: ScienceResult[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const scienceCase = cases[next++];
      const label = `${scienceCase.task} ${scienceCase.variant} seed ${scienceCase.seed}`;
      try {
        const result = await runInChild(scienceCase);
        results.push(result);
        console.error(`done ${label}: H ${result.hScore?.toFixed(3)} in ${result.seconds.toFixed(0)} s`);
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
        console.error(`failed ${label}`);
      }
      const ordered = cases.flatMap((c) =>
        results.filter((r) => JSON.stringify(r.case) === JSON.stringify(c)),
      );
      const wallSeconds = (performance.now() - started) / 1000;
      const failed =
        failures.length > 0 ? `\n## Failed cases\n\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '';
      const pending = cases.length - results.length - failures.length;
      const progress =
        pending > 0 ? `\n_${pending} of ${cases.length} cases still running or not run._\n` : '';
      const markdown = scienceMarkdown({ ...header, wallSeconds }, ordered) + failed + progress;
      // Formatted as the repo's `prettier --check .` expects.
      await writeFile(out, await format(markdown, { parser: 'markdown', filepath: out }));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  console.log(`wrote ${out} (${results.length} cases, ${failures.length} failed)`);
  if (failures.length > 0) process.exitCode = 1;
}

void main();
