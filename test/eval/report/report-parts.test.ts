import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Dataset } from '../../../src/data/dataset';
import { ChecksumMismatchError } from '../../../src/errors';
import { encodePredictions } from '../../../src/eval/prediction-file';
import { anomaliesCsv, type AnomalyCandidate } from '../../../src/eval/report/anomaly-candidates';
import { buildReport } from '../../../src/eval/report/build-report';
import { thumbnailPng } from '../../../src/eval/report/thumbnails';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import { syntheticPredictionSet } from '../synthetic-predictions';
import { syntheticHistory, syntheticTargetDataset, TASK, writeFinishedMember } from './report-fixture';

function uniformImage(side: number, value: number): Dataset {
  return {
    ...syntheticTargetDataset(1, side),
    images: new Uint8Array(side * side * 3).fill(value),
  };
}

describe('gallery thumbnails', () => {
  it('upsample by the largest integer factor that fits 160 px and darken the last row and column of each pixel', async () => {
    // 2×2 px of value 200 → factor 80 → 160 px; grid pixels are 200·0.55 + 25 = 135.
    const { png, width, height } = await thumbnailPng(uniformImage(2, 200), 0);
    expect([width, height]).toEqual([160, 160]);
    const { data, info } = await sharp(Buffer.from(png)).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    expect(at(10, 10)).toBe(200);
    expect(at(79, 10)).toBe(135); // last column of the first pixel
    expect(at(10, 79)).toBe(135);
    expect(at(80, 10)).toBe(200); // first column of the next pixel
  });

  it('show a cutout larger than the thumbnail as it is, scaled down, without a grid', async () => {
    const { width, height } = await thumbnailPng(uniformImage(256, 90), 0);
    expect([width, height]).toEqual([160, 160]);
  });
});

describe('anomalies.csv', () => {
  it('escapes text cells a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const candidate = (predicted: string, dec: number): AnomalyCandidate => ({
      ...{ rank: 1, row: 0, index: 0, ra: 10, dec, scores: { entropy: -0.5 }, cluster: null },
      ...{ predicted, truth: null },
    });
    const csv = anomaliesCsv(
      ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', 'spiral'].map((name) => candidate(name, -12.5)),
      ['entropy'],
    ).split('\n');
    expect(csv.slice(1, 6)).toEqual([
      '1,0,10,-12.5,-0.5,,"\'=HYPERLINK(""http://x"")"',
      "1,0,10,-12.5,-0.5,,'+1",
      "1,0,10,-12.5,-0.5,,'-1+2",
      "1,0,10,-12.5,-0.5,,'@SUM(A1)",
      '1,0,10,-12.5,-0.5,,spiral',
    ]);
  });
});

describe('the report of a run', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-parts-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('refuses a --target dataset other than the one the run recorded, writing nothing', async () => {
    const store = openStore(root);
    const trained = syntheticTargetDataset(40);
    const other = { ...syntheticTargetDataset(40), ra: trained.ra!.map((ra) => ra + 1), origin: 'other.h5' };
    const set = syntheticPredictionSet({ ...TASK, seed: 1, nSource: 30, nTarget: 40 });
    await writeFinishedMember(store, set, trained);
    const report = (dataset: Dataset) =>
      buildReport(store, 'r', { targetImages: { dataset }, verifyTarget: true });
    await expect(report(other)).rejects.toThrow(ChecksumMismatchError);
    await expect(report(other)).rejects.toThrow(/other\.h5 is not the target data this run was trained on/);
    expect(await store.exists('runs/r/report/index.html')).toBe(false);
    expect(await store.exists('runs/r/report/anomalies.csv')).toBe(false);
    await expect(report(trained)).resolves.toMatchObject({ indexKey: 'runs/r/report/index.html' });
  });

  it('shows a regression run as MAE, RMSE and bias per domain and predicted vs true, with no H-score or AUROC', async () => {
    const store = openStore(root);
    for (const [member, method] of [
      ['0', 'mmd'],
      ['1', 'source-only'],
    ]) {
      const set = syntheticPredictionSet({
        ...TASK,
        seed: 3,
        memberSeed: Number(member),
        nSource: 40,
        nTarget: 40,
        withRegression: true,
        method,
      });
      await store.put(
        runLayout.predictions('g', member),
        encodePredictions({ ...set, meta: { ...set.meta, regressionTarget: 'halfLightRadius' } }),
      );
      const history = syntheticHistory(Number(member), method, {
        epochs: 3,
        best: 2,
        lrStep: 9,
        stopReason: 'early-stopping',
      });
      await store.put(runLayout.history('g', member), JSON.stringify(history));
    }
    const result = await buildReport(store, 'g');
    const html = await store.getText(result.indexKey);
    for (const label of [
      'MAE source',
      'RMSE source',
      'Bias source',
      'MAE target',
      'RMSE target',
      'Bias target',
    ]) {
      expect(html).toContain(`<th scope="row">${label}</th>`);
    }
    expect(html).toMatch(/<th>mmd<\/th><th>source-only<\/th><th>mmd − source-only<\/th>/);
    expect(html).not.toMatch(/H-score|AUROC|Anomaly candidates|Confusion|Otsu|ROC/);
    expect(html).toContain('Regression: predicted vs true');
    const scatter = await store.getText('runs/g/report/plots/regression.svg');
    for (const text of ['source', 'target', 'mmd', 'source-only', 'true halfLightRadius'])
      expect(scatter).toContain(text);
  });
});
