import * as path from 'node:path';

/**
 * The Lambda handlers the workflow calls, defined once: the stack bundles `src/handlers/<file>.ts`
 * with esbuild, and the local executor requires the same file and calls the same export.
 */
export const LAMBDA_HANDLERS = {
  resolveRelease: { file: 'resolve-release', memoryMiB: 512, timeoutMinutes: 2 },
  ingestFile: { file: 'ingest-file', memoryMiB: 1024, timeoutMinutes: 15 },
  evaluate: { file: 'evaluate', memoryMiB: 3008, timeoutMinutes: 15 },
  anomalyReport: { file: 'anomaly-report', memoryMiB: 3008, timeoutMinutes: 15 },
  publish: { file: 'publish', memoryMiB: 512, timeoutMinutes: 2 },
} as const;

export type LambdaHandlerName = keyof typeof LAMBDA_HANDLERS;

export const LAMBDA_HANDLER_NAMES = Object.keys(LAMBDA_HANDLERS) as LambdaHandlerName[];

/** The exported function name in every handler file, as the Lambda runtime calls it. */
export const HANDLER_EXPORT = 'handler';

/** The repository root, found from this file rather than the working directory. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..');

/** Where the handler sources live. */
export const DEFAULT_HANDLERS_DIRECTORY = path.join(REPOSITORY_ROOT, 'src', 'handlers');

/** The source file of one handler in a handlers directory. */
export function handlerEntry(name: LambdaHandlerName, directory = DEFAULT_HANDLERS_DIRECTORY): string {
  return path.join(directory, `${LAMBDA_HANDLERS[name].file}.ts`);
}
