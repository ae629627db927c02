import { arraySize, memberConfig, memberPlan } from '../../src/config/member-plan';
import { resolveConfig } from '../../src/config/run-config';

const data = {
  source: { kind: 'simulate', survey: 'sdss', n: 100 },
  target: { kind: 'simulate', survey: 'decals', n: 100 },
};

describe('member plan', () => {
  it('trains source-only beside an adapting method by default, as one extra array child', () => {
    const config = resolveConfig({ data, method: 'deepastro', ensemble: { members: 2 }, seed: 7 });
    expect(config.ensemble.baselines).toEqual(['source-only']);
    expect(arraySize(config)).toBe(3);
    expect([0, 1, 2].map((m) => memberPlan(config, m))).toEqual([
      { member: 0, method: 'deepastro', baseline: false, randomStreamsOf: 0 },
      { member: 1, method: 'deepastro', baseline: false, randomStreamsOf: 1 },
      { member: 2, method: 'source-only', baseline: true, randomStreamsOf: 0 },
    ]);
  });

  it("trains baselines without the run's target self-supervision and intensity matching, ensemble members with them", () => {
    const config = resolveConfig({
      data,
      method: 'deepastro',
      hyperparameters: { selfSupervision: { weight: 0.5 } },
      ensemble: { members: 1, baselines: ['source-only', 'none'] },
    });
    const [member, sourceOnly, none] = [0, 1, 2].map((m) => memberConfig(config, memberPlan(config, m)));
    expect(member).toEqual(config);
    expect(member.hyperparameters.selfSupervision).toEqual({ weight: 0.5, temperature: 0.1 });
    expect(member.hyperparameters.monitor).toBe('entropy-bimodality');
    for (const baseline of [sourceOnly, none]) {
      expect(baseline.hyperparameters.selfSupervision).toBeUndefined();
      expect(baseline.hyperparameters.monitor).toBe('source-val-loss');
      expect({
        ...baseline.hyperparameters,
        selfSupervision: member.hyperparameters.selfSupervision,
        monitor: member.hyperparameters.monitor,
      }).toEqual(member.hyperparameters);
    }
    expect([sourceOnly.method, none.method]).toEqual(['source-only', 'none']);
    expect([member.data.intensityMatch, member.data.commonField]).toEqual(['auto', 'none']);
    for (const baseline of [sourceOnly, none]) {
      expect(baseline.data).toEqual({ ...config.data, intensityMatch: 'none', commonField: 'none' });
    }
  });

  it('keeps a baseline epoch by the source validation loss under either target monitor, by a labelled target split where the run has one', () => {
    const baselineMonitor = (
      hyperparameters: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) => {
      const config = resolveConfig({ data: { ...data, ...extra }, method: 'deepastro', hyperparameters });
      return memberConfig(config, memberPlan(config, 1)).hyperparameters.monitor;
    };
    expect(baselineMonitor({ monitor: 'snd' })).toBe('source-val-loss');
    expect(baselineMonitor({ monitor: 'entropy-bimodality' })).toBe('source-val-loss');
    const labelled = { targetValidation: { kind: 'simulate', survey: 'decals', n: 50 } };
    expect(baselineMonitor({ monitor: 'target-val-accuracy' }, labelled)).toBe('target-val-accuracy');
  });

  it('adds no baseline beside a baseline method', () => {
    const config = resolveConfig({ data, method: 'source-only', ensemble: { members: 1 } });
    expect(arraySize(config)).toBe(1);
  });

  it('refuses a member outside the array', () => {
    const config = resolveConfig({ data, ensemble: { members: 1, baselines: [] } });
    expect(() => memberPlan(config, 1)).toThrow('member must be an integer in 0..0, got 1');
  });

  it('refuses a single-child run for AWS Batch, which rejects array jobs of size 1', () => {
    const single = { data, method: 'source-only', ensemble: { members: 1 } };
    expect(arraySize(resolveConfig(single))).toBe(1);
    expect(() => resolveConfig(single, { awsBatch: true })).toThrow(
      'ensemble: an AWS Batch array job needs at least 2 children, got 1 (members + baselines)',
    );
    expect(arraySize(resolveConfig({ data, ensemble: { members: 1 } }, { awsBatch: true }))).toBe(2);
  });
});
