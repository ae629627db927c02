import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { runDemo } from '../../workflows/local/demo';
import { startS3rver, type RunningS3rver } from '../storage/s3rver-harness';

/**
 * The whole local workflow with nothing injected: the synthesized state machine, the real handlers,
 * real trainer child processes (WebAssembly backend), against s3rver, at tiny sizes.
 */
describe('the demo workflow against s3rver', () => {
  let s3: RunningS3rver;
  beforeAll(async () => (s3 = await startS3rver('deepastro-demo-test')));
  afterAll(async () => s3.stop());

  it('simulates, trains the method and its source-only baseline, evaluates, reports and publishes', async () => {
    const store = `s3://${s3.bucket}/demo`;
    const stages: string[] = [];
    const result = await runDemo({
      ...{ store, galaxies: 60, imageSize: 16, maxEpochs: 1, concurrency: 2 },
      onStage: (message) => stages.push(message),
    });
    expect(stages).toHaveLength(2);
    expect(result.upToDate).toBe(false);
    expect(result.ensemble.metrics).toMatchObject({ role: 'adapted', method: 'deepastro' });
    expect(result.ensemble.baselines).toMatchObject([{ role: 'baseline', method: 'source-only' }]);
    expect(result.ensemble.metrics.counts.target).toBe(60);
    expect(result.reportLocation).toBe(`${store}/${runLayout.reportPrefix(result.runId)}/index.html`);
    const bucket = openStore(store);
    for (const key of [
      runLayout.summary(result.runId),
      runLayout.predictions(result.runId, 0),
      runLayout.predictions(result.runId, 1),
      `${runLayout.reportPrefix(result.runId)}/anomalies.csv`,
    ]) {
      expect(await bucket.exists(key)).toBe(true);
    }
    const html = await bucket.getText(`${runLayout.reportPrefix(result.runId)}/index.html`);
    expect(html).not.toContain('target images are unknown');

    const again = await runDemo({ store, galaxies: 60, imageSize: 16, maxEpochs: 1 });
    expect(again).toMatchObject({ runId: result.runId, upToDate: true });
  }, 300_000);
});
