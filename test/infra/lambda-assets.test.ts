import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WorkflowFunctions } from '../../infra/lib/workflow-functions';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import {
  evaluationResultSchema,
  ingestResultSchema,
  releaseSchema,
  reportResultSchema,
  type PublishEvent,
} from '../../src/run/workflow-payloads';
import { LAMBDA_HANDLER_NAMES, type LambdaHandlerName } from '../../workflows/lambda-handlers';
import { writeSyntheticRun } from '../eval/report/report-fixture';
import { FakeZenodo } from '../zenodo/fake-zenodo';

/**
 * Calls the handler of a Lambda asset the way the runtime does: a plain node process in a copy of the
 * asset folder, outside the repository, so nothing resolves into the project's own node_modules or src.
 * (A stand-in for the Lambda runtime itself, which cannot run here.)
 */
const INVOKE = `
const bundle = require(process.cwd() + '/index.js');
bundle.handler(JSON.parse(process.argv[1])).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => { process.stdout.write(JSON.stringify({ errorType: error.name, errorMessage: error.message })); process.exitCode = 1; },
);
`;

function invoke(assetDir: string, event: unknown, env: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', INVOKE, JSON.stringify(event)], {
      cwd: assetDir,
      env: {
        PATH: process.env.PATH,
        HOME: os.tmpdir(),
        LOG_LEVEL: 'silent',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`no JSON result: ${stdout}${stderr.slice(-2000)}`));
      }
    });
  });
}

describe("each Lambda asset's own file set, bundled for real and invoked from a folder of its own", () => {
  let outdir: string;
  let work: string;
  const assets = {} as Record<LambdaHandlerName, string>;
  let zenodo: FakeZenodo;

  beforeAll(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepastro-assets-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'deepastro-asset-runs-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Assets');
    const { functions } = new WorkflowFunctions(stack, 'Functions', {
      dataBucket: new s3.Bucket(stack, 'Data'),
    });
    const assembly = app.synth();
    const resources = Template.fromStack(stack).toJSON().Resources;
    for (const name of LAMBDA_HANDLER_NAMES) {
      const logicalId = stack.getLogicalId(functions[name].node.defaultChild as never);
      const assetHash = String(resources[logicalId].Properties.Code.S3Key).replace(/\.zip$/, '');
      assets[name] = path.join(work, name);
      fs.cpSync(path.join(assembly.directory, `asset.${assetHash}`), assets[name], { recursive: true });
    }
    zenodo = await new FakeZenodo().start();
    zenodo.addRecord({
      id: '8',
      conceptId: '7',
      version: 'v1',
      files: [{ key: 'decals.h5', size: 4096, seed: 8 }],
    });
  }, 300_000);

  afterAll(async () => {
    await zenodo.stop();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('runs a whole run through the five handlers: resolve, ingest, evaluate, report, publish', async () => {
    const storeUri = path.join(work, 'store');
    const store = openStore(storeUri);
    const release = releaseSchema.parse(
      await invoke(assets.resolveRelease, {
        store: storeUri,
        config: {
          data: {
            source: { kind: 'simulate', survey: 'sdss', n: 20 },
            target: { kind: 'simulate', survey: 'decals', n: 20 },
          },
        },
      }),
    );
    expect(release).toMatchObject({ recordId: null, upToDate: false, members: 2 });
    expect(await store.exists(runLayout.config(release.runId))).toBe(true);

    const file = {
      recordId: '8',
      key: 'decals.h5',
      size: 4096,
      md5: zenodo.md5Of({ key: '', size: 4096, seed: 8 }),
      url: zenodo.fileUrl('8', 'decals.h5'),
    };
    // ZENODO_URL as the stack sets it: the function fetches from that host only.
    const ingested = ingestResultSchema.parse(
      await invoke(
        assets.ingestFile,
        { store: storeUri, file, zenodoUrl: zenodo.url },
        { ZENODO_URL: zenodo.url },
      ),
    );
    expect(ingested).toMatchObject({ key: 'raw/zenodo/8/decals.h5', status: 'ingested', md5: file.md5 });
    expect((await store.head('raw/zenodo/8/decals.h5'))?.size).toBe(4096);

    // What the trainers would have written, then the fan-out.
    await writeSyntheticRun(store, release.runId, { nSource: 40, nTarget: 60 });
    const member = evaluationResultSchema.parse(
      await invoke(assets.evaluate, { runId: release.runId, store: storeUri, member: 0 }),
    );
    const ensemble = evaluationResultSchema.parse(
      await invoke(assets.evaluate, { runId: release.runId, store: storeUri, member: 'ensemble' }),
    );
    expect(ensemble.hScore).toEqual(expect.any(Number));
    const report = reportResultSchema.parse(
      await invoke(assets.anomalyReport, { runId: release.runId, store: storeUri }),
    );
    expect(await store.exists(`${runLayout.reportPrefix(release.runId)}/index.html`)).toBe(true);
    expect(await store.exists(`${runLayout.reportPrefix(release.runId)}/anomalies.csv`)).toBe(true);

    const publishEvent: PublishEvent = {
      release,
      ingested: [ingested],
      training: { jobId: 'local', jobName: `deepastro-${release.runId}`, status: 'SUCCEEDED' },
      evaluation: { members: [member], ensemble },
      report,
      execution: { name: release.runId, startTime: new Date(0).toISOString() },
    };
    expect(await invoke(assets.publish, publishEvent)).toMatchObject({ runId: release.runId });
    const summary = JSON.parse(await store.getText(runLayout.summary(release.runId)));
    expect(summary).toMatchObject({ runId: release.runId, report: { reportUri: report.reportUri } });
  }, 300_000);

  it('maps a bad event to the typed error name the workflow matches', async () => {
    expect(await invoke(assets.evaluate, { runId: '../escape', store: work })).toMatchObject({
      errorType: 'InvalidConfigError',
      errorMessage: expect.stringMatching(/^evaluate event: runId: /),
    });
  });
});
