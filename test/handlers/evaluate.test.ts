import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePredictions } from '../../src/eval/prediction-file';
import { handler } from '../../src/handlers/evaluate';
import { toWorkflowError } from '../../src/handlers/error-mapping';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { syntheticPredictionSet } from '../eval/synthetic-predictions';
import { z } from 'zod';

process.env.LOG_LEVEL = 'silent';

describe('evaluate handler', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'evaluate-handler-'));
    const store = openStore(root);
    const task = { sourceClasses: ['a', 'b'], targetClasses: ['a', 'b', 'x'], nSource: 60, nTarget: 80 };
    await store.put(
      runLayout.predictions('run-1', '0'),
      encodePredictions(syntheticPredictionSet({ ...task, seed: 1 })),
    );
    await store.put(
      runLayout.predictions('run-1', '1'),
      encodePredictions(syntheticPredictionSet({ ...task, seed: 1, memberSeed: 1 })),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('evaluates one member given as the Map index number, and returns URIs only', async () => {
    const response = await handler({ runId: 'run-1', store: root, member: 1 });
    expect(response).toEqual({
      runId: 'run-1',
      member: '1',
      evalUris: [openStore(root).uriOf('runs/run-1/eval/1.json')],
      hScore: null,
      baselineHScore: null,
    });
  });

  it('evaluates every member and the ensemble without a member', async () => {
    const response = await handler({ runId: 'run-1', store: `file://${root}` });
    expect(response.evalUris.map((u) => path.basename(u))).toEqual(['0.json', '1.json', 'ensemble.json']);
    expect(response.hScore).toEqual(expect.any(Number));
  });

  it('maps a bad event to InvalidConfigError and a missing run to NotFoundError', async () => {
    await expect(handler({ runId: '../x', store: root })).rejects.toMatchObject({
      name: 'InvalidConfigError',
      message: expect.stringMatching(/evaluate event: runId/),
    });
    await expect(handler({ store: root })).rejects.toMatchObject({ name: 'InvalidConfigError' });
    await expect(handler({ runId: 'nope', store: root })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(handler({ runId: 'x', store: 'ftp://host/x' })).rejects.toMatchObject({
      name: 'InvalidConfigError',
    });
  });

  it('turns zod failures and dropped connections into workflow error names', () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(toWorkflowError(zodError)).toMatchObject({
      name: 'InvalidConfigError',
      message: expect.stringMatching(/^a:/),
    });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toWorkflowError(reset)).toMatchObject({ name: 'TransientError', retryable: true });
    const other = new TypeError('bug');
    expect(toWorkflowError(other)).toBe(other);
  });
});
