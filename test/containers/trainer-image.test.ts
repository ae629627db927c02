import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assembleRuntimeFileSet, readDockerfileStages } from '../../containers/image-file-set';
import { trainerContainerCommand } from '../../containers/batch-job-command';
import { readCloudRunConfig } from '../../src/cloud/run-config-file';
import { runIdFor } from '../../src/run/run-id';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { type RunningS3rver, startS3rver } from '../storage/s3rver-harness';

const ROOT = path.resolve(__dirname, '../..');
const DOCKERFILES = {
  gpu: path.join(ROOT, 'containers/trainer/Dockerfile'),
  cpu: path.join(ROOT, 'containers/trainer-cpu/Dockerfile'),
};

/**
 * The production dependencies as the images' `dependencies` stage installs them (npm ci --omit=dev
 * --ignore-scripts), in a folder outside the checkout so nothing resolves into the project's own
 * node_modules. Stand-in for that stage: its `npm rebuild` of native TensorFlow downloads libtensorflow,
 * which cannot happen here, so the trainer falls back to WebAssembly as on any machine without it.
 */
function installProductionDependencies(folder: string): string {
  copyFileSync(path.join(ROOT, 'package.json'), path.join(folder, 'package.json'));
  copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(folder, 'package-lock.json'));
  execFileSync(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    {
      cwd: folder,
      stdio: 'ignore',
    },
  );
  return path.join(folder, 'node_modules');
}

function runProcess(
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the build stage of each trainer image', () => {
  it.each(Object.entries(DOCKERFILES))('%s: copies every folder `npm run build` compiles', (_name, file) => {
    const build = readDockerfileStages(file).find((stage) => stage.name === 'build');
    const copied = build?.copies.flatMap((copy) => copy.sources) ?? [];
    const buildConfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(copied).toEqual(
      expect.arrayContaining([...buildConfig.include, 'tsconfig.json', 'tsconfig.build.json']),
    );
  });
});

describe("each trainer image's own file set, run with the job definition's command against s3rver", () => {
  let s3: RunningS3rver;
  let work: string;
  let productionModules: string;

  beforeAll(async () => {
    s3 = await startS3rver('deepastro-trainer-image');
    work = mkdtempSync(path.join(os.tmpdir(), 'deepastro-image-'));
    productionModules = installProductionDependencies(mkdtempSync(path.join(work, 'dependencies-')));
  }, 300_000);
  afterAll(async () => {
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it.each(Object.entries(DOCKERFILES))(
    '%s image: array child 1 trains from a config in the bucket and writes its outputs there',
    async (name, dockerfile) => {
      const app = path.join(work, `${name}-app`);
      assembleRuntimeFileSet({
        dockerfile,
        contextDirectory: ROOT,
        outDir: app,
        stageOutputs: (stage, stagePath) => {
          if (stage === 'dependencies' && stagePath === '/app/node_modules') return productionModules;
          // The build stage runs `npm run build`; the jest global setup ran the same command here.
          if (stage === 'build' && stagePath.startsWith('/app/dist/')) {
            return path.join(ROOT, path.posix.relative('/app', stagePath));
          }
          return undefined;
        },
      });
      const store = openStore(`s3://${s3.bucket}/${name}`);
      // As in the cloud: ResolveRelease wrote the resolved config into the run before Train started.
      const config = await readCloudRunConfig(path.join(ROOT, 'containers/tiny-run-config.json'));
      const runId = runIdFor({ zenodoRecordId: '10845026' }, config);
      await store.put(runLayout.config(runId), JSON.stringify(config, null, 2));
      const command = trainerContainerCommand({ store: store.uri, runId }, 1, dockerfile);
      const [program, ...entryArgs] = command.entrypoint;
      expect(program).toBe('deepastro-uda'); // the image links it to /app/bin/deepastro-uda.cjs
      const { code, output } = await runProcess(
        [process.execPath, path.join(app, 'bin/deepastro-uda.cjs'), ...entryArgs, ...command.args],
        {
          cwd: app,
          env: {
            PATH: process.env.PATH,
            HOME: work,
            // What the job role and the region give a Batch container, here pointing at s3rver.
            AWS_ENDPOINT_URL: s3.endpoint,
            AWS_ACCESS_KEY_ID: 'S3RVER',
            AWS_SECRET_ACCESS_KEY: 'S3RVER',
            AWS_REGION: 'us-east-1',
            AWS_EC2_METADATA_DISABLED: 'true',
            ...command.environment,
          },
        },
      );
      expect({ code, tail: output.slice(-2000) }).toEqual({
        code: 0,
        tail: expect.stringContaining('member 1 trained'),
      });
      for (const key of [
        runLayout.history(runId, 1),
        runLayout.predictions(runId, 1),
        `${runLayout.modelPrefix(runId, 1)}/model.json`,
      ]) {
        expect({ key, exists: await store.exists(key) }).toEqual({ key, exists: true });
      }
    },
    300_000,
  );
});
