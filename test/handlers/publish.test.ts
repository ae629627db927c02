import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handler } from '../../src/handlers/publish';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import type { PublishEvent } from '../../src/run/workflow-payloads';

process.env.LOG_LEVEL = 'silent';

describe('publish handler', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'publish-handler-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  function publishEvent(ingested: unknown[]): PublishEvent {
    const runId = '8-0123456789abcdef';
    const evaluation = { runId, member: null, evalUris: [], hScore: 0.5, baselineHScore: 0.4 };
    return {
      release: {
        runId,
        store: root,
        recordId: '8',
        conceptRecordId: null,
        version: '1',
        upToDate: false,
        members: 1,
        files: [],
        zenodoUrl: 'http://127.0.0.1:1/api',
      },
      ingested: ingested as PublishEvent['ingested'],
      training: { jobId: 'local', jobName: `deepastro-${runId}`, status: 'SUCCEEDED' },
      evaluation: { members: [], ensemble: evaluation },
      report: { runId, reportUri: `${root}/report/index.html`, notes: [] },
      execution: { name: runId, startTime: new Date(0).toISOString() },
    };
  }

  it('writes the ingest results into the run summary', async () => {
    const item = { key: 'raw/zenodo/8/a.h5', uri: 'file:///x', size: 4, md5: 'ab', status: 'skipped' };
    const result = await handler(publishEvent([item]));
    const summary = JSON.parse(await openStore(root).getText(runLayout.summary(result.runId)));
    expect(summary.ingested).toEqual([item]);
  });

  it('refuses an ingest result without its md5, naming the field, and publishes nothing', async () => {
    const item = { key: 'raw/zenodo/8/a.h5', uri: 'file:///x', size: 4, status: 'ingested' };
    await expect(handler(publishEvent([item]))).rejects.toMatchObject({
      name: 'InvalidConfigError',
      message: expect.stringContaining('ingested.0.md5'),
    });
    expect(await openStore(root).exists(runLayout.summary('8-0123456789abcdef'))).toBe(false);
  });
});
