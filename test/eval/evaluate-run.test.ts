import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EVAL_SCHEMA_VERSION, parseEvalDocument } from '../../src/eval/eval-document';
import { evaluateRun } from '../../src/eval/evaluate-run';
import { encodePredictions } from '../../src/eval/prediction-file';
import { DataFormatError, NotFoundError } from '../../src/errors';
import type { BlobStore } from '../../src/storage/blob-store';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { syntheticPredictionSet } from './synthetic-predictions';

const task = { sourceClasses: ['elliptical', 'spiral'], targetClasses: ['elliptical', 'spiral', 'merger'] };

async function writeMember(
  store: BlobStore,
  runId: string,
  name: string,
  method: string,
  memberSeed: number,
) {
  const set = syntheticPredictionSet({
    ...task,
    seed: 11,
    memberSeed,
    nSource: 200,
    nTarget: 300,
    method,
    withOva: true,
  });
  await store.put(runLayout.predictions(runId, name), encodePredictions(set));
  await store.put(runLayout.history(runId, name), '{}'); // written last by a member that finished
}

function tinyRunConfig(members: number) {
  return {
    task: '3class',
    data: {
      source: { kind: 'simulate', survey: 'sdss', n: 30 },
      target: { kind: 'simulate', survey: 'decals', n: 30 },
    },
    model: { architecture: 'resnet-mini', imageSize: 16 },
    ensemble: { members, baselines: [] },
  };
}

