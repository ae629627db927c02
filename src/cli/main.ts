import { buildProgram } from './program';
import { reportCliError } from './report-error';

buildProgram(process.argv)
  .then((program) => program.parseAsync(process.argv))
  .catch((error: unknown) => {
    process.exitCode = reportCliError(error);
  });
