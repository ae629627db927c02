import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDataSource } from '../../src/data/load-data-source';
import { simulateIntoStore } from '../../src/data/simulate/simulate-into-store';
import { silentLogger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { syntheticPredictionSet } from '../eval/synthetic-predictions';
import { writeFinishedMember } from '../eval/report/report-fixture';

jest.setTimeout(120_000);

const CLI = path.resolve(__dirname, '../../bin/deepastro-uda.cjs');
const CLASSES = ['elliptical', 'spiral', 'merger'] as const;

describe('`report --target`', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'report-cli-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('refuses a dataset other than the one the run was trained on, with one line and exit 2', async () => {
    const store = openStore(root);
    const simulate = (seed: number, key: string) =>
      simulateIntoStore(store, {
        survey: 'decals',
        domain: 'target',
        classes: CLASSES,
        n: 30,
        imageSize: 16,
        seed,
        key,
      });
    const trained = await simulate(3, 'data/trained.h5');
    await simulate(4, 'data/other.h5');
    const config = {
      data: {
        source: { kind: 'simulate', survey: 'sdss', n: 30 },
        target: { kind: 'uri', uri: trained.uri },
      },
      model: { imageSize: 16 },
      ensemble: { members: 1, baselines: [] }, // the one member below; evaluation refuses unfinished ones
    };
    await store.put(runLayout.config('r'), JSON.stringify(config));
    const dataset = await loadDataSource(
      { kind: 'uri', uri: trained.uri },
      { domain: 'target', classes: CLASSES, store, logger: silentLogger },
    );
    const set = syntheticPredictionSet({
      sourceClasses: ['elliptical', 'spiral'],
      targetClasses: CLASSES,
      seed: 1,
      nSource: 20,
      nTarget: 30,
    });
    await writeFinishedMember(store, set, dataset);
    const report = (target: string) =>
      spawnSync(process.execPath, [CLI, 'report', '--run', path.join(root, 'runs/r'), '--target', target], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'warn' },
      });

    const refused = report(path.join(root, 'data/other.h5'));
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/--target: .*other\.h5 is not the target data this run was trained on/);
    expect(await store.exists('runs/r/report/index.html')).toBe(false);

    const accepted = report(path.join(root, 'data/trained.h5'));
    expect(accepted.stderr).toBe('');
    expect(accepted.status).toBe(0);
    expect(await store.exists('runs/r/report/index.html')).toBe(true);
  });
});
