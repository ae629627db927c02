import { resolveConfig } from '../../../src/config/run-config';
import { loadDataSource, pairedPopulationOf } from '../../../src/data/load-data-source';
import type { Dataset } from '../../../src/data/dataset';
import { PHYSICAL_PARAMETERS } from '../../../src/data/simulate/galaxy-model';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';
import type { PairedPopulation } from '../../../src/data/simulate/paired-population';
import { TASKS } from '../../../src/data/tasks';
import { InvalidConfigError } from '../../../src/errors';
import { silentLogger } from '../../../src/logger';
import { openStore } from '../../../src/storage/open-store';

const { source: sourceClasses, target: targetClasses } = TASKS['3class'];

const population: PairedPopulation = {
  seed: 11,
  source: { classes: sourceClasses, n: 30 },
  target: { classes: targetClasses, n: 24 },
};

/** Each galaxy's physical parameters as one string, NaN included. */
const galaxies = (dataset: Dataset): string[] =>
  Array.from({ length: dataset.n }, (_, i) =>
    PHYSICAL_PARAMETERS.map((name) => dataset.extras![name][i]).join(','),
  );
const className = (dataset: Dataset, i: number): string => dataset.classNames[dataset.labels[i]];

describe('paired surveys', () => {
  const source = simulateSurvey({
    ...{ survey: 'sdss', classes: sourceClasses, n: 30, imageSize: 16, seed: 1 },
    ...{ domain: 'source', paired: population },
  });
  const target = simulateSurvey({
    ...{ survey: 'hsc', classes: targetClasses, n: 24, imageSize: 16, seed: 2 },
    ...{ domain: 'target', paired: population },
  });

  it('image the same galaxies in the same order; the target adds its private class', () => {
    const sourceGalaxies = galaxies(source);
    const targetGalaxies = galaxies(target);
    let previous = -1;
    let shared = 0;
    targetGalaxies.forEach((galaxy, i) => {
      if (className(target, i) === 'merger') return;
      const j = sourceGalaxies.indexOf(galaxy);
      expect(j).toBeGreaterThan(previous);
      expect(className(source, j)).toBe(className(target, i));
      previous = j;
      shared++;
    });
    expect(shared).toBe(16);
    expect(Array.from(target.labels).filter((l) => target.classNames[l] === 'merger')).toHaveLength(8);
    expect(target.origin).toContain('paired=11');
  });

  it('differ in the instrument only: the same galaxy is imaged differently', () => {
    const i = Array.from(target.labels).findIndex((l) => target.classNames[l] !== 'merger');
    const j = galaxies(source).indexOf(galaxies(target)[i]);
    const pixels = 16 * 16 * 3;
    const a = Buffer.from(source.images.subarray(j * pixels, (j + 1) * pixels));
    const b = Buffer.from(target.images.subarray(i * pixels, (i + 1) * pixels));
    expect(a.equals(b)).toBe(false);
    // A paired survey seen by the same instrument with the same noise seed is the same image.
    const again = simulateSurvey({
      ...{ survey: 'hsc', classes: targetClasses, n: 24, imageSize: 16, seed: 2 },
      ...{ domain: 'target', paired: population },
    });
    expect(Buffer.from(again.images).equals(Buffer.from(target.images))).toBe(true);
  });

  it('share no galaxies when not paired', () => {
    const unpaired = simulateSurvey({ survey: 'hsc', classes: targetClasses, n: 24, imageSize: 16, seed: 2 });
    const sourceGalaxies = new Set(galaxies(source));
    expect(galaxies(unpaired).filter((g) => sourceGalaxies.has(g))).toEqual([]);
  });

  it('refuses a survey whose classes or size differ from its side of the population', () => {
    expect(() =>
      simulateSurvey({ survey: 'hsc', classes: targetClasses, n: 20, domain: 'target', paired: population }),
    ).toThrow(InvalidConfigError);
  });

  it('follow config data.paired through the loader; refuse it on file sources with one line', async () => {
    const config = resolveConfig({
      data: {
        source: { kind: 'simulate', survey: 'sdss', n: 30 },
        target: { kind: 'simulate', survey: 'ps1', n: 30 },
        paired: true,
      },
      model: { imageSize: 16 },
    });
    const paired = pairedPopulationOf(config)!;
    expect(paired.seed).toBe((config.data.source as { seed: number }).seed);
    const load = (role: 'source' | 'target') =>
      loadDataSource(config.data[role], {
        ...{ domain: role, classes: config.classes[role], paired },
        ...{ store: openStore('/tmp'), logger: silentLogger },
      });
    const [s, t] = [await load('source'), await load('target')];
    const shared = galaxies(t).filter((g) => galaxies(s).includes(g));
    expect(shared.length).toBe(20);
    expect(
      pairedPopulationOf(resolveConfig({ ...config, data: { ...config.data, paired: undefined } })),
    ).toBe(undefined);
    expect(() =>
      resolveConfig({
        data: {
          source: { kind: 'uri', uri: 'source.h5' },
          target: { kind: 'simulate', survey: 'ps1', n: 30 },
          paired: true,
        },
      }),
    ).toThrow(/data\.paired: pairs two simulated surveys/);
  });

  it('refuses a bad instrument change in the config with the field named', () => {
    const withInstrument = (instrument: unknown) => () =>
      resolveConfig({
        data: {
          source: { kind: 'simulate', survey: 'sdss', n: 30, instrument },
          target: { kind: 'simulate', survey: 'hsc', n: 30 },
        },
      });
    expect(withInstrument({ psfProfile: { kind: 'moffat', beta: 0.5 } })).toThrow(
      /data\.source\.instrument\.psfProfile\.beta/,
    );
    expect(withInstrument({ stretch: 'log' })).toThrow(/data\.source\.instrument\.stretch/);
    expect(withInstrument({ depth: 2, saturation: 40 })).not.toThrow();
  });
});
