import { DeepAstroError } from '../errors';

/** Prints one clear line for a failed command and returns the exit code. */
export function reportCliError(error: unknown): number {
  if (error instanceof DeepAstroError) {
    console.error(`deepastro-uda: ${error.name}: ${error.message}`);
    return 2;
  }
  console.error(`deepastro-uda: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}
