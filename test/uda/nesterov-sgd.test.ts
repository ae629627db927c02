import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../src/errors';
import { NesterovSgd } from '../../src/uda/nesterov-sgd';
import { expectNoTensorLeak, useCpuBackend } from './gradient-check';

beforeAll(useCpuBackend);

/** PyTorch's SGD(nesterov=True, weight_decay) on plain numbers. */
function referenceSteps(theta: number[], grads: number[][], lr: number, mu: number, wd: number): number[] {
  const buffer = theta.map(() => 0);
  const p = [...theta];
  for (const g of grads) {
    p.forEach((value, i) => {
      const gi = g[i] + wd * value;
      buffer[i] = mu * buffer[i] + gi;
      p[i] = value - lr * (gi + mu * buffer[i]);
    });
  }
  return p;
}

describe('NesterovSgd', () => {
  const grads = [
    [0.5, -1],
    [0.2, 0.3],
    [-0.4, 0.1],
  ];

  it('follows the Nesterov update with weight decay on kernels only', () => {
    const kernel = tf.variable(tf.tensor1d([1, -2]), true, 'sgd-test/conv/kernel');
    const gamma = tf.variable(tf.tensor1d([1, -2]), true, 'sgd-test/bn/gamma');
    const optimizer = new NesterovSgd({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.01 });
    for (const g of grads) {
      tf.tidy(() =>
        optimizer.applyGradients(
          { [kernel.name]: kernel, [gamma.name]: gamma },
          { [kernel.name]: tf.tensor1d(g), [gamma.name]: tf.tensor1d(g) },
        ),
      );
    }
    const decayed = referenceSteps([1, -2], grads, 0.1, 0.9, 0.01);
    const plain = referenceSteps([1, -2], grads, 0.1, 0.9, 0);
    (kernel.arraySync() as number[]).forEach((v, i) => expect(v).toBeCloseTo(decayed[i], 5));
    (gamma.arraySync() as number[]).forEach((v, i) => expect(v).toBeCloseTo(plain[i], 5));
    expect(optimizer.step).toBe(3);
    tf.dispose([kernel, gamma]);
    optimizer.dispose();
  });

  it('resumes from saved state exactly as if never interrupted', async () => {
    const run = async (interruptAfter?: number): Promise<number[]> => {
      const theta = tf.variable(tf.tensor1d([0.3, 0.7]), true, `sgd-resume-${interruptAfter}/kernel`);
      let optimizer = new NesterovSgd({ learningRate: 0.05 });
      for (let step = 0; step < grads.length; step += 1) {
        if (step === interruptAfter) {
          const state = await optimizer.getState();
          optimizer.dispose();
          optimizer = new NesterovSgd({ learningRate: 1 });
          optimizer.setState(state);
        }
        tf.tidy(() =>
          optimizer.applyGradients({ [theta.name]: theta }, { [theta.name]: tf.tensor1d(grads[step]) }),
        );
      }
      const values = theta.arraySync() as number[];
      theta.dispose();
      optimizer.dispose();
      return values;
    };
    expect(await run(2)).toEqual(await run());
  });

  it('leaks no tensors across steps and refuses bad settings', () => {
    const theta = tf.variable(tf.tensor1d([1, 2]), true, 'sgd-leak/kernel');
    const optimizer = new NesterovSgd();
    const gradient = tf.tensor1d([0.1, 0.1]);
    expectNoTensorLeak(
      () => optimizer.applyGradients({ [theta.name]: theta }, { [theta.name]: gradient }),
      20,
    );
    expect(() => optimizer.applyGradients({}, { nope: gradient })).toThrow(/unknown variable "nope"/);
    expect(() => new NesterovSgd({ momentum: 1 })).toThrow(TrainingError);
    expect(() => new NesterovSgd({ learningRate: 0 })).toThrow(/learningRate must be > 0/);
    optimizer.dispose();
    theta.dispose();
  });
});
