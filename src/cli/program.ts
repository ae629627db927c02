import { Command } from 'commander';
import { ALIASES, COMMANDS, type CommandName } from './commands';

/**
 * The `deepastro-uda` command line: each subcommand lives in its own file under commands/. When argv
 * names a subcommand, only that one is loaded; `--help` and unknown commands load them all, to list them.
 */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('deepastro-uda')
    .description('Universal domain adaptation for galaxy morphology across sky surveys')
    .showHelpAfterError();
  const named = ALIASES[argv[2] ?? ''] ?? argv[2] ?? '';
  const wanted = Object.hasOwn(COMMANDS, named)
    ? [named as CommandName]
    : (Object.keys(COMMANDS) as CommandName[]);
  for (const name of wanted) (await COMMANDS[name]())(program);
  return program;
}
