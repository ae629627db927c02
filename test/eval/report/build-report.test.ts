import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseEvalDocument } from '../../../src/eval/eval-document';
import { evaluateRun } from '../../../src/eval/evaluate-run';
import { buildReport } from '../../../src/eval/report/build-report';
import { loadTargetImages, rowsOfDataset } from '../../../src/eval/report/target-dataset';
import { readDataset } from '../../../src/data/readers';
import { REAL_TASKS } from '../../../src/data/real-tasks';
import { subset } from '../../../src/data/subset';
import { writeGalaxy10Layout } from '../../data/galaxy10-layouts';
import type { BlobStore } from '../../../src/storage/blob-store';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import { simulateIntoStore } from '../../../src/data/simulate/simulate-into-store';
import { syntheticHistory, syntheticTargetDataset, writeSyntheticRun } from './report-fixture';

describe('the anomaly report', () => {
  let root: string;
  let store: BlobStore;
  let html: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-'));
    store = openStore(root);
    await writeSyntheticRun(store, 'r1', { nSource: 150, nTarget: 300 });
    // Member 1 kept no epoch: a target monitor refused every one as collapsed.
    const refused = syntheticHistory(1, 'deepastro', {
      epochs: 6,
      best: -1,
      lrStep: 4,
      stopReason: 'max-epochs',
    });
    await store.put(
      runLayout.history('r1', '1'),
      JSON.stringify({ ...refused, monitor: 'entropy-bimodality' }),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes index.html with every asset it links, plots, thumbnails and anomalies.csv', async () => {
    const dataset = syntheticTargetDataset(300);
    const result = await buildReport(store, 'r1', {
      targetImages: { rows: rowsOfDataset(dataset) },
      maxMapPoints: 120,
      galleryPerCluster: 4,
    });
    expect(result.written[result.written.length - 1]).toBe('runs/r1/report/index.html');
    html = await store.getText(result.indexKey);
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((l) => !l.startsWith('data:') && !l.startsWith('#'));
    const external = links.filter((l) => /^https?:/.test(l));
    const local = links.filter((l) => !/^https?:/.test(l));
    expect(local.length).toBeGreaterThan(8);
    for (const link of local) {
      expect(link).not.toMatch(/^\//); // relative only: works from disk and from S3
      expect(await store.exists(`runs/r1/report/${link}`)).toBe(true);
    }
    // External links are sky viewers in <a href>, never an asset the page loads.
    expect(external.length).toBeGreaterThan(0);
    for (const link of external) {
      expect(link).toMatch(/^https:\/\/(www\.legacysurvey\.org\/viewer\?|skyserver\.sdss\.org\/)/);
    }
    expect(html).not.toMatch(/(?:src)="https?:/);
    expect(local.filter((l) => l.startsWith('thumbs/')).length).toBeGreaterThan(0);
    for (const heading of [
      'Adapted vs baselines',
      'Training',
      'Confusion matrices',
      'Score histograms',
      'ROC',
      '2-D map',
      'Anomaly candidates',
      'Where the candidates lie among all target galaxies',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('random 120 of 300 target samples');
    const anchors = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(ids); // the contents line links every section, in page order
  });

  it("compares the adapted ensemble with each baseline on its own, the signed difference to source-only and the members' spread", async () => {
    const evaluated = await evaluateRun(store, 'r1');
    const [sourceOnly, none] = evaluated.baselines;
    const row = html.match(/<tr><th scope="row">H-score<\/th>(.*?)<\/tr>/)?.[1] ?? '';
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    const adapted = evaluated.ensemble!.classification!.hScore!;
    expect(cells.slice(0, 3)).toEqual(
      [adapted, sourceOnly.classification!.hScore!, none.classification!.hScore!].map((v) => v.toFixed(3)),
    );
    const delta = adapted - sourceOnly.classification!.hScore!;
    expect(cells[3]).toBe(`${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(3)}`);
    const members = ['0', '1'].map((m) =>
      parseEvalDocument(readFileSync(path.join(root, `runs/r1/eval/${m}.json`), 'utf8'), m),
    );
    const values = members.map((d) => d.metrics.classification!.hScore!);
    const mean = (values[0] + values[1]) / 2;
    const sd = Math.abs(values[0] - values[1]) / Math.SQRT2;
    expect(cells[4]).toContain(`${mean.toFixed(3)} ± ${sd.toFixed(3)}`);
    expect(html).toMatch(/<th>deepastro \(ensemble of 2\)<\/th><th>source-only<\/th><th>none<\/th>/);
  });

  it("draws each member's training: loss terms, validation, the kept epoch, LR steps, and a run-facts table", async () => {
    // Member 0: 6 epochs of 640 images in 8..13 s, kept epoch 4 (1-based), lr 1e-3 then 1e-4 from epoch 5.
    expect(html).toContain(
      '<tr><td>0</td><td>deepastro</td><td>wasm</td><td>6</td><td>4</td><td>epoch budget spent</td><td>61.0</td><td>1 min 3 s</td><td>1e-3 → 1e-4</td></tr>',
    );
    const svg = await store.getText('runs/r1/report/plots/training-0.svg');
    for (const text of [
      'loss terms',
      'cluster',
      'source validation loss',
      'source accuracy',
      'monitored: source-val-loss',
      'kept: epoch 4',
      'lr 1e-4',
    ]) {
      expect(svg).toContain(text);
    }
    expect(html).toContain(
      'member 3 (none): kept epoch 5 of 6 by source-val-loss; stopped by the epoch budget',
    );
    expect(html).toContain(
      'member 1 (deepastro): no epoch of 6 kept by entropy-bimodality (every one collapsed onto one class): the final weights',
    );
    expect(html).toContain('<tr><td>1</td><td>deepastro</td><td>wasm</td><td>6</td><td>–</td>');
  });

  it('shows confusion counts and row-normalized rates, and histograms with the fixed and the calibrated threshold', async () => {
    const evaluated = await evaluateRun(store, 'r1');
    const confusion = evaluated.ensemble!.classification!.confusion;
    const svg = await store.getText('runs/r1/report/plots/confusion-main.svg');
    const unknownRow = confusion.counts[2];
    const total = unknownRow.reduce((a, b) => a + b, 0);
    expect(svg).toContain(`>${unknownRow[2]}<`);
    expect(svg).toContain(`>${(unknownRow[2] / total).toFixed(2)}<`);
    const histogram = await store.getText('runs/r1/report/plots/histogram-main-entropy.svg');
    const otsu = evaluated.ensemble!.classification!.calibrated.entropy!.threshold!;
    // The main model is an ensemble: the fixed ρ applies to its members' mean entropy.
    const meanEntropy = await store.getText('runs/r1/report/plots/histogram-main-meanEntropy.svg');
    expect(meanEntropy).toContain(`fixed ρ ${(Math.log(2) / 2).toFixed(3)}`);
    expect(histogram).not.toContain('fixed ρ');
    expect(histogram).toContain(`calibrated (Otsu) ${otsu.toFixed(3)}`);
    const mixture = evaluated.ensemble!.classification!.calibratedMixture.entropy?.threshold;
    if (mixture !== null && mixture !== undefined)
      expect(histogram).toContain(`calibrated (mixture) ${mixture.toFixed(3)}`);
  });

  it('gives each candidate its ra/dec with links to the Legacy Surveys viewer and the SDSS navigator', async () => {
    const card = html.match(/<div class="card">.*?<\/div><\/div>/s)?.[0] ?? '';
    const index = Number(card.match(/index (\d+)/)?.[1]);
    const ra = (150 + index / 1000).toFixed(6);
    const dec = (2 - index / 1000).toFixed(6);
    expect(card).toContain(
      `href="https://www.legacysurvey.org/viewer?ra=${ra}&amp;dec=${dec}&amp;layer=ls-dr10&amp;zoom=16"`,
    );
    expect(card).toContain(
      `href="https://skyserver.sdss.org/dr16/en/tools/chart/navi.aspx?ra=${ra}&amp;dec=${dec}`,
    );
    expect(card).toMatch(/<img src="thumbs\/\d+\.png" alt="[^"]*" width="156" height="156">/);
    const sky = await store.getText('runs/r1/report/plots/sky.svg');
    expect(sky).toContain('ra (deg)');
  });

  it('anomalies.csv ranks target samples by the chosen score, with ra/dec from the dataset', async () => {
    const csv = (await store.getText('runs/r1/report/anomalies.csv')).trim().split('\n');
    expect(csv[0]).toBe(
      'rank,index,ra,dec,entropy,maxSoftmaxScore,prototypeScore,ovaScore,meanEntropy,mutualInformation,cluster,predicted',
    );
    expect(csv).toHaveLength(301);
    const [rank, index, ra, dec] = csv[1].split(',');
    expect(rank).toBe('1');
    expect(Number(ra)).toBeCloseTo(150 + Number(index) / 1000, 6);
    expect(Number(dec)).toBeCloseTo(2 - Number(index) / 1000, 6);
  });

  it('renders the gallery without thumbnails and says why when config.json is not a run config', async () => {
    await store.put(runLayout.config('r1'), JSON.stringify({ seed: 1 }));
    const images = await loadTargetImages(store, 'r1');
    expect(images.note).toMatch(/not a usable run config.*data/);
    const result = await buildReport(store, 'r1', { targetImages: images, maxMapPoints: 50 });
    const html = await store.getText(result.indexKey);
    expect(html).toContain('not a usable run config');
    expect(html).toContain('no image');
  });

  it("loads the target images the trainer used, from config.json's data.target and classes.target", async () => {
    const target = await simulateIntoStore(store, {
      ...{ survey: 'decals', domain: 'target', classes: ['elliptical', 'spiral', 'merger'] },
      ...{ n: 12, imageSize: 16, seed: 3, key: 'data/decals.h5' },
    });
    const config = {
      data: { source: { kind: 'simulate', survey: 'sdss', n: 30 }, target: { kind: 'uri', uri: target.uri } },
      model: { imageSize: 16 },
      classes: { source: ['elliptical', 'spiral'], target: ['elliptical', 'merger'] },
    };
    await store.put(runLayout.config('r1'), JSON.stringify(config));
    const images = await loadTargetImages(store, 'r1');
    expect(images.note).toBeUndefined();
    expect(images.rows?.n).toBe(8); // 4 of each of the two selected classes out of 12 balanced
    const full = await readDataset(target.uri, {
      ...{ domain: 'target', selectClasses: ['elliptical', 'merger'] },
      imageSize: { height: 16, width: 16 },
    });
    const shown = await images.rows!.readImages([5, 0]);
    expect(shown.images).toEqual(subset(full, [5, 0]).images);
  });

  it('reads only the shown rows of a real-layout DECaLS target, through its label and class maps', async () => {
    const file = path.join(root, 'Galaxy10_DECals.h5');
    await writeGalaxy10Layout(file, { layout: 'decals', n: 30, label: (i) => i % 10, sigmaPx: (i) => 4 + i });
    const config = {
      task: 'galaxy10-3class',
      data: {
        source: { kind: 'simulate', survey: 'sdss', n: 30 },
        target: { kind: 'uri', uri: file, labels: 'galaxy10-decals' },
      },
      model: { imageSize: 16 },
    };
    await store.put(runLayout.config('r1'), JSON.stringify(config));
    const images = await loadTargetImages(store, 'r1');
    // Round and in-between smooth, three spirals and merging: 6 of the 10 classes, 3 rows each.
    expect(images.rows?.n).toBe(18);
    expect(Array.from(images.rows!.ra!.subarray(0, 2))).toEqual([150.01, 150.02]);
    const trainerView = await readDataset(file, {
      ...{ domain: 'target', labels: 'galaxy10-decals', imageSize: { height: 16, width: 16 } },
      classMap: REAL_TASKS['galaxy10-3class'].classMaps['galaxy10-decals'],
      selectClasses: ['elliptical', 'spiral', 'merger'],
    });
    const shown = await images.rows!.readImages([17, 3]);
    expect(shown).toMatchObject({ n: 2, height: 16, width: 16, channels: 3 });
    expect(shown.images).toEqual(subset(trainerView, [17, 3]).images);
  });

  it('never simulates a simulated target again: the gallery says why it has no thumbnails', async () => {
    const config = {
      data: {
        source: { kind: 'simulate', survey: 'sdss', n: 30 },
        target: { kind: 'simulate', survey: 'decals', n: 30 },
      },
    };
    await store.put(runLayout.config('r1'), JSON.stringify(config));
    const images = await loadTargetImages(store, 'r1');
    expect(images.rows).toBeUndefined();
    expect(images.note).toMatch(
      /simulated inside the trainer and not stored; the report does not simulate it again/,
    );
  });

  it('says why when the target file cannot be read', async () => {
    await store.put('not-a-dataset.h5', 'x');
    const config = {
      data: {
        source: { kind: 'simulate', survey: 'sdss', n: 30 },
        target: { kind: 'uri', uri: path.join(root, 'not-a-dataset.h5') },
      },
    };
    await store.put(runLayout.config('r1'), JSON.stringify(config));
    const images = await loadTargetImages(store, 'r1');
    expect(images.rows).toBeUndefined();
    expect(images.note).toMatch(/could not be read/);
    expect(await readFile(path.join(root, 'not-a-dataset.h5'), 'utf8')).toBe('x');
  });
});
