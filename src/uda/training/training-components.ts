import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../../config/run-config';
import type { Domain } from '../../data/dataset';
import { createModel, type UdaModel } from '../../model';
import { lossParameters } from '../loss-parameters';
import { MemoryBank } from '../memory-bank';
import { METHODS, memoryBankDomains, type LossParameters, type MethodName } from '../methods';
import { NesterovSgd } from '../nesterov-sgd';
import type { RandomStreams } from './random-streams';
import type { TrainingData } from './training-data';

/** Everything a training step changes or reads; owned by trainMember, disposed with disposeComponents. */
export interface TrainingComponents {
  readonly method: MethodName;
  readonly model: UdaModel;
  readonly optimizer: NesterovSgd;
  /** Trainable variables by stable name (independent of the model instance, so checkpoints carry over). */
  readonly variables: Readonly<Record<string, tf.Variable>>;
  readonly banks: Partial<Record<Domain, MemoryBank>>;
  readonly lossParameters: LossParameters;
  /** Target batches go into the loss (not only through the target BN, as in source-only). */
  readonly targetInLoss: boolean;
  /** Target batches go through the model at all. */
  readonly usesTarget: boolean;
}

/**
 * Methods whose own loss never reads the target batch; source-only still forwards it to adapt target BN,
 * and inside the loss when self-supervision uses the target's views.
 */
const TARGET_FREE_METHODS: ReadonlySet<MethodName> = new Set(['none', 'source-only']);

/**
 * Builds model, optimizer and memory banks for a run, freshly initialized from the member's seed.
 * Memory banks start as random unit vectors (DANCE's initialization), reproducible under the seed.
 */
export function createComponents(
  config: RunConfig,
  data: TrainingData,
  streams: RandomStreams,
): TrainingComponents {
  const traits = METHODS[config.method];
  const { imageSize } = config.model;
  const { selfSupervision } = config.hyperparameters;
  const model = createModel(
    {
      architecture: config.model.architecture,
      numClasses: config.classes.source.length,
      inputShape: [imageSize, imageSize, data.sourceTrain.channels],
      temperature: config.hyperparameters.temperature,
      heads: {
        ova: traits.ovaHead,
        regression: config.regression !== undefined,
        // Only where asked, so that every other model's config reads as it did before the head existed.
        ...(selfSupervision && selfSupervision.projectionHead && { projection: true }),
      },
      sharedBatchNorm: !traits.domainSpecificBn,
    },
    streams.modelSeed,
  );
  const variables = model.namedTrainableVariables();
  const decayed = new Set(model.weightDecayVariables());
  const h = config.hyperparameters;
  const optimizer = new NesterovSgd({
    learningRate: h.learningRate,
    momentum: h.momentum,
    weightDecay: h.weightDecay,
    decays: (name) => decayed.has(variables[name]),
  });
  const banks: Partial<Record<Domain, MemoryBank>> = {};
  for (const domain of memoryBankDomains(config.method, h.clustering)) {
    const size = domain === 'source' ? data.sourceTrain.n : data.target.n;
    const seed = streams.integerSeed(`bank/${domain}`);
    banks[domain] = MemoryBank.random(domain, size, model.featureDim, h.memoryMomentum, seed);
  }
  return {
    method: config.method,
    model,
    optimizer,
    variables,
    banks,
    lossParameters: lossParameters(config, h.classBalancedSampling ? undefined : data.sourceClassCounts),
    targetInLoss:
      traits.usesTarget && (!TARGET_FREE_METHODS.has(config.method) || Boolean(h.selfSupervision)),
    usesTarget: traits.usesTarget,
  };
}

export function disposeComponents(components: TrainingComponents): void {
  components.model.dispose();
  components.optimizer.dispose();
  for (const bank of Object.values(components.banks)) bank?.dispose();
}
