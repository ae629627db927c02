import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { TRAINER_RETRY_EXIT_CODE } from '../../src/cloud/stack-contract';
import { renderLocalWorkflow } from '../../workflows/local';
import { BatchJobFailedError, runLocalBatchJob } from '../../workflows/local/local-batch-job';
import { startSilentServer, type SilentServer } from '../net/silent-server';
import { tinyConfig } from '../uda/training/train-fixtures';
import { FIXTURE_HANDLERS_DIRECTORY } from './workflow-fixtures';

jest.setTimeout(120_000);

interface AttemptLine {
  readonly member: number;
  readonly attempt: number;
  readonly exitCode: number;
  readonly action: string;
}

/** The local executor's own log of each trainer attempt, as Batch would record it. */
function attemptLog(): { logger: pino.Logger; attempts: AttemptLine[]; stderr: string[] } {
  const attempts: AttemptLine[] = [];
  const stderr: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry.msg === 'trainer attempt ended') attempts.push(entry as unknown as AttemptLine);
        if (entry.msg === 'trainer output') stderr.push(String(entry.line));
      }
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), attempts, stderr };
}

/**
 * The real `deepastro-uda train` as the Batch child, run by the local executor with the synthesized job
 * definition's command, attempts and evaluateOnExit rules.
 */
describe('the trainer exit code decides whether the job definition retries it', () => {
  let silent: SilentServer;
  let folder: string;
  beforeAll(async () => {
    silent = await startSilentServer();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepastro-trainer-retry-'));
    renderLocalWorkflow(FIXTURE_HANDLERS_DIRECTORY);
  });
  afterAll(async () => {
    await silent.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const submit = (store: string) => ({
    JobName: 'train',
    JobQueue: 'local',
    JobDefinition: 'local',
    ArrayProperties: { Size: 1 },
    Parameters: { store, runId: 'retry-test' },
  });

  it('a store that stalls is a TransientError: exit 75, retried until the attempts run out, each bounded', async () => {
    const job = renderLocalWorkflow(FIXTURE_HANDLERS_DIRECTORY).trainerJob;
    const log = attemptLog();
    const started = Date.now();

    // The child's first call reads the run's config.json from the store, which never answers.
    const run = runLocalBatchJob(submit('s3://stalled-bucket/runs'), job, {
      concurrency: 1,
      logger: log.logger,
      trainer: {
        env: {
          AWS_ENDPOINT_URL: silent.url,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_EC2_METADATA_DISABLED: 'true',
          DEEPASTRO_S3_TIMEOUT_MS: '500',
          LOG_LEVEL: 'warn',
        },
      },
    });

    await expect(run).rejects.toBeInstanceOf(BatchJobFailedError);
    const seconds = (Date.now() - started) / 1000;
    console.log(`${job.attempts} attempts against the silent store ended after ${seconds.toFixed(1)} s`);
    expect(job.attempts).toBeGreaterThan(1);
    expect(log.attempts.map(({ attempt, exitCode }) => `${attempt}:${exitCode}`)).toEqual(
      Array.from({ length: job.attempts }, (_, i) => `${i + 1}:${TRAINER_RETRY_EXIT_CODE}`),
    );
    expect(log.attempts.at(-1)?.action).toBe('RETRY'); // retryable, but the attempts are spent
    const failures = log.stderr.filter((line) => line.startsWith('deepastro-uda: TransientError:'));
    expect(failures).toHaveLength(job.attempts);
    expect(failures[0]).toMatch(/TimeoutError/);
    expect(seconds).toBeLessThan(60);
  });

  it('a bad config is fatal: exit 2, one attempt, no retry', async () => {
    const job = renderLocalWorkflow(FIXTURE_HANDLERS_DIRECTORY).trainerJob;
    const store = path.join(folder, 'store');
    fs.mkdirSync(path.join(store, 'runs', 'retry-test'), { recursive: true });
    const badConfig = tinyConfig({ hyperparameters: { batchSize: 0 } });
    fs.writeFileSync(path.join(store, 'runs', 'retry-test', 'config.json'), JSON.stringify(badConfig));
    const log = attemptLog();

    const run = runLocalBatchJob(submit(store), job, {
      concurrency: 1,
      logger: log.logger,
    });

    await expect(run).rejects.toBeInstanceOf(BatchJobFailedError);
    expect(log.attempts.map(({ attempt, exitCode, action }) => `${attempt}:${exitCode}:${action}`)).toEqual([
      '1:2:EXIT',
    ]);
    expect(log.stderr.some((line) => /InvalidConfigError: .*batchSize/.test(line))).toBe(true);
  });
});
