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
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`report screenshot: ${SCREENSHOT}`);
    expect(problems).toEqual([]);
  });
});
