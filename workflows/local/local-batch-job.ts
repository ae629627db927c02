import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { availableParallelism, constants as osConstants } from 'node:os';
import type { Logger } from '../../src/logger';
import {
  decodeProgressEvent,
  PROGRESS_FD_VARIABLE,
  type TrainerProgressEvent,
} from '../../src/run/progress-events';
import { REPOSITORY_ROOT } from '../lambda-handlers';
import type { BatchExitRule, RenderedWorkflow } from './render-definition';

/** How the local executor starts a trainer in place of a Batch array child. */
export interface LocalTrainerOptions {
  /**
   * The argv standing in for the image's entrypoint; the job definition's command follows it.
   * @default [node, bin/deepastro-uda.cjs, 'train']
   */
  readonly entrypoint?: readonly string[];
  /** Extra environment for every child. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Working directory of the children.
   * @default the repository root
   */
  readonly cwd?: string;
  /** Called with each progress event a trainer child reports (its epochs, its end). */
  readonly onProgress?: (event: TrainerProgressEvent) => void;
}

/** The Parameters a Batch submitJob state sends, after JSONPath. */
export interface SubmitJobRequest {
  readonly JobName: string;
  readonly JobQueue: string;
  readonly JobDefinition: string;
  readonly ArrayProperties?: { readonly Size: number };
  readonly Parameters?: Readonly<Record<string, string>>;
}

/** How one attempt of one child ended, in Batch's terms. */
interface AttemptOutcome {
  readonly exitCode: number;
  /** The container's reason, e.g. CannotPullContainerError: ...; empty for a plain exit. */
  readonly reason: string;
  readonly statusReason: string;
  /** The last lines the trainer wrote to stderr, for the failure's cause. */
  readonly stderrTail?: string;
}

/** A failed array job: Step Functions reports it as States.TaskFailed with the job as the cause. */
export class BatchJobFailedError extends Error {
  constructor(cause: string) {
    super(cause);
    this.name = 'States.TaskFailed';
  }
}

const STDERR_TAIL_LINES = 20;

/** The file descriptor a trainer child writes its progress events to: the pipe after stdin, stdout, stderr. */
const PROGRESS_FD = 3;

/**
 * Runs a submitJob.sync request as local processes: one per array child, `concurrency` at a time,
 * each retried by the job definition's own retry strategy, as Batch would. A child killed by a
 * signal from outside stands in for a reclaimed Spot host.
 */
