import { CommanderError } from 'commander';
import { TRAINER_RETRY_EXIT_CODE } from '../cloud/stack-contract';
import { DeepAstroError } from '../errors';

/** Exit code of a command stopped by bad input: config, options or data files. */
export const USER_ERROR_EXIT_CODE = 2;

/**
 * Prints one clear line for a failed command and returns the exit code: a retryable error (throttling,
 * a stalled or dropped connection) exits with the code the Batch job definition retries (75,
 * EX_TEMPFAIL), any other typed error or a usage error with 2, anything unexpected with 1 and its stack.
 */
export function reportCliError(error: unknown): number {
  // commander has printed its own line (a missing option, an unknown command) or the help already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USER_ERROR_EXIT_CODE;
  if (error instanceof DeepAstroError) {
    console.error(`deepastro-uda: ${error.name}: ${error.message}`);
    return error.retryable ? TRAINER_RETRY_EXIT_CODE : USER_ERROR_EXIT_CODE;
  }
  console.error(`deepastro-uda: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}
