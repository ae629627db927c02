import { TrainingError } from '../errors';

/**
 * Step decay: the learning rate of a (0-based) epoch, `baseRate · gamma^floor(epoch / stepEpochs)`;
 * ×0.1 every 10 epochs for the 10-class task and every 7 for the 3-class task (ALGORITHM.md).
 */
export function stepDecayLearningRate(
  baseRate: number,
  epoch: number,
  stepEpochs: number,
  gamma = 0.1,
): number {
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new TrainingError(`epoch must be an integer ≥ 0, got ${epoch}`);
  if (!Number.isInteger(stepEpochs) || stepEpochs < 1) {
    throw new TrainingError(`lrStepEpochs must be an integer ≥ 1, got ${stepEpochs}`);
  }
  return baseRate * gamma ** Math.floor(epoch / stepEpochs);
}
