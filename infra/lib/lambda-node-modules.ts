import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Packages esbuild must leave out of a Lambda bundle: sharp loads a native binary for the platform it
 * runs on, and h5wasm is found with `require.resolve` and loaded by a dynamic `import()`
 * (src/data/readers/h5wasm-module.ts). Each is copied beside the bundle, with its dependency closure.
 */
export const LAMBDA_EXTERNAL_MODULES = ['sharp', 'h5wasm'] as const;

/** Where a Lambda function runs, in the words of npm's `os`, `cpu` and `libc` package fields. */
export interface LambdaPlatform {
  readonly os: 'linux';
  readonly cpu: 'x64' | 'arm64';
  /** The Lambda Node.js runtimes run on Amazon Linux 2023: glibc. */
  readonly libc: 'glibc';
}

export const LAMBDA_X86_64: LambdaPlatform = { os: 'linux', cpu: 'x64', libc: 'glibc' };
export const LAMBDA_ARM_64: LambdaPlatform = { os: 'linux', cpu: 'arm64', libc: 'glibc' };

/** One installed package to ship in the function's node_modules. */
export interface ShippedPackage {
  readonly name: string;
  /** The installed folder (real path). */
  readonly directory: string;
  /** Its place relative to the project root, kept in the bundle: `node_modules/@img/sharp-linux-x64`. */
  readonly relativePath: string;
}

export class MissingPlatformPackageError extends Error {
  override readonly name = 'MissingPlatformPackageError';
}

interface PackageManifest {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

/**
 * The packages `modules` need at run time on `platform`: each with its `dependencies`, and those
 * `optionalDependencies` built for the platform (sharp's `@img/sharp-linux-x64` and
 * `@img/sharp-libvips-linux-x64` on x86_64), resolved the way Node does from the installed
 * node_modules. No network: a platform package that is not installed throws with the npm command that
 * installs it.
 */
export function resolveShippedPackages(
  modules: readonly string[],
  projectRoot: string,
  platform: LambdaPlatform,
): ShippedPackage[] {
  const lockedPlatforms = readLockedPlatforms(projectRoot);
  const shipped = new Map<string, ShippedPackage>();
  const pending: { name: string; from: string; optional: boolean }[] = modules.map((name) => ({
    name,
    from: projectRoot,
    optional: false,
  }));
  for (let next = pending.shift(); next; next = pending.shift()) {
    const directory = findInstalledPackage(next.name, next.from, projectRoot);
    if (!directory) {
      if (!next.optional) {
        throw new MissingPlatformPackageError(
          `${next.name} is not installed under ${projectRoot}; run npm ci before bundling the Lambdas`,
        );
      }
      const locked = lockedPlatforms.get(next.name);
      if (locked && runsOn(locked, platform)) {
        throw new MissingPlatformPackageError(
          `${next.name} (needed on Lambda ${platform.os}-${platform.cpu}) is not installed; install it ` +
            `with: npm install --no-save --os=${platform.os} --cpu=${platform.cpu} --libc=${platform.libc} ${next.name}`,
        );
      }
      continue;
    }
    const relativePath = path.relative(projectRoot, directory);
    if (relativePath.startsWith('..')) {
      throw new MissingPlatformPackageError(
        `${next.name} resolves to ${directory}, outside ${projectRoot}; install it in the project's node_modules`,
      );
    }
    if (shipped.has(relativePath)) continue;
    const manifest = readManifest(directory);
    if (next.optional && !runsOn(manifest, platform)) continue;
    shipped.set(relativePath, { name: next.name, directory, relativePath });
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      pending.push({ name, from: directory, optional: false });
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      pending.push({ name, from: directory, optional: true });
    }
  }
  return [...shipped.values()];
}

/**
 * Copies `packages` into `outputDir` at their relative paths, leaving out nested node_modules (shipped
 * as packages of their own) and the test, docs and example folders some packages publish (h5wasm's
 * test/ is 16 MB).
 */
export function copyShippedPackages(packages: readonly ShippedPackage[], outputDir: string): void {
  for (const shippedPackage of packages) {
    const { directory } = shippedPackage;
    fs.cpSync(directory, path.join(outputDir, shippedPackage.relativePath), {
      recursive: true,
      dereference: true,
      filter: (source) => {
        const [top] = path.relative(directory, source).split(path.sep);
        return top === '' || !UNSHIPPED_TOP_LEVEL.has(top);
      },
    });
  }
}

/**
 * The LAMBDA_EXTERNAL_MODULES an esbuild bundle really imports, read from its metafile: handlers that
 * never reach sharp or h5wasm ship neither.
 * @param metafile esbuild's metafile JSON (`--metafile`)
 */
export function importedExternalModules(metafile: unknown, candidates: readonly string[]): string[] {
  const outputs = (metafile as { outputs?: Record<string, { imports?: unknown[] }> }).outputs ?? {};
  const imported = new Set<string>();
  for (const output of Object.values(outputs)) {
    for (const entry of output.imports ?? []) {
      const { path: specifier, external } = entry as { path?: unknown; external?: unknown };
      if (external === true && typeof specifier === 'string') imported.add(packageName(specifier));
    }
  }
  return candidates.filter((name) => imported.has(name));
}

const UNSHIPPED_TOP_LEVEL = new Set([
  'node_modules',
  'test',
  'tests',
  '__tests__',
  'docs',
  'example',
  'examples',
]);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Node's lookup: `<dir>/node_modules/<name>` from the requiring package up to the project root. */
function findInstalledPackage(name: string, from: string, projectRoot: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.relative(projectRoot, dir) === '' || path.dirname(dir) === dir) return undefined;
  }
}

function readManifest(directory: string): PackageManifest {
  return JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as PackageManifest;
}

/** Platform fields of every package in package-lock.json, to tell a missing platform package from a foreign one. */
function readLockedPlatforms(projectRoot: string): Map<string, PackageManifest> {
  const lockFile = path.join(projectRoot, 'package-lock.json');
  const platforms = new Map<string, PackageManifest>();
  if (!fs.existsSync(lockFile)) return platforms;
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as {
    packages?: Record<string, PackageManifest>;
  };
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (key.includes('node_modules/') && !platforms.has(name)) platforms.set(name, entry);
  }
  return platforms;
}

/** npm's rule: an absent field allows all; `!x` entries exclude; plain entries allow only themselves. */
function runsOn(manifest: PackageManifest, platform: LambdaPlatform): boolean {
  return (
    fieldAllows(manifest.os, platform.os) &&
    fieldAllows(manifest.cpu, platform.cpu) &&
    fieldAllows(manifest.libc, platform.libc)
  );
}

function fieldAllows(values: readonly string[] | undefined, value: string): boolean {
  if (!values || values.length === 0) return true;
  if (values.includes(`!${value}`)) return false;
  const allowed = values.filter((entry) => !entry.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}
