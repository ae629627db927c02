/**
 * `npm run bench:science [-- options]`: the adapted default against source-only (and any other
 * variant) over survey pairs, seeds and both simulated tasks, plus the half-light-radius regression
 * head per pair; writes bench/science.md. Options (bench/science/options.ts): --quick, --pairs,
 * --seeds, --tasks, --variants, --n, --n-10class, --n-regression, --epochs, --batch, --lr, --parallel,
 * --out, --keep. Each case trains in its own child process (wasm is single-threaded), --parallel at a time.
 * The md is rewritten after every finished case, so a cut-short run still leaves its results.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { createLogger } from '../src/logger';
import { selectBackend } from '../src/runtime';
import { withGalaxy10Files } from './science/galaxy10-data';
import { parseScienceOptions, plannedCases, type ScienceOptions } from './science/options';
import { scienceMarkdown } from './science/report';
import { runScienceCase, type CaseResult } from './science/run-case';
import type { ScienceCase } from './science/variants';

/** Child mode: train and score one case, print its result as one JSON line. */
async function runChild(caseJson: string, keep: string | undefined): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  await selectBackend('wasm', logger);
  const result = await runScienceCase(JSON.parse(caseJson) as ScienceCase, logger, keep);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runInChild(scienceCase: ScienceCase, keep: string | undefined): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--case',
        JSON.stringify(scienceCase),
        ...(keep !== undefined ? ['--keep', keep] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = output.trim().split('\n').pop();
      if (code !== 0 || !last) reject(new Error(`exited with ${code}`));
      else resolve(JSON.parse(last) as CaseResult);
    });
  });
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, load average at start ${loadavg()[0].toFixed(1)} (shared with other agents), Node ${process.version}, tfjs wasm backend`;
}

function sizesLine(options: ScienceOptions): string {
  const perTask = [
    ...options.tasks.map((task) => `${task} ${options.n[task]}`),
    `regression ${options.regressionN}`,
  ].join(', ');
  return `pairs ${options.pairs.map((p) => p.name).join(', ')}; galaxies per domain ${perTask}; at most ${options.maxEpochs} epochs, batch ${options.batchSize}, learning rate ${options.learningRate ?? 'default'}; seeds ${options.seeds.join(', ')}; ${options.parallel} cases in parallel`;
}

const label = (c: ScienceCase): string =>
  `${c.pair.name} ${c.kind === 'regression' ? 'regression' : c.task} ${c.variant} seed ${c.seed}`;

async function runAll(options: ScienceOptions, cases: readonly ScienceCase[], out: string): Promise<number> {
  const command = `npm run bench:science${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const header = {
    machine: machine(),
    command,
    sizes: sizesLine(options),
    date: new Date().toISOString().slice(0, 10),
  };
  const started = performance.now();
  const results = new Map<ScienceCase, CaseResult>();
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const scienceCase = cases[next++];
      try {
        const result = await runInChild(scienceCase, options.keep);
        results.set(scienceCase, result);
        const shown =
          result.case.kind === 'regression'
            ? `target MAE ${(result as { target: { mae: number } }).target.mae?.toFixed(3)}`
            : `H ${(result as { hScore: number | null }).hScore?.toFixed(3)}`;
        console.error(`done ${label(scienceCase)}: ${shown} in ${result.seconds.toFixed(0)} s`);
      } catch (error) {
        failures.push(`${label(scienceCase)}: ${(error as Error).message}`);
        console.error(`failed ${label(scienceCase)}`);
      }
      const ordered = cases.flatMap((c) => results.get(c) ?? []);
      const wallSeconds = (performance.now() - started) / 1000;
      const failed =
        failures.length > 0 ? `\n## Failed cases\n\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '';
      const pending = cases.length - results.size - failures.length;
      const progress =
        pending > 0 ? `\n_${pending} of ${cases.length} cases still running or not run._\n` : '';
      const markdown = scienceMarkdown({ ...header, wallSeconds }, ordered) + failed + progress;
      // Formatted as the repo's `prettier --check .` expects.
      await writeFile(out, await format(markdown, { parser: 'markdown', filepath: out }));
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  console.log(
    `wrote ${out} (${results.size} cases, ${failures.length} failed, ${((performance.now() - started) / 60000).toFixed(1)} min)`,
  );
  return failures.length;
}

async function main(): Promise<void> {
  const caseAt = process.argv.indexOf('--case');
  const keepAt = process.argv.indexOf('--keep');
  if (caseAt > 0)
    return runChild(process.argv[caseAt + 1], keepAt > 0 ? process.argv[keepAt + 1] : undefined);
  let options: ScienceOptions;
  try {
    options = parseScienceOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const out = options.out ?? join(__dirname, options.quick ? 'science-quick.md' : 'science.md');
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-science-files-'));
  try {
    const cases = await withGalaxy10Files(plannedCases(options), folder);
    console.error(`${cases.length} cases`);
    if ((await runAll(options, cases, out)) > 0) process.exitCode = 1;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

void main();