describe('evaluating a run', () => {
  let root: string;
  let store: BlobStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eval-run-'));
    store = openStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes eval/<member>.json and eval/ensemble.json, with the source-only baseline beside', async () => {
    await writeMember(store, 'r1', '0', 'deepastro', 0);
    await writeMember(store, 'r1', '1', 'deepastro', 1);
    await writeMember(store, 'r1', 'source-only', 'source-only', 2);
    const result = await evaluateRun(store, 'r1', { now: () => new Date('2025-01-01T00:00:00Z') });
    expect(result.written).toEqual([
      'runs/r1/eval/0.json',
      'runs/r1/eval/1.json',
      'runs/r1/eval/source-only.json',
      'runs/r1/eval/ensemble.json',
    ]);
    const ensemble = parseEvalDocument(await store.getText('runs/r1/eval/ensemble.json'), 'ensemble.json');
    expect(ensemble.schemaVersion).toBe(EVAL_SCHEMA_VERSION);
    expect(ensemble.metrics.members).toEqual(['0', '1']);
    expect(ensemble.baselines.map((b) => [b.subject, b.members])).toEqual([['source-only', ['source-only']]]);
    const scores = Object.keys(ensemble.metrics.classification?.unknownScores ?? {});
    expect(scores).toEqual([
      'entropy',
      'maxSoftmaxScore',
      'prototypeScore',
      'ovaScore',
      'meanEntropy',
      'mutualInformation',
    ]);
    expect(ensemble.metrics.classification?.sourceAccuracy).toBeGreaterThan(0.8);
    const member = parseEvalDocument(await store.getText('runs/r1/eval/0.json'), '0.json');
    expect(Object.keys(member.metrics.classification?.unknownScores ?? {})).toHaveLength(4);
    const baseline = parseEvalDocument(await store.getText('runs/r1/eval/source-only.json'), 'b.json');
    expect(baseline.baselines).toEqual([]);
  });

  it('writes the same member and ensemble documents when the workflow asks for them one by one', async () => {
    await writeMember(store, 'r4', '0', 'deepastro', 0);
    await writeMember(store, 'r4', '1', 'deepastro', 1);
    await writeMember(store, 'r4', '2', 'source-only', 2);
    const now = () => new Date('2025-01-01T00:00:00Z');
    await evaluateRun(store, 'r4', { now });
    const whole = await Promise.all(
      ['0', '1', '2', 'ensemble'].map((m) => store.getText(`runs/r4/eval/${m}.json`)),
    );
    const one = await evaluateRun(store, 'r4', { now, scope: { member: '1' } });
    expect(one.written).toEqual(['runs/r4/eval/1.json']);
    expect(await store.getText('runs/r4/eval/1.json')).toBe(whole[1]);
    expect(JSON.parse(whole[1]).baselines).toHaveLength(1);
    const ensemble = await evaluateRun(store, 'r4', { now, scope: 'ensemble' });
    expect(ensemble.written).toEqual(['runs/r4/eval/ensemble.json']);
    expect(await store.getText('runs/r4/eval/ensemble.json')).toBe(whole[3]);
    await expect(evaluateRun(store, 'r4', { scope: { member: '9' } })).rejects.toThrow(NotFoundError);
  });

  it('evaluates each baseline method on its own, never pooling two into one "source-only"', async () => {
    await writeMember(store, 'r5', '0', 'deepastro', 0);
    await writeMember(store, 'r5', '1', 'source-only', 1);
    await writeMember(store, 'r5', '2', 'none', 2);
    const result = await evaluateRun(store, 'r5');
    expect(result.baselines.map((b) => [b.subject, b.method, b.members])).toEqual([
      ['source-only', 'source-only', ['1']],
      ['none', 'none', ['2']],
    ]);
    const ensemble = parseEvalDocument(await store.getText('runs/r5/eval/ensemble.json'), 'e.json');
    const [sourceOnly, none] = ensemble.baselines;
    const alone = (name: string) =>
      store.getText(`runs/r5/eval/${name}.json`).then((text) => parseEvalDocument(text, name).metrics);
    // Each baseline's metrics are exactly that member's own, not an average of the two.
    expect(sourceOnly.classification).toEqual((await alone('1')).classification);
    expect(none.classification).toEqual((await alone('2')).classification);
    expect(sourceOnly.classification?.hScore).not.toBe(none.classification?.hScore);
  });

  it('reports a calibrated (Otsu) threshold per score beside the fixed rho, and the decisions it gives', async () => {
    await writeMember(store, 'r6', '0', 'deepastro', 0);
    const doc = (await evaluateRun(store, 'r6')).ensemble!;
    const calibrated = doc.classification!.calibrated;
    expect(Object.keys(calibrated)).toEqual(['entropy', 'maxSoftmaxScore', 'prototypeScore', 'ovaScore']);
    for (const decision of Object.values(calibrated)) {
      expect(decision.threshold).not.toBeNull();
      expect(decision.hScore).toBeGreaterThanOrEqual(0);
    }
    expect(calibrated.entropy?.threshold).not.toBeCloseTo(doc.unknownThreshold, 3);
  });

  it('evaluates one member on request; regression runs report MAE, RMSE and bias per domain, no classification', async () => {
    const set = syntheticPredictionSet({ ...task, seed: 2, nSource: 50, nTarget: 50, withRegression: true });
    await store.put(runLayout.predictions('r2', 'm'), encodePredictions(set));
    await store.put(runLayout.history('r2', 'm'), '{}');
    const result = await evaluateRun(store, 'r2', { scope: { member: 'm' } });
    expect(result.written).toEqual(['runs/r2/eval/m.json']);
    const doc = parseEvalDocument(await store.getText('runs/r2/eval/m.json'), 'm.json');
    expect(doc.metrics.regression?.source.mae).toBeGreaterThan(0);
    expect(doc.metrics.regression?.target.n).toBe(40);
    expect(Number.isFinite(doc.metrics.regression?.target.bias)).toBe(true);
    expect(doc.metrics.classification).toBeNull();
    expect(doc.metrics.clustering).toBeNull();
  });

  it('refuses a run without predictions, and a corrupt prediction file, writing nothing', async () => {
    await expect(evaluateRun(store, 'missing')).rejects.toThrow(NotFoundError);
    await store.put(runLayout.predictions('r3', '0'), 'not arrow');
    await store.put(runLayout.history('r3', '0'), '{}');
    await expect(evaluateRun(store, 'r3')).rejects.toThrow(DataFormatError);
    expect(await store.exists('runs/r3/eval/ensemble.json')).toBe(false);
  });

  it('refuses a run with a member that did not finish, whether it left predictions, a checkpoint or nothing', async () => {
    await writeMember(store, 'r5', '0', 'deepastro', 0);
    await writeMember(store, 'r5', '1', 'deepastro', 1);
    await store.delete(runLayout.history('r5', '1')); // killed between predictions and history
    await expect(evaluateRun(store, 'r5')).rejects.toThrow(
      /run r5: member 1 did not finish training \(no history.json/,
    );
    await writeMember(store, 'r6', '0', 'deepastro', 0);
    await store.put(`${runLayout.checkpointPrefix('r6', '1')}/latest.json`, '{}'); // diverged mid-run
    await expect(evaluateRun(store, 'r6')).rejects.toThrow(/member 1 did not finish training/);
    await writeMember(store, 'r7', '0', 'deepastro', 0);
    await store.put(runLayout.config('r7'), JSON.stringify(tinyRunConfig(3))); // members 1 and 2: no trace
    await expect(evaluateRun(store, 'r7', { scope: 'ensemble' })).rejects.toThrow(
      /member 1, 2 did not finish training/,
    );
    for (const run of ['r5', 'r6', 'r7'])
      expect(await store.exists(`runs/${run}/eval/ensemble.json`)).toBe(false);
  });

  it('refuses an eval document of another schema version', () => {
    expect(() => parseEvalDocument('{"schemaVersion":1}', 'x.json')).toThrow(
      /x.json: written by another version of deepastro-uda \(schemaVersion 1, this one reads 4\): run `deepastro-uda evaluate/,
    );
  });
});
