import { parsePair } from '../../bench/science/pairs';
import { parseScienceOptions, plannedCases } from '../../bench/science/options';
import { keptPredictionsName } from '../../bench/science/run-case';

describe('bench:science options', () => {
  it('runs by default four pairs, three seeds, both tasks and the regression head', () => {
    const options = parseScienceOptions([]);
    expect(options.pairs.map((p) => p.name)).toEqual([
      'sdss-decals',
      'decals-sdss',
      'sdss-hsc:h5',
      'ps1-hsc:paired',
    ]);
    expect(options.seeds).toEqual([1, 2, 3]);
    expect(options.tasks).toEqual(['3class', '10class']);
    const cases = plannedCases(options);
    // 4 pairs x (2 tasks x 3 seeds x 2 variants + 3 seeds x 2 regression variants)
    expect(cases).toHaveLength(4 * (2 * 3 * 2 + 3 * 2));
    expect(cases.filter((c) => c.kind === 'regression').map((c) => c.variant)).toContain('mmd');
  });

  it('reads a quick run and explicit lists', () => {
    const quick = parseScienceOptions(['--quick']);
    expect([quick.seeds, quick.tasks, quick.maxEpochs]).toEqual([[1, 2], ['3class'], 3]);
    const chosen = parseScienceOptions([
      '--pairs',
      'hsc-sdss',
      '--seeds',
      '4,7',
      '--variants',
      'deepastro',
      '--n-regression',
      '0',
    ]);
    // --tasks names what runs: without `regression`, no regression case; with it alone, nothing else.
    const tenClass = plannedCases(parseScienceOptions(['--tasks', '10class', '--seeds', '1']));
    expect(new Set(tenClass.map((c) => `${c.kind} ${c.task}`))).toEqual(new Set(['classification 10class']));
    const regressionOnly = parseScienceOptions(['--tasks', 'regression', '--seeds', '2']);
    expect([regressionOnly.tasks, regressionOnly.regressionN]).toEqual([[], 300]);
    const planned = plannedCases(regressionOnly);
    expect(planned).toHaveLength(4 * 2 * 2);
    expect(planned.every((c) => c.kind === 'regression')).toBe(true);
    expect(parseScienceOptions(['--quick']).regressionN).toBe(200);
    expect(chosen.seeds).toEqual([4, 7]);
    expect(chosen.keep).toBeUndefined();
    expect(parseScienceOptions(['--keep', '/tmp/kept']).keep).toBe('/tmp/kept');
    expect(plannedCases(chosen).every((c) => c.kind === 'classification' && c.variant === 'deepastro')).toBe(
      true,
    );
  });

  it('names a kept predictions file by pair (flags with _), task, variant and seed', () => {
    const [first] = plannedCases(parseScienceOptions(['--pairs', 'sdss-hsc:h5', '--seeds', '2,3']));
    expect(keptPredictionsName(first)).toBe('sdss-hsc_h5-3class-source-only-seed2.arrow');
    const regression = plannedCases(parseScienceOptions(['--pairs', 'ps1-hsc', '--seeds', '1'])).find(
      (c) => c.kind === 'regression' && c.variant === 'mmd',
    );
    expect(keptPredictionsName(regression!)).toBe('ps1-hsc-regression-mmd-seed1.arrow');
  });

  it('parses pairs with their flags', () => {
    expect(parsePair('ps1-hsc:paired:h5')).toEqual({
      name: 'ps1-hsc:paired:h5',
      ...{ source: 'ps1', target: 'hsc', paired: true, dataPath: 'galaxy10' },
    });
  });

  it('refuses a bad value with one line naming the option', () => {
    expect(() => parseScienceOptions(['--pairs', 'sdss-euclid'])).toThrow(
      /^--pairs: "sdss-euclid": expected/,
    );
    expect(() => parseScienceOptions(['--pairs', 'sdss-sdss'])).toThrow(
      '--pairs: "sdss-sdss": source and target are the same survey',
    );
    expect(() => parseScienceOptions(['--pairs', 'sdss-hsc:fast'])).toThrow(/unknown flag fast/);
    expect(() => parseScienceOptions(['--tasks', '5class'])).toThrow(/^--tasks: unknown "5class"/);
    expect(() => parseScienceOptions(['--variants', 'magic'])).toThrow(/^--variants: unknown "magic"/);
    expect(() => parseScienceOptions(['--seeds', '0'])).toThrow(
      '--seeds: expected a positive integer, got "0"',
    );
    expect(() => parseScienceOptions(['--epochs', 'many'])).toThrow(/^--epochs: expected a positive integer/);
  });
});
