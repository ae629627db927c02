import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../../src/errors';
import { l2Normalize } from '../../../src/model/l2-normalize';
import { MemoryBank } from '../../../src/uda/memory-bank';
import {
  disposeMethodLoss,
  memoryBankDomains,
  methodLoss,
  METHODS,
  type LossParameters,
  type MethodInputs,
  type MethodName,
} from '../../../src/uda/methods';
import { NesterovSgd } from '../../../src/uda/nesterov-sgd';
import { useCpuBackend } from '../gradient-check';

beforeAll(useCpuBackend);

const K = 3;
const D = 8;
const B = 6;
const N = 12;

const params: LossParameters = {
  classWeights: [1, 2, 0.5],
  lambda: 0.1,
  separationWeight: 0.3,
  eta: 0.05,
  rho: Math.log(K) / 2,
  margin: Math.log(K) / 4,
  topK: 2,
  temperature: 0.05,
  clustering: 'adaptive',
  ovaSourceWeight: 0.5,
  openEntropyWeight: 0.1,
  mmdBandwidths: [0.5, 1],
};

/** A two-layer stand-in for the model: features = relu(x·W), cosine logits, an OVA head, a regressor. */
class TinyModel {
  readonly variables: Record<string, tf.Variable>;
  constructor(seed: number) {
    const v = (name: string, shape: number[], s: number) =>
      tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', s), true, `tiny${seed}/${name}/kernel`);
    this.variables = Object.fromEntries(
      [
        v('backbone', [5, D], seed),
        v('classifier', [K, D], seed + 1),
        v('ova', [D, 2 * K], seed + 2),
        v('regressor', [D, 1], seed + 3),
      ].map((variable) => [variable.name, variable]),
    );
  }
  private get(name: string): tf.Variable {
    return Object.values(this.variables).find((variable) => variable.name.includes(`/${name}/`))!;
  }
  get prototypes(): tf.Tensor2D {
    return this.get('classifier') as tf.Tensor2D;
  }
  forward(x: tf.Tensor2D) {
    const features = tf.relu(tf.matMul(x, this.get('backbone'))) as tf.Tensor2D;
    const unit = l2Normalize(features);
    const protos = l2Normalize(this.prototypes);
    const logits = tf.div(tf.matMul(unit, protos, false, true), params.temperature) as tf.Tensor2D;
    const ovaLogits = tf.reshape(tf.matMul(features, this.get('ova')), [-1, 2, K]) as tf.Tensor3D;
    const predictions = tf.matMul(features, this.get('regressor'));
    return { features, logits, ovaLogits, predictions };
  }
  dispose(): void {
    tf.dispose(Object.values(this.variables));
  }
}

interface StepData {
  sourceX: tf.Tensor2D;
  targetX: tf.Tensor2D;
  labels: tf.Tensor1D;
  targets: tf.Tensor1D;
  targetIds: tf.Tensor1D;
}

function stepData(seed: number, regression: boolean): StepData {
  return {
    sourceX: tf.randomNormal([B, 5], 0, 1, 'float32', seed) as tf.Tensor2D,
    targetX: tf.randomNormal([B, 5], 0.5, 1, 'float32', seed + 1) as tf.Tensor2D,
    labels: regression ? tf.tensor1d([], 'int32') : tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'),
    targets: tf.tensor1d([0.5, 1, 1.5, 2, 2.5, 3]),
    targetIds: tf.tensor1d([0, 2, 4, 6, 8, 10], 'int32'),
  };
}

function inputsFor(
  model: TinyModel,
  data: StepData,
  regression: boolean,
  banks: Partial<Record<'source' | 'target', MemoryBank>>,
): MethodInputs {
  const source = model.forward(data.sourceX);
  const target = model.forward(data.targetX);
  return {
    source: regression
      ? { features: source.features, predictions: source.predictions, targets: data.targets }
      : {
          features: source.features,
          logits: source.logits,
          ovaLogits: source.ovaLogits,
          labels: data.labels,
        },
    target: {
      features: target.features,
      logits: target.logits,
      ovaLogits: target.ovaLogits,
      bankIndices: data.targetIds,
    },
    prototypes: model.prototypes,
    banks: { source: banks.source?.features, target: banks.target?.features },
  };
}

const METHOD_ORDER: MethodName[] = ['none', 'source-only', 'deepastro', 'dance', 'ovanet', 'mmd'];

const cases: Array<{ method: MethodName; regression: boolean; terms: string[] }> = [
  { method: 'none', regression: false, terms: ['ce'] },
  { method: 'source-only', regression: true, terms: ['mse'] },
  { method: 'deepastro', regression: false, terms: ['ce', 'cluster', 'entropySeparation'] },
  { method: 'dance', regression: false, terms: ['ce', 'cluster', 'entropySeparation'] },
  { method: 'ovanet', regression: false, terms: ['ce', 'ovaPositive', 'ovaHardNegative', 'openEntropy'] },
  { method: 'mmd', regression: true, terms: ['mse', 'mmd'] },
];

