import { InvalidConfigError } from '../../src/errors';

interface AslValidation {
  readonly isValid: boolean;
  errorsText(separator?: string): string;
}

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => AslValidation;

// asl-validator ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as AslValidator;

/** Checks a definition against the Amazon States Language schema; throws listing every problem. */
export function validateDefinition(definition: unknown): void {
  const result = aslValidator(definition, { checkPaths: true, checkArn: true });
  if (!result.isValid) {
    throw new InvalidConfigError(`State machine definition is not valid ASL: ${result.errorsText('; ')}`);
  }
}
