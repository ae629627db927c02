import { buildProgram } from './program';
import { reportCliError } from './report-error';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportCliError(error);
  });
