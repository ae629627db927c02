import { TrainingError } from '../../errors';

/** The value, or a TrainingError naming the method and the model output it needs. */
export function requireInput<T>(value: T | undefined, method: string, what: string): T {
  if (value === undefined) throw new TrainingError(`method "${method}" needs ${what}, which was not given`);
  return value;
}
