import { Command } from 'commander';
import { COMMANDS } from './commands';

/** The `deepastro-uda` command line: each subcommand lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('deepastro-uda')
    .description('Universal domain adaptation for galaxy morphology across sky surveys')
    .showHelpAfterError()
    // Throw instead of exiting, so a usage error exits 2 like every other bad input (report-error.ts).
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}
