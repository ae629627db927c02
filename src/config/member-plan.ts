import type { MethodName } from './run-config-schema';
import type { RunConfig } from './run-config-types';

/** What one array child of a run trains. */
export interface MemberPlan {
  /** The array index: 0..members-1 are the ensemble, then one per baseline. */
  readonly member: number;
  readonly method: MethodName;
  /** Whether this child is a baseline rather than an ensemble member of the method. */
  readonly baseline: boolean;
  /** The member's seed: baselines share member 0's seed, so they differ from it only in the method. */
  readonly seed: number;
}

/** Seed of ensemble member i, derived from the run seed so members differ and runs repeat. */
export function memberSeed(runSeed: number, member: number): number {
  return runSeed + 1000 * member;
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
    return { member, method: config.method, baseline: false, seed: memberSeed(config.seed, member) };
  }
  return { member, method: baselines[member - members], baseline: true, seed: memberSeed(config.seed, 0) };
}
