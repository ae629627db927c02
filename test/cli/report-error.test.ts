import { reportCliError } from '../../src/cli/report-error';
import { DataFormatError, TransientError } from '../../src/errors';

describe('reportCliError', () => {
  let printed: string[];
  beforeEach(() => {
    printed = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => printed.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints a typed error on one line with its name and exits 2', () => {
    expect(reportCliError(new DataFormatError('a.h5: images must be uint8, got float32'))).toBe(2);
    expect(printed).toEqual(['deepastro-uda: DataFormatError: a.h5: images must be uint8, got float32']);
  });

  it('exits 75, the code the Batch job definition retries, on a retryable error', () => {
    expect(reportCliError(new TransientError('s3://b/k: TimeoutError: socket timed out'))).toBe(75);
    expect(printed).toEqual(['deepastro-uda: TransientError: s3://b/k: TimeoutError: socket timed out']);
  });

  it('exits 1 on an unexpected error', () => {
    expect(reportCliError(new Error('boom'))).toBe(1);
    expect(printed[0]).toContain('boom');
  });
});
