import type { Command } from 'commander';

/** Every subcommand, registered in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [];
