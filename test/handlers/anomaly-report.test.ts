import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handler } from '../../src/handlers/anomaly-report';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { writeSyntheticRun } from '../eval/report/report-fixture';

process.env.LOG_LEVEL = 'silent';

describe('anomaly-report handler', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-handler-'));
    await writeSyntheticRun(openStore(root), 'run-1', { nSource: 60, nTarget: 120 });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes the report and says why there are no thumbnails when the run has no config', async () => {
    const response = await handler({ runId: 'run-1', store: root });
    expect(response.reportUri).toBe(openStore(root).uriOf('runs/run-1/report/index.html'));
    expect(response.notes).toEqual([expect.stringMatching(/config.json is missing/)]);
    expect(await openStore(root).exists(runLayout.reportPrefix('run-1') + '/anomalies.csv')).toBe(true);
  });

  it('still writes the report, saying why, when config.json is not a run config', async () => {
    await openStore(root).put(runLayout.config('run-1'), '{"target": {"uri": 3}}');
    const response = await handler({ runId: 'run-1', store: root });
    expect(response.notes).toEqual([expect.stringMatching(/not a usable run config/)]);
  });

  it('maps a bad event to InvalidConfigError and a run without predictions to NotFoundError', async () => {
    await expect(handler({ runId: 'run-1' })).rejects.toMatchObject({ name: 'InvalidConfigError' });
    await expect(handler({ runId: 'no-such-run', store: root })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('handler bundles', () => {
  it.each(['evaluate', 'anomaly-report'])(
    '%s bundles with esbuild, small and without TensorFlow.js',
    async (name) => {
      const result = await build({
        entryPoints: [path.join(__dirname, '../../src/handlers', `${name}.ts`)],
        bundle: true,
        platform: 'node',
        target: 'node20',
        minify: true,
        write: false,
        metafile: true,
        external: ['sharp'],
        logLevel: 'silent',
      });
      const bytes = result.outputFiles[0].contents.length;
      const inputs = Object.keys(result.metafile.inputs);
      console.log(
        `bundle ${name}: ${(bytes / 1024 / 1024).toFixed(2)} MiB minified (sharp external), ${inputs.length} inputs`,
      );
      expect(inputs.filter((file) => file.includes('@tensorflow'))).toEqual([]);
      expect(bytes).toBeLessThan(12 * 1024 * 1024);
    },
  );
});
