import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '../../src/errors';
import {
  configHash,
  resolveConfig,
  resolveConfigJson,
  type RunConfigInput,
} from '../../src/config/run-config';

const minimal: RunConfigInput = {
  data: {
    source: { kind: 'simulate', survey: 'sdss', n: 100 },
    target: { kind: 'simulate', survey: 'decals', n: 100 },
  },
};

/** The InvalidConfigError message of resolving input, or a failure if it resolves. */
function errorOf(input: unknown): string {
  try {
    resolveConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return (error as Error).message;
  }
  throw new Error('expected an InvalidConfigError');
}

const withHyperparameters = (hyperparameters: Record<string, unknown>): unknown => ({
  ...minimal,
  hyperparameters,
});

describe('resolveConfig defaults', () => {
  it('fills the 3class defaults of ALGORITHM.md for a CPU', () => {
    const config = resolveConfig(minimal);
    expect(config.classes).toEqual({
      source: ['elliptical', 'spiral'],
      target: ['elliptical', 'spiral', 'merger'],
    });
    expect(config.method).toBe('deepastro');
    expect(config.model).toEqual({ architecture: 'resnet-mini', imageSize: 32 });
    expect(config.ensemble.members).toBe(1);
    const h = config.hyperparameters;
    expect(h).toMatchObject({
      learningRate: 0.001,
      momentum: 0.9,
      weightDecay: 5e-4,
      patience: 12,
      lambda: 0.005,
      separationWeight: 0.005,
    });
    expect(h).toMatchObject({
      eta: 0.05,
      temperature: 0.05,
      topK: 3,
      lrStepEpochs: 7,
      monitor: 'entropy-bimodality',
    });
    expect(h.rho).toBeCloseTo(Math.log(2) / 2, 10);
    expect(h.margin).toBeCloseTo(Math.log(2) / 4, 10);
    expect(config.data.source).toMatchObject({ size: 32, seed: 43 });
    expect(config.data.target).toMatchObject({ size: 32, seed: 44 });
  });

  it('weights entropy separation by λ unless its own weight is given', () => {
    const config = resolveConfig(withHyperparameters({ lambda: 0.01, separationWeight: 0.2 }));
    expect(config.hyperparameters).toMatchObject({ lambda: 0.01, separationWeight: 0.2 });
  });

  it('fills the 10class and GPU defaults', () => {
    const config = resolveConfig({ ...minimal, task: '10class' }, { gpu: true });
    expect(config.classes.source).toHaveLength(10);
    expect(config.classes.target).toContain('lens');
    expect(config.hyperparameters).toMatchObject({ topK: 7, lrStepEpochs: 10 });
    expect(config.hyperparameters.rho).toBeCloseTo(Math.log(10) / 2, 10);
    expect(config.model).toEqual({ architecture: 'resnet50', imageSize: 64 });
    expect(config.ensemble.members).toBe(4);
  });

  it('is idempotent, so a run config read back from storage resolves to itself', () => {
    const config = resolveConfig({ ...minimal, regression: { target: 'half_light_radius_arcsec' } });
    expect(config.method).toBe('mmd');
    expect(resolveConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });
});

describe('resolveConfig errors', () => {
  it('names the field path and what was expected', () => {
    expect(errorOf(withHyperparameters({ learningRate: 'fast' }))).toMatch(
      /^invalid run config: hyperparameters\.learningRate: .*expected number, received string/,
    );
    expect(
      errorOf({ ...minimal, data: { ...minimal.data, source: { kind: 'simulate', survey: 'hst', n: 5 } } }),
    ).toMatch(/data\.source\.survey: .*"sdss"\|"decals".*and 1 more: data\.source\.n/);
    expect(errorOf(withHyperparameters({ lamda: 0.1 }))).toMatch(
      /hyperparameters: Unrecognized key: "lamda"/,
    );
    expect(errorOf({})).toMatch(/^invalid run config: data: /);
  });

  it('refuses a margin that can never train and explains why', () => {
    const message = errorOf(withHyperparameters({ margin: 0.4 }));
    expect(message).toMatch(/hyperparameters\.margin: expected < rho = 0\.3466, got 0\.4/);
    expect(message).toMatch(/no gradient/);
    expect(resolveConfig(withHyperparameters({ margin: 0.3 })).hyperparameters.margin).toBe(0.3);
    expect(errorOf(withHyperparameters({ rho: 0.8 }))).toMatch(
      /hyperparameters\.rho: expected < ln\(K\) = 0\.6931/,
    );
  });

  it('checks rules that span fields', () => {
    expect(
      errorOf({ ...minimal, classes: { source: ['elliptical', 'unicorn'], target: ['elliptical'] } }),
    ).toMatch(/classes\.source\[1\]: the simulator cannot render "unicorn"/);
    expect(
      errorOf({ ...minimal, classes: { source: ['elliptical', 'spiral'], target: ['merger'] } }),
    ).toMatch(/classes\.target: shares no class/);
    expect(errorOf({ ...minimal, method: 'mmd' })).toMatch(
      /regression: method "mmd" .* needs regression\.target/,
    );
    expect(errorOf({ ...minimal, regression: { target: 'r' }, method: 'dance' })).toMatch(
      /method: "dance" does not apply/,
    );
    expect(errorOf(withHyperparameters({ monitor: 'target-val-accuracy' }))).toMatch(
      /needs data\.targetValidation/,
    );
    expect(errorOf(withHyperparameters({ topK: 64 }))).toMatch(/hyperparameters\.topK: expected < 64/);
    expect(
      errorOf({
        ...minimal,
        data: { ...minimal.data, target: { kind: 'simulate', survey: 'decals', n: 100, size: 64 } },
      }),
    ).toMatch(/data\.target\.size: expected 32 \(model\.imageSize\), got 64/);
  });

  it('keeps the epoch by the target entropy split for deepastro on 3 classes, by the source validation loss otherwise', () => {
    const monitor = (input: Record<string, unknown>) =>
      resolveConfig({ ...minimal, ...input }).hyperparameters.monitor;
    expect(monitor({})).toBe('entropy-bimodality');
    expect(monitor({ task: '10class' })).toBe('source-val-loss');
    for (const method of ['source-only', 'dance', 'ovanet', 'none'])
      expect(monitor({ method })).toBe('source-val-loss');
    // The regression default (mmd) and a regression config that names no method pass the regression rule.
    expect(monitor({ regression: { target: 'half_light_radius_arcsec' } })).toBe('source-val-loss');
    expect(monitor({ hyperparameters: { monitor: 'snd' } })).toBe('snd');
    expect(monitor({ task: '10class', hyperparameters: { monitor: 'entropy-bimodality' } })).toBe(
      'entropy-bimodality',
    );
    const tenClass = resolveConfig({ ...minimal, task: '10class' });
    expect(resolveConfig(JSON.parse(JSON.stringify(tenClass)))).toEqual(tenClass);
  });

  it('validates the self-supervision block and refuses it where no target image passes the model', () => {
    // On by default for deepastro (the default method) only; `false` turns it off and stays off.
    expect(resolveConfig(minimal).hyperparameters.selfSupervision).toEqual({ weight: 1, temperature: 0.1 });
    for (const method of ['source-only', 'dance', 'ovanet', 'none']) {
      expect(resolveConfig({ ...minimal, method }).hyperparameters.selfSupervision).toBeUndefined();
    }
    // Off by default on the 10-class tasks; on where asked, and a resolved config resolves the same.
    const tenClass = resolveConfig({ ...minimal, task: '10class' });
    expect(tenClass.hyperparameters.selfSupervision).toBeUndefined();
    expect(resolveConfig(JSON.parse(JSON.stringify(tenClass)))).toEqual(tenClass);
    const asked = resolveConfig({ ...minimal, task: '10class', hyperparameters: { selfSupervision: {} } });
    expect(asked.hyperparameters.selfSupervision).toEqual({ weight: 1, temperature: 0.1 });
    const off = resolveConfig(withHyperparameters({ selfSupervision: false }));
    expect(off.hyperparameters.selfSupervision).toBe(false);
    expect(resolveConfig(JSON.parse(JSON.stringify(off)))).toEqual(off);
    expect(
      resolveConfig({ ...minimal, method: 'none', hyperparameters: { selfSupervision: false } }).method,
    ).toBe('none');
    expect(
      resolveConfig(withHyperparameters({ selfSupervision: {} })).hyperparameters.selfSupervision,
    ).toEqual({ weight: 1, temperature: 0.1 });
    expect(errorOf(withHyperparameters({ selfSupervision: { temperature: 0 } }))).toMatch(
      /^invalid run config: hyperparameters\.selfSupervision\.temperature: .*expected number to be >0/,
    );
    expect(errorOf(withHyperparameters({ selfSupervision: { weight: -1 } }))).toMatch(
      /hyperparameters\.selfSupervision\.weight: /,
    );
    expect(
      resolveConfig(withHyperparameters({ selfSupervision: { projectionHead: true } })).hyperparameters
        .selfSupervision,
    ).toEqual({ weight: 1, temperature: 0.1, projectionHead: true });
    expect(errorOf(withHyperparameters({ selfSupervision: { projectionHead: 'yes' } }))).toMatch(
      /hyperparameters\.selfSupervision\.projectionHead: .*expected boolean/,
    );
    // Neither an object nor false: the union's own line.
    expect(errorOf(withHyperparameters({ selfSupervision: 'yes' }))).toMatch(
      /^invalid run config: hyperparameters\.selfSupervision: Invalid input$/,
    );
    expect(errorOf(withHyperparameters({ selfSupervision: { tau: 0.1 } }))).toMatch(
      /hyperparameters\.selfSupervision: Unrecognized key: "tau"/,
    );
    expect(errorOf({ ...minimal, hyperparameters: { selfSupervision: {} }, method: 'none' })).toMatch(
      /hyperparameters\.selfSupervision: method "none" never passes target images/,
    );
  });

  it('turns malformed JSON into the same kind of error', () => {
    expect(() => resolveConfigJson('{ "task": ')).toThrow(InvalidConfigError);
    expect(() => resolveConfigJson('{ "task": ')).toThrow(/\(root\): not valid JSON/);
  });
});

describe('configHash', () => {
  it('is a short stable hash that ignores key order and changes with any value', () => {
    const config = resolveConfig(minimal);
    expect(configHash(config)).toMatch(/^[0-9a-f]{12}$/);
    expect(configHash({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(configHash({ a: [1, { c: 3, d: 2 }], b: 1 }));
    expect(configHash(resolveConfig(JSON.parse(JSON.stringify(config))))).toBe(configHash(config));
    expect(configHash(resolveConfig({ ...minimal, seed: 1 }))).not.toBe(configHash(config));
  });
});

describe('examples/', () => {
  const folder = join(__dirname, '..', '..', 'examples');
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));

  it('holds at least three example configs', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s validates', (name) => {
    const config = resolveConfigJson(readFileSync(join(folder, name), 'utf8'));
    expect(config.hyperparameters.margin).toBeLessThan(config.hyperparameters.rho);
  });
});

describe('names shared with other modules', () => {
  it('match the runtime backends and the model architectures', async () => {
    const { BACKENDS, ARCHITECTURES } = await import('../../src/config/run-config');
    const { BACKEND_PREFERENCES } = await import('../../src/runtime/select-backend');
    const model = await import('../../src/model/types');
    expect([...BACKENDS]).toEqual([...BACKEND_PREFERENCES]);
    expect([...ARCHITECTURES]).toEqual([...model.ARCHITECTURES]);
  });
});

describe('real-data tasks on the Galaxy10 files', () => {
  const files = {
    source: { kind: 'uri', uri: '/data/Galaxy10.h5', labels: 'galaxy10-sdss' },
    target: { kind: 'uri', uri: '/data/Galaxy10_DECals.h5', labels: 'galaxy10-decals' },
  } as const;

  it('fill each file source with its class map into the task, unless the source gives one', () => {
    const config = resolveConfig({ task: 'galaxy10-3class', data: files });
    expect(config.classes).toEqual({
      source: ['elliptical', 'spiral'],
      target: ['elliptical', 'spiral', 'merger'],
    });
    const source = config.data.source as { classMap?: Record<string, string> };
    const target = config.data.target as { classMap?: Record<string, string> };
    expect(source.classMap?.face_on_medium_spiral).toBe('spiral');
    expect(source.classMap?.edge_on_bulge).toBeUndefined();
    expect(target.classMap?.merging).toBe('merger');
    expect(target.classMap?.disturbed).toBeUndefined();
    const own = { ...files.source, classMap: { round_smooth: 'elliptical', face_on_tight_spiral: 'spiral' } };
    const given = resolveConfig({ task: 'galaxy10-3class', data: { ...files, source: own } });
    expect((given.data.source as { classMap?: object }).classMap).toEqual(own.classMap);
    // The 10-class task is open-partial: five shared classes, five private on each side.
    const ten = resolveConfig({ task: 'galaxy10-10class', data: files });
    expect(ten.classes.target.filter((name) => ten.classes.source.includes(name))).toEqual([
      'round_smooth',
      'in_between_smooth',
      'cigar',
      'edge_on_no_bulge',
      'edge_on_bulge',
    ]);
    expect(resolveConfigJson(JSON.stringify(config))).toEqual(config);
  });

  it('refuse a Galaxy10 task on a file without its label map, and a class map that misses a class', () => {
    const unnamed = { ...files, target: { kind: 'uri', uri: '/data/Galaxy10_DECals.h5' } };
    expect(() => resolveConfig({ task: 'galaxy10-3class', data: unnamed })).toThrow(
      /data\.target\.labels: task "galaxy10-3class" reads the public Galaxy10 files/,
    );
    const partial = { ...files.target, classMap: { round_smooth: 'elliptical', merging: 'merger' } };
    expect(() => resolveConfig({ task: 'galaxy10-3class', data: { ...files, target: partial } })).toThrow(
      /data\.target\.classMap: maps no file class to "spiral" of classes\.target/,
    );
    expect(() =>
      resolveConfig({ data: { ...files, source: { ...files.source, labels: 'galaxy10-hst' } } }),
    ).toThrow(/data\.source\.labels/);
  });
});
