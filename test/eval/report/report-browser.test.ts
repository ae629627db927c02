import { rowsOfDataset } from '../../../src/eval/report/target-dataset';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildReport } from '../../../src/eval/report/build-report';
import { openStore } from '../../../src/storage/open-store';
import { syntheticTargetDataset, writeSyntheticRun } from './report-fixture';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '../../.artifacts/report.png');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const available = existsSync(CHROMIUM);
if (!available) console.log(`report browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

(available ? describe : describe.skip)('the report in a real browser', () => {
  let root: string;
  let browser: BrowserContext;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-browser-'));
    const store = openStore(path.join(root, 'store'));
    await writeSyntheticRun(store, 'r1', { nSource: 150, nTarget: 400 });
    await buildReport(store, 'r1', {
      targetImages: { rows: rowsOfDataset(syntheticTargetDataset(400)) },
      maxMapPoints: 300,
    });
    // A fresh, empty profile: nothing from another run can leak in.
    const userDataDir = path.join(root, 'profile');
    await mkdir(userDataDir);
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('opens from the file system with no console error or missing asset, and every image loads', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on(
      'console',
      (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`),
    );
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on(
      'response',
      (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`),
    );
    const index = path.join(root, 'store/runs/r1/report/index.html');
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
    const images = await page.$$eval('img', (all) =>
      all.map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })),
    );
    expect(images.length).toBeGreaterThan(10);
    expect(images.filter((img) => !img.ok)).toEqual([]);
    // Every section is there and has content: tables with rows, charts that loaded, gallery cards.
    const sections = await page.$$eval('section', (all) =>
      all.map((section) => ({
        title: section.querySelector('h2')?.textContent ?? '',
        rows: section.querySelectorAll('tbody tr').length,
        images: [...section.querySelectorAll('img')].filter((img) => img.naturalWidth > 0).length,
        cards: section.querySelectorAll('.card').length,
        links: section.querySelectorAll('a[href^="https://www.legacysurvey.org/viewer?"]').length,
      })),
    );
    const byTitle = Object.fromEntries(sections.map((s) => [s.title, s]));
    expect(Object.keys(byTitle)).toEqual([
      'Adapted vs baselines',
      'Training',
      'Confusion matrices (target)',
      'Score histograms',
      'ROC curves (unknown vs shared classes)',
      '2-D map of the target samples (UMAP)',
      'Anomaly candidates',
    ]);
    expect(byTitle['Adapted vs baselines'].rows).toBeGreaterThan(15);
    expect(byTitle['Training'].rows).toBe(4); // run facts: one row per member
    expect(byTitle['Training'].images).toBe(4); // training curves: one chart per member
    expect(byTitle['Confusion matrices (target)'].images).toBe(3); // adapted, source-only, none
    expect(byTitle['Score histograms'].images).toBeGreaterThanOrEqual(1);
    expect(byTitle['ROC curves (unknown vs shared classes)'].images).toBe(1);
    expect(byTitle['2-D map of the target samples (UMAP)'].images).toBe(2);
    const anomalies = byTitle['Anomaly candidates'];
    expect(anomalies.cards).toBeGreaterThan(4);
    expect(anomalies.images).toBe(anomalies.cards + 1); // every thumbnail, and the sky plot
    expect(anomalies.links).toBe(anomalies.cards);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`report screenshot: ${SCREENSHOT}`);
    expect(problems).toEqual([]);
  });
});
