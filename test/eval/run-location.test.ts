import { parseRunLocation } from '../../src/eval/run-location';
import { InvalidConfigError } from '../../src/errors';

describe('run locations', () => {
  it.each([
    ['out/runs/abc', 'out', 'abc'],
    ['/data/store/runs/abc/', '/data/store', 'abc'],
    ['runs/abc', '.', 'abc'],
    ['file:///data/runs/r-1', 'file:///data', 'r-1'],
    ['s3://bucket/prefix/runs/r.1', 's3://bucket/prefix', 'r.1'],
    ['s3://bucket/runs/r1', 's3://bucket', 'r1'],
  ])('%s is run %s in store %s', (location, storeUri, runId) => {
    expect(parseRunLocation(location)).toEqual({ storeUri, runId });
  });

  it('refuses a path that is not <store>/runs/<runId>, saying what it expects', () => {
    expect(() => parseRunLocation('/data/abc')).toThrow(InvalidConfigError);
    expect(() => parseRunLocation('/data/abc')).toThrow(/expected <store>\/runs\/<runId>/);
  });
});
