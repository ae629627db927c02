import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { syntheticTargetDataset, writeSyntheticRun } from './report-fixture';

describe('the anomaly report', () => {
  let root: string;
  let store: BlobStore;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-'));
    store = openStore(root);
    await writeSyntheticRun(store, 'r1', { nSource: 150, nTarget: 300 });
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
    const html = await store.getText(result.indexKey);
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((l) => !l.startsWith('data:'));
    expect(links.length).toBeGreaterThan(8);
    for (const link of links) {
      expect(link).not.toMatch(/^(\/|https?:)/); // relative only: works from disk and from S3
      expect(await store.exists(`runs/r1/report/${link}`)).toBe(true);
    }
    expect(links.filter((l) => l.startsWith('thumbs/')).length).toBeGreaterThan(0);
    for (const heading of [
      'Headline metrics',
      'Training curves',
      'Confusion matrices',
      'Entropy histograms',
      'ROC',
      '2-D map',
      'Anomaly candidates',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('random 120 of 300 target samples');
    expect(html).toContain('source-only');
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
