import { InvalidConfigError } from '../../../src/errors';
import { classCounts } from '../../../src/data/simulate/class-counts';
import { PHYSICAL_PARAMETERS } from '../../../src/data/simulate/galaxy-model';
import { simulateSurvey, simulateTask } from '../../../src/data/simulate/simulate-survey';
import { GALAXY10_CLASSES, TASKS } from '../../../src/data/tasks';

const small = {
  survey: 'decals' as const,
  classes: ['elliptical', 'spiral', 'merger'] as const,
  n: 24,
  imageSize: 16,
};

describe('simulateSurvey', () => {
  it('is deterministic under a seed, and image i does not depend on how many images are made', () => {
    const a = simulateSurvey({ ...small, classes: [...small.classes], seed: 4 });
    const b = simulateSurvey({ ...small, classes: [...small.classes], seed: 4 });
    const other = simulateSurvey({ ...small, classes: [...small.classes], seed: 5 });
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(true);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Buffer.from(a.images).equals(Buffer.from(other.images))).toBe(false);
  });

  it('returns the Dataset contract: shapes, labels in range, one extra per physical parameter', () => {
    const dataset = simulateSurvey({ ...small, classes: [...small.classes], seed: 1 });
    expect([dataset.n, dataset.height, dataset.width, dataset.channels]).toEqual([24, 16, 16, 3]);
    expect(dataset.images).toHaveLength(24 * 16 * 16 * 3);
    expect(dataset.domain).toBe('target');
    expect(Math.max(...dataset.labels)).toBe(2);
    for (const name of PHYSICAL_PARAMETERS) expect(dataset.extras?.[name]).toHaveLength(24);
    const separation = dataset.extras!.nucleus_separation_arcsec;
    dataset.labels.forEach((label, i) =>
      expect(Number.isNaN(separation[i])).toBe(dataset.classNames[label] !== 'merger'),
    );
  });

  it('balances classes, or follows Galaxy10 proportions with a small share of lenses', () => {
    const balanced = simulateSurvey({ ...small, classes: [...small.classes], n: 30, seed: 2 });
    expect([0, 1, 2].map((k) => balanced.labels.filter((l) => l === k).length)).toEqual([10, 10, 10]);
    const counts = classCounts([...GALAXY10_CLASSES, 'lens'], 1000, 'galaxy10', 0.03);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(counts[GALAXY10_CLASSES.indexOf('round_smooth')]).toBeGreaterThan(
      5 * counts[GALAXY10_CLASSES.indexOf('cigar')],
    );
    expect(counts[10]).toBe(30);
  });

  it('simulates both domains of a task with their class lists and surveys', () => {
    const { source, target } = simulateTask('3class', { n: 12, imageSize: 16, seed: 3 });
    expect(source.classNames).toEqual(TASKS['3class'].source);
    expect(target.classNames).toEqual(TASKS['3class'].target);
    expect([source.domain, target.domain]).toEqual(['source', 'target']);
    expect(source.origin).toContain('sdss');
    expect(target.origin).toContain('decals');
  });

  it('refuses bad options with one error naming the option', () => {
    const bad = (overrides: object) => () =>
      simulateSurvey({ ...small, classes: [...small.classes], ...overrides });
    expect(bad({ imageSize: 300 })).toThrow(
      new InvalidConfigError('imageSize must be an integer in [8, 256], got 300'),
    );
    expect(bad({ n: 0 })).toThrow(/^n must be a positive integer/);
    expect(bad({ classes: ['spiral', 'quasar'] })).toThrow(/classes: unknown class quasar/);
    expect(bad({ n: 2 })).toThrow(InvalidConfigError);
  });
});
