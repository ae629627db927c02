import type { Command } from 'commander';

type Registration = (program: Command) => void;

/**
 * Every subcommand, in the order `--help` lists them, each loaded only when needed: `train` must not
 * load the workflow, the CDK stack or the report to start (the trainer image ships none of them).
 */
export const COMMANDS = {
  simulate: (): Promise<Registration> => import('./simulate').then((command) => command.registerSimulate),
  train: (): Promise<Registration> => import('./train').then((command) => command.registerTrain),
  evaluate: (): Promise<Registration> => import('./evaluate').then((command) => command.registerEvaluate),
  report: (): Promise<Registration> => import('./report').then((command) => command.registerReport),
  ingest: (): Promise<Registration> => import('./ingest').then((command) => command.registerIngest),
  cloud: (): Promise<Registration> => import('./cloud').then((command) => command.registerCloud),
  data: (): Promise<Registration> => import('./data').then((command) => command.registerData),
  run: (): Promise<Registration> => import('./run').then((command) => command.registerRun),
} as const;

export type CommandName = keyof typeof COMMANDS;

/** Other names of a command: `demo` is `run` on the built-in simulated config. */
export const ALIASES: Readonly<Record<string, CommandName>> = { demo: 'run' };
