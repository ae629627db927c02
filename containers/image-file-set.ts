import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';

/** One COPY line of a Dockerfile stage: from the build context, or from an earlier stage. */
export interface CopyInstruction {
  /** The stage named by --from=, or undefined for the build context. */
  readonly fromStage?: string;
  readonly sources: readonly string[];
  readonly destination: string;
}

/** A Dockerfile's stages in order, each with its name (AS ...) and COPY lines. */
export interface DockerfileStage {
  readonly name?: string;
  readonly copies: readonly CopyInstruction[];
}

/** Reads the FROM and COPY lines of a Dockerfile (continuation lines joined, comments dropped). */
export function readDockerfileStages(file: string): DockerfileStage[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { name?: string; copies: CopyInstruction[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      stages.push({ name: from[1], copies: [] });
      continue;
    }
    if (!/^COPY\s/i.test(line)) continue;
    const words = line.split(/\s+/).slice(1);
    const fromStage = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    const stage = stages.at(-1);
    if (!stage || paths.length < 2) throw new Error(`${file}: cannot read '${line}'`);
    stage.copies.push({ fromStage, sources: paths.slice(0, -1), destination: paths.at(-1)! });
  }
  return stages;
}

/**
 * Where a stand-in finds what an earlier stage built at `stagePath` (an absolute path inside that
 * stage, e.g. /app/node_modules): a folder on this machine, or undefined when it has no stand-in.
 */
export type StageOutputs = (stage: string, stagePath: string) => string | undefined;

/**
 * Assembles the runtime stage's files (the last FROM) under `outDir`, as `docker build` would copy them:
 * context sources filtered by the context's .dockerignore, stage outputs from `stageOutputs`. Paths are
 * taken relative to the stage's WORKDIR, which `workdir` names (/app in both trainer images).
 */
export function assembleRuntimeFileSet(options: {
  readonly dockerfile: string;
  readonly contextDirectory: string;
  readonly outDir: string;
  readonly stageOutputs: StageOutputs;
  readonly workdir?: string;
}): void {
  const workdir = options.workdir ?? '/app';
  const runtime = readDockerfileStages(options.dockerfile).at(-1);
  if (!runtime) throw new Error(`${options.dockerfile} has no FROM`);
  const included = contextFilter(options.contextDirectory);
  for (const copy of runtime.copies) {
    const destination = path.join(
      options.outDir,
      path.posix.relative(workdir, path.posix.resolve(workdir, copy.destination)),
    );
    const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      if (copy.fromStage) {
        const found = options.stageOutputs(copy.fromStage, source);
        // The stage's own system files (node itself from the node image) are the base image's business.
        if (found === undefined) continue;
        cpSync(found, destination, { recursive: true, dereference: true });
        continue;
      }
      copyFromContext(options.contextDirectory, source, destination, intoFolder, included);
    }
  }
}

function contextFilter(contextDirectory: string): (relative: string) => boolean {
  const ignoreFile = path.join(contextDirectory, '.dockerignore');
  const rules = existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '';
  const matcher = dockerignore({ ignorecase: false }).add(rules);
  return (relative) => !matcher.ignores(relative);
}

/** COPY <src> <dest> from the context: a file to a file, a folder's contents into a folder. */
function copyFromContext(
  contextDirectory: string,
  source: string,
  destination: string,
  intoFolder: boolean,
  included: (relative: string) => boolean,
): void {
  const absolute = path.join(contextDirectory, source);
  if (!existsSync(absolute)) throw new Error(`COPY ${source}: not in the build context`);
  if (statSync(absolute).isFile()) {
    if (!included(path.relative(contextDirectory, absolute))) {
      throw new Error(`COPY ${source}: excluded by .dockerignore`);
    }
    cpSync(absolute, intoFolder ? path.join(destination, path.basename(source)) : destination);
    return;
  }
  for (const file of walkFiles(absolute)) {
    const relative = path.relative(contextDirectory, file);
    if (included(relative)) cpSync(file, path.join(destination, path.relative(absolute, file)));
  }
}

function* walkFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile()) yield full;
  }
}
