import { spawn } from 'node:child_process';
import path from 'node:path';
import { trainerContainerCommand, readDockerfile } from '../../containers/batch-job-command';
import { readCloudRunConfig } from '../../src/cloud/run-config-file';
import { runIdFor } from '../../src/zenodo/run-id';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/storage/run-layout';
import { type RunningS3rver, startS3rver } from '../storage/s3rver-harness';

const ROOT = path.resolve(__dirname, '../..');
const GPU_DOCKERFILE = path.join(ROOT, 'containers/trainer/Dockerfile');
const CPU_DOCKERFILE = path.join(ROOT, 'containers/trainer-cpu/Dockerfile');

/** The image puts bin/deepastro-uda.cjs on PATH as `deepastro-uda`; here it runs from the checkout. */
function asLocalProcess(entrypoint: readonly string[]): string[] {
  const [program, ...rest] = entrypoint;
  if (program !== 'deepastro-uda') throw new Error(`unexpected ENTRYPOINT program ${program}`);
  return [process.execPath, path.join(ROOT, 'bin/deepastro-uda.cjs'), ...rest];
}

function runProcess(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the trainer container command line', () => {
  it('is `deepastro-uda train` with the same environment in the GPU and the CPU image', () => {
    expect(readDockerfile(GPU_DOCKERFILE).entrypoint).toEqual(['deepastro-uda', 'train']);
    expect(readDockerfile(CPU_DOCKERFILE)).toEqual(readDockerfile(GPU_DOCKERFILE));
  });

  it("takes every parameter the Train state sends and passes the job definition's flags", () => {
    const command = trainerContainerCommand({ configUri: 'c', store: 's', runId: 'r' }, 2);
    expect(command.args).toEqual(['--config', 'c', '--store', 's', '--run-id', 'r']);
    expect(command.environment).toMatchObject({ AWS_BATCH_JOB_ARRAY_INDEX: '2', LOG_LEVEL: 'info' });
  });
});

describe('the trainer container command line, run as a plain process against s3rver', () => {
  let s3: RunningS3rver;
  beforeAll(async () => (s3 = await startS3rver('deepastro-trainer-contract')));
  afterAll(async () => s3.stop());

  it('trains array child 1 of a run whose config lies in the bucket, and writes its outputs there', async () => {
    const store = openStore(`s3://${s3.bucket}`);
    // As in the cloud: `cloud start` resolves the config, ResolveRelease writes it to the run and passes
    // its key to the Train state.
    const config = await readCloudRunConfig(path.join(ROOT, 'containers/tiny-run-config.json'));
    const runId = runIdFor('10845026', config);
    await store.put(runLayout.config(runId), JSON.stringify(config, null, 2));
    const command = trainerContainerCommand(
      { configUri: store.uriOf(runLayout.config(runId)), store: store.uri, runId },
      1,
      GPU_DOCKERFILE,
    );
    const { code, output } = await runProcess([...asLocalProcess(command.entrypoint), ...command.args], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: process.env.NODE_OPTIONS,
      // What the job role and the region give a Batch container, here pointing at s3rver.
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      ...command.environment,
    });
    expect({ code, tail: output.slice(-2000) }).toEqual({
      code: 0,
      tail: expect.stringContaining('member 1 trained'),
    });
    for (const key of [
      runLayout.history(runId, 1),
      runLayout.predictions(runId, 1),
      `${runLayout.modelPrefix(runId, 1)}/model.json`,
    ]) {
      expect(await store.exists(key)).toBe(true);
    }
    expect(await store.exists(runLayout.history(runId, 0))).toBe(false);
  }, 180_000);
});
