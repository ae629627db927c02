import { OutOfMemoryError } from '../../src/errors';
import { isOutOfMemory, withMemoryGuard, withMemoryGuardSync } from '../../src/runtime';

class RuntimeError extends Error {
  override name = 'RuntimeError';
}

describe('withMemoryGuard', () => {
  test.each([
    new RuntimeError('Aborted(OOM). Build with -sASSERTIONS for more info.'),
    new RuntimeError('Aborted(Cannot enlarge memory arrays to size 4294967296 bytes)'),
    new RangeError('Array buffer allocation failed'),
  ])('turns %s into OutOfMemoryError naming the batch size', async (abort) => {
    const attempt = withMemoryGuard(() => Promise.reject(abort), { batchSize: 32 });
    await expect(attempt).rejects.toThrow(OutOfMemoryError);
    await expect(withMemoryGuard(() => Promise.reject(abort), { batchSize: 32 })).rejects.toThrow(
      /out of memory at batch size 32 .*e\.g\. 16/,
    );
  });

  test('passes results and other errors through', async () => {
    await expect(withMemoryGuard(() => 3, { batchSize: 8 })).resolves.toBe(3);
    await expect(
      withMemoryGuard(() => Promise.reject(new TypeError('bad shape')), { batchSize: 8 }),
    ).rejects.toThrow(TypeError);
    expect(isOutOfMemory(new Error('Error in conv2d: depth mismatch'))).toBe(false);
  });

  test('the sync form does the same for a synchronous step', () => {
    const abort = () => {
      throw new RuntimeError('Aborted(OOM)');
    };
    expect(() => withMemoryGuardSync(abort, { batchSize: 1 })).toThrow(/batch size 1 .*e\.g\. 1/);
    expect(withMemoryGuardSync(() => 'ok', { batchSize: 1 })).toBe('ok');
  });
});
