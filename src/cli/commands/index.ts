import type { Command } from 'commander';
import { registerSimulate } from './simulate';
import { registerTrain } from './train';
import { registerEvaluate } from './evaluate';
import { registerReport } from './report';
import { registerIngest } from './ingest';
import { registerCloud } from './cloud';
import { registerRun } from './run';
import { registerData } from './data';

/** Every subcommand, registered in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerSimulate,
  registerTrain,
  registerEvaluate,
  registerReport,
  registerIngest,
  registerCloud,
  registerData,
  registerRun,
];
