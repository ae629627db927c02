/**
 * The headline tasks of the study (ALGORITHM.md): class lists per domain. The domain-adaptation
 * setting (closed, partial, open, open-partial) follows from the two lists, never from a flag.
 */
export const GALAXY10_CLASSES = [
  'round_smooth',
  'in_between_smooth',
  'cigar',
  'edge_on_bulge',
  'edge_on_no_bulge',
  'barred_spiral',
  'unbarred_tight_spiral',
  'unbarred_loose_spiral',
  'disturbed',
  'merging',
] as const;

/** Every morphology the simulator can render. */
export const SIMULATED_CLASSES = ['elliptical', 'spiral', 'merger', 'lens', ...GALAXY10_CLASSES] as const;
export type SimulatedClass = (typeof SIMULATED_CLASSES)[number];

export interface TaskClasses {
  readonly source: readonly SimulatedClass[];
  readonly target: readonly SimulatedClass[];
}

export const TASKS = {
  /** Source {spiral, elliptical}; target adds merger, the unknown. */
  '3class': { source: ['elliptical', 'spiral'], target: ['elliptical', 'spiral', 'merger'] },
  /** Source: the ten Galaxy10 morphologies; target adds strong lenses, the unknown. */
  '10class': { source: [...GALAXY10_CLASSES], target: [...GALAXY10_CLASSES, 'lens'] },
} as const satisfies Record<string, TaskClasses>;
export type TaskName = keyof typeof TASKS;

export type DaSetting = 'closed' | 'partial' | 'open' | 'open-partial';

/** The DA setting implied by two class lists (ALGORITHM.md, "The problem"). */
export function daSetting(source: readonly string[], target: readonly string[]): DaSetting {
  const sourcePrivate = source.some((name) => !target.includes(name));
  const targetPrivate = target.some((name) => !source.includes(name));
  if (sourcePrivate && targetPrivate) return 'open-partial';
  if (targetPrivate) return 'open';
  if (sourcePrivate) return 'partial';
  return 'closed';
}
