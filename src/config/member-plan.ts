import { isTargetMonitor, type MethodName } from './run-config-schema';
import type { RunConfig } from './run-config-types';

/** What one array child of a run trains. */
export interface MemberPlan {
  /** The array index: 0..members-1 are the ensemble, then one per baseline. */
  readonly member: number;
  readonly method: MethodName;
  /** Whether this child is a baseline rather than an ensemble member of the method. */
  readonly baseline: boolean;
  /**
   * The member whose random streams (initialization, batch order, augmentation) this child uses:
   * itself, or member 0 for a baseline, so a baseline differs from member 0 only in the method (and
   * in training without target self-supervision, see memberConfig).
   */
  readonly randomStreamsOf: number;
}

/** Number of array children a run needs: its ensemble members plus one per baseline. */
export function arraySize(config: Pick<RunConfig, 'ensemble'>): number {
  return config.ensemble.members + config.ensemble.baselines.length;
}

/** The plan of array child `member`; throws RangeError outside 0..arraySize-1. */
export function memberPlan(
  config: Pick<RunConfig, 'ensemble' | 'method' | 'seed'>,
  member: number,
): MemberPlan {
  const { members, baselines } = config.ensemble;
  if (!Number.isInteger(member) || member < 0 || member >= arraySize(config)) {
    throw new RangeError(`member must be an integer in 0..${arraySize(config) - 1}, got ${member}`);
  }
  if (member < members) {
    return { member, method: config.method, baseline: false, randomStreamsOf: member };
  }
  return { member, method: baselines[member - members], baseline: true, randomStreamsOf: 0 };
}

/**
 * The config array child `plan` trains: the run's, with the child's method. A baseline shows what
 * training without adaptation gives, so it also trains without the run's target self-supervision,
 * reads both surveys as they are, without matching the target's intensities or either's field, and
 * keeps its epoch by the source validation loss rather than by a monitor of the unlabelled target (a
 * labelled target split the user supplies still picks it).
 */
export function memberConfig(config: RunConfig, plan: MemberPlan): RunConfig {
  if (!plan.baseline) return { ...config, method: plan.method };
  const { selfSupervision: _adaptation, ...hyperparameters } = config.hyperparameters;
  const monitor = isTargetMonitor(hyperparameters.monitor) ? 'source-val-loss' : hyperparameters.monitor;
  return {
    ...config,
    method: plan.method,
    data: { ...config.data, intensityMatch: 'none', commonField: 'none' },
    hyperparameters: { ...hyperparameters, monitor },
  };
}
