import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  LAMBDA_ARM_64,
  LAMBDA_X86_64,
  copyShippedPackages,
  importedExternalModules,
  resolveShippedPackages,
} from '../lib/lambda-node-modules';

/**
 * The afterBundling step of the workflow's Lambdas (infra/lib/workflow-functions.ts):
 * `copy-lambda-modules --project-root <in> --bundle <out> --cpu x64 sharp h5wasm` copies the external
 * modules the bundle imports (from esbuild's index.meta.json, removed afterwards) with their
 * dependency closure from the local node_modules. Offline: nothing is installed.
 */
const { values, positionals } = parseArgs({
  options: {
    'project-root': { type: 'string' },
    bundle: { type: 'string' },
    cpu: { type: 'string', default: 'x64' },
  },
  allowPositionals: true,
});
const projectRoot = values['project-root'];
const bundle = values.bundle;
if (!projectRoot || !bundle || !['x64', 'arm64'].includes(values.cpu ?? '')) {
  throw new Error(
    `usage: copy-lambda-modules --project-root <dir> --bundle <dir> [--cpu x64|arm64] <module>...; got ${process.argv.slice(2).join(' ')}`,
  );
}
const metafilePath = path.join(bundle, 'index.meta.json');
const metafile: unknown = JSON.parse(fs.readFileSync(metafilePath, 'utf8'));
fs.rmSync(metafilePath);
const platform = values.cpu === 'arm64' ? LAMBDA_ARM_64 : LAMBDA_X86_64;
const modules = importedExternalModules(metafile, positionals);
copyShippedPackages(resolveShippedPackages(modules, projectRoot, platform), bundle);