export async function runLocalBatchJob(
  request: SubmitJobRequest,
  job: RenderedWorkflow['trainerJob'],
  options: { trainer?: LocalTrainerOptions; concurrency: number; logger: Logger },
): Promise<Record<string, unknown>> {
  const size = request.ArrayProperties?.Size ?? 1;
  const jobId = `local-${Date.now().toString(36)}`;
  const command = job.command.map((arg) => substituteParameters(arg, request.Parameters ?? {}));
  const children = Array.from({ length: size }, (_unused, index) => index);
  const results: { index: number; attempts: number; outcome: AttemptOutcome }[] = [];
  let next = 0;
  const atOnce = Math.max(1, Math.min(options.concurrency, size));
  // Children running at once share the cores (the trainer reads DEEPASTRO_UDA_THREADS).
  const threads = String(Math.max(1, Math.floor(availableParallelism() / atOnce)));
  const trainer = { ...options.trainer, env: { DEEPASTRO_UDA_THREADS: threads, ...options.trainer?.env } };
  const worker = async () => {
    while (next < children.length) {
      const index = children[next++];
      results.push(await runChild(index, jobId, command, job, { ...options, trainer }));
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  const failed = results.filter((result) => result.outcome.exitCode !== 0);
  if (failed.length > 0) {
    throw new BatchJobFailedError(
      JSON.stringify({ JobId: jobId, JobName: request.JobName, Status: 'FAILED', FailedChildren: failed }),
    );
  }
  return {
    JobId: jobId,
    JobName: request.JobName,
    Status: 'SUCCEEDED',
    ArrayProperties: { Size: size, StatusSummary: { SUCCEEDED: size, FAILED: 0 } },
  };
}

async function runChild(
  index: number,
  jobId: string,
  command: readonly string[],
  job: RenderedWorkflow['trainerJob'],
  options: { trainer?: LocalTrainerOptions; logger: Logger },
): Promise<{ index: number; attempts: number; outcome: AttemptOutcome }> {
  const entrypoint = options.trainer?.entrypoint ?? [
    process.execPath,
    path.join(REPOSITORY_ROOT, 'bin', 'deepastro-uda.cjs'),
    'train',
  ];
  for (let attempt = 1; ; attempt++) {
    const outcome = await spawnAttempt([...entrypoint, ...command], {
      cwd: options.trainer?.cwd ?? REPOSITORY_ROOT,
      env: {
        ...process.env,
        ...options.trainer?.env,
        AWS_BATCH_JOB_ID: `${jobId}:${index}`,
        AWS_BATCH_JOB_ARRAY_INDEX: String(index),
        AWS_BATCH_JOB_ATTEMPT: String(attempt),
        [PROGRESS_FD_VARIABLE]: String(PROGRESS_FD),
      },
      member: index,
      logger: options.logger,
      onProgress: options.trainer?.onProgress,
    });
    const action = outcome.exitCode === 0 ? 'DONE' : decide(job.evaluateOnExit, outcome);
    const { stderrTail: _tail, ...summary } = outcome;
    options.logger.info({ member: index, attempt, ...summary, action }, 'trainer attempt ended');
    if (action !== 'RETRY' || attempt >= job.attempts) return { index, attempts: attempt, outcome };
  }
}

/** Batch's evaluateOnExit: the first rule whose every condition matches decides; none matching retries. */
export function decide(rules: readonly BatchExitRule[], outcome: AttemptOutcome): 'RETRY' | 'EXIT' {
  const matching = rules.find(
    (rule) =>
      matches(rule.OnExitCode, String(outcome.exitCode)) &&
      matches(rule.OnReason, outcome.reason) &&
      matches(rule.OnStatusReason, outcome.statusReason),
  );
  return matching?.Action ?? 'RETRY';
}

function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function substituteParameters(arg: string, parameters: Readonly<Record<string, string>>): string {
  const match = /^Ref::(.+)$/.exec(arg);
  if (!match) return arg;
  const value = parameters[match[1]];
  if (value === undefined)
    throw new BatchJobFailedError(`The job command needs parameter ${match[1]}, not submitted`);
  return value;
}

function spawnAttempt(
  argv: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    member: number;
    logger: Logger;
    onProgress?: (event: TrainerProgressEvent) => void;
  },
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const stderrTail: string[] = [];
    const output = (keepTail: boolean) => (line: string) => {
      options.logger.debug({ member: options.member, line }, 'trainer output');
      if (!keepTail) return;
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    };
    forEachLine(child.stdout!, output(false));
    forEachLine(child.stderr!, output(true));
    forEachLine(child.stdio[PROGRESS_FD] as NodeJS.ReadableStream, (line) => {
      const event = decodeProgressEvent(line);
      if (event) options.onProgress?.(event);
    });
    child.on('error', (error) =>
      resolve({ exitCode: 127, reason: `CannotStartContainerError: ${error.message}`, statusReason: '' }),
    );
    child.on('close', (code, signal) => {
      if (signal) {
        // Killed from outside, as a reclaimed Spot host kills its containers.
        const signalNumber = osConstants.signals[signal] ?? 9;
        resolve({
          exitCode: 128 + signalNumber,
          reason: '',
          statusReason: `Host EC2 (local) terminated by ${signal}.`,
        });
        return;
      }
      resolve({
        exitCode: code ?? 1,
        reason: '',
        statusReason: 'Essential container in task exited',
        stderrTail: stderrTail.slice(-3).join(' | '),
      });
    });
  });
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  });
}