describe.each(cases)('method $method', ({ method, regression, terms }) => {
  it('trains 20 steps with finite terms, the documented composition, and a flat tensor count', () => {
    const model = new TinyModel(100 + METHOD_ORDER.indexOf(method) * 10);
    const optimizer = new NesterovSgd({ learningRate: 0.01 });
    const banks: Partial<Record<'source' | 'target', MemoryBank>> = {};
    for (const domain of memoryBankDomains(method, params.clustering))
      banks[domain] = MemoryBank.random(domain, N, D, 0.5, 7);
    const data = stepData(1, regression);
    let count = 0;
    for (let step = 0; step < 20; step += 1) {
      if (step === 2) count = tf.memory().numTensors;
      let loss: ReturnType<typeof methodLoss> | undefined;
      const { value, grads } = tf.variableGrads(() => {
        loss = methodLoss(method, inputsFor(model, data, regression, banks), params);
        return loss.total;
      });
      optimizer.applyGradients(model.variables, grads);
      const read = Object.fromEntries(
        Object.entries(loss!.terms).map(([name, t]) => [name, t.dataSync()[0]]),
      );
      expect(Object.keys(read).sort()).toEqual([...terms].sort());
      Object.values(read).forEach((v) => expect(Number.isFinite(v)).toBe(true));
      expect(value.dataSync()[0]).toBeCloseTo(expectedTotal(method, read), 4);
      if (banks.target)
        tf.tidy(() => banks.target!.update(data.targetIds, model.forward(data.targetX).features));
      tf.dispose([value, ...Object.values(grads)]);
      disposeMethodLoss(loss!);
    }
    expect(tf.memory().numTensors).toBe(count);
    model.dispose();
    optimizer.dispose();
    Object.values(banks).forEach((bank) => bank.dispose());
    tf.dispose(Object.values(data));
  });
});

/** Each method's total, recomposed by hand from its (unweighted) terms. */
function expectedTotal(method: MethodName, t: Record<string, number>): number {
  switch (method) {
    case 'deepastro':
      return t.ce + params.lambda * t.cluster + params.separationWeight * t.entropySeparation;
    case 'dance':
      return t.ce + params.eta * (t.cluster + t.entropySeparation);
    case 'ovanet':
      return (
        t.ce +
        params.ovaSourceWeight * (t.ovaPositive + t.ovaHardNegative) +
        params.openEntropyWeight * t.openEntropy
      );
    case 'mmd':
      return t.mse + params.lambda * t.mmd;
    default:
      return t.ce ?? t.mse;
  }
}

describe('methods', () => {
  it('report the share of positive pairs for adaptive clustering', () => {
    const model = new TinyModel(500);
    const banks = {
      source: MemoryBank.random('source', N, D, 0.5, 1),
      target: MemoryBank.random('target', N, D, 0.5, 2),
    };
    const data = stepData(3, false);
    const share = tf.tidy(() => {
      const loss = methodLoss('deepastro', inputsFor(model, data, false, banks), params);
      const value = loss.diagnostics.positivePairShare.dataSync()[0];
      disposeMethodLoss(loss);
      return value;
    });
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
    model.dispose();
    Object.values(banks).forEach((bank) => bank.dispose());
    tf.dispose(Object.values(data));
  });

  it('name the model output a method is missing', () => {
    const features = tf.zeros([2, D]) as tf.Tensor2D;
    const logits = tf.zeros([2, K]) as tf.Tensor2D;
    const labels = tf.tensor1d([0, 1], 'int32');
    const call = () =>
      tf.tidy(() => void methodLoss('ovanet', { source: { features, logits, labels } }, params));
    expect(call).toThrow(TrainingError);
    expect(call).toThrow('method "ovanet" needs source.ovaLogits, which was not given');
    expect(() =>
      tf.tidy(
        () =>
          void methodLoss(
            'dance',
            { source: { features, logits, labels }, target: { features, logits } },
            params,
          ),
      ),
    ).toThrow(/needs the target memory bank/);
  });

  it('declare which model and banks each method needs', () => {
    expect(METHODS.none.domainSpecificBn).toBe(false);
    expect(METHODS.ovanet.ovaHead).toBe(true);
    expect(memoryBankDomains('deepastro', 'adaptive')).toEqual(['source', 'target']);
    expect(memoryBankDomains('deepastro', 'neighborhood')).toEqual(['target']);
    expect(memoryBankDomains('dance', 'adaptive')).toEqual(['target']);
    expect(memoryBankDomains('source-only', 'adaptive')).toEqual([]);
  });
});
