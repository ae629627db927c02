import * as fs from 'node:fs';
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

/**
 * The repository root: the nearest folder above this file holding package.json, found from this file
 * rather than the working directory, so it is the same whether this runs as source (workflows/) or
 * compiled (dist/workflows/).
 */
export const REPOSITORY_ROOT = packageRoot(__dirname);

/** The handlers of this tree: src/handlers as TypeScript from source, as JavaScript under dist/. */
export const DEFAULT_HANDLERS_DIRECTORY = path.resolve(__dirname, '..', 'src', 'handlers');

/** The module file of one handler in a handlers directory: its TypeScript source, else its JavaScript. */
export function handlerEntry(name: LambdaHandlerName, directory = DEFAULT_HANDLERS_DIRECTORY): string {
  const base = path.join(directory, LAMBDA_HANDLERS[name].file);
  return [`${base}.ts`, `${base}.js`].find((file) => fs.existsSync(file)) ?? `${base}.ts`;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
