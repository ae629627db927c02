import { REAL_TASKS, type RealTaskName } from './real-tasks';

/**
 * The ten Galaxy10 DECaLS classes, in that file's own label order (labels/label-maps.ts): the
 * simulator's 10-class task uses them, so a simulated file and the real one number classes alike.
 */
export const GALAXY10_CLASSES = [
  'disturbed',
  'merging',
  'round_smooth',
  'in_between_smooth',
  'cigar',
  'barred_spiral',
  'unbarred_tight_spiral',
  'unbarred_loose_spiral',
  'edge_on_no_bulge',
  'edge_on_bulge',
] as const;

/** Every morphology the simulator can render. */
export const SIMULATED_CLASSES = ['elliptical', 'spiral', 'merger', 'lens', ...GALAXY10_CLASSES] as const;
export type SimulatedClass = (typeof SIMULATED_CLASSES)[number];

export interface TaskClasses {
  readonly source: readonly SimulatedClass[];
  readonly target: readonly SimulatedClass[];
}

/**
 * The headline tasks of the study (ALGORITHM.md): class lists per domain. The domain-adaptation
 * setting (closed, partial, open, open-partial) follows from the two lists, never from a flag. The
 * simulator renders these; the galaxy10-* tasks read the public files (real-tasks.ts).
 */
export const TASKS = {
  /** Source {spiral, elliptical}; target adds merger, the unknown. */
  '3class': { source: ['elliptical', 'spiral'], target: ['elliptical', 'spiral', 'merger'] },
  /** Source: the ten Galaxy10 morphologies; target adds strong lenses, the unknown. */
  '10class': { source: [...GALAXY10_CLASSES], target: [...GALAXY10_CLASSES, 'lens'] },
} as const satisfies Record<string, TaskClasses>;
/** A task the simulator can render. */
export type TaskName = keyof typeof TASKS;

/** Every task a run config may name: the simulator's and the real files'. */
export type RunTaskName = TaskName | RealTaskName;
export const RUN_TASK_NAMES = [...Object.keys(TASKS), ...Object.keys(REAL_TASKS)] as [
  RunTaskName,
  ...RunTaskName[],
];

/** The class lists of any run task. */
export function taskClasses(task: RunTaskName): { source: readonly string[]; target: readonly string[] } {
  return task in REAL_TASKS ? REAL_TASKS[task as RealTaskName] : TASKS[task as TaskName];
}

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
