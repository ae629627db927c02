import * as tf from '@tensorflow/tfjs-core';
import pino from 'pino';
import { Writable } from 'node:stream';
import { InvalidConfigError } from '../../src/errors';
import { selectBackend } from '../../src/runtime';

/** A pino logger whose JSON lines land in an array. */
function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const nativeInstalled = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].some((m) => {
  try {
    require.resolve(m);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND';
  }
});
const withoutNative = nativeInstalled ? test.skip : test;

beforeAll(() => tf.env().set('IS_TEST', true));

withoutNative(
  'auto skips the missing native modules with a reason each and lands on wasm with SIMD and the kernels',
  async () => {
    const { logger, lines } = recordingLogger();
    const selected = await selectBackend('auto', logger);
    expect(selected).toMatchObject({ name: 'wasm', kind: 'wasm', threads: 1 });
    expect(selected.registeredKernels).toEqual([
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'DeepAstroNesterovUpdate',
      'DeepAstroBatchNormTraining',
      'DeepAstroBatchNormTrainingGrad',
    ]);
    expect(tf.getBackend()).toBe('wasm');
    const messages = lines.map((l) => String(l.msg));
    expect(messages.some((m) => /backend tensorflow-gpu skipped: .*tfjs-node-gpu/.test(m))).toBe(true);
    expect(messages.some((m) => /backend tensorflow skipped: .*tfjs-node/.test(m))).toBe(true);
    expect(messages.some((m) => /wasm threads are off/.test(m))).toBe(true);
    expect(messages).toContain('TensorFlow.js backend: wasm (@tensorflow/tfjs-backend-wasm)');
  },
);

test('the pure-JS cpu backend only when asked for', async () => {
  const { logger } = recordingLogger();
  expect((await selectBackend('cpu', logger)).name).toBe('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

withoutNative(
  'an explicitly requested backend that does not load is an error, not a silent fallback',
  async () => {
    const { logger } = recordingLogger();
    await expect(selectBackend('tensorflow', logger)).rejects.toThrow(InvalidConfigError);
    await expect(selectBackend('tensorflow', logger)).rejects.toThrow(
      /no TensorFlow.js backend could be loaded for 'tensorflow'/,
    );
  },
);
