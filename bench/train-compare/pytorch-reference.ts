import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Debian's interpreter: a python3 earlier on PATH (pyenv) does not see python3-torch. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '..', 'reference', 'train_step.py');

/** PyTorch cannot be made importable here, with the reason and what to do. */
export class ReferenceUnavailableError extends Error {}

/** What bench/reference/train_step.py prints. */
export interface ReferenceResult {
  readonly framework: string;
  readonly net: string;
  readonly threads: number;
  readonly batchSize: number;
  readonly stepSeconds: number;
  readonly sourceImagesPerSecond: number;
}

function torchVersion(): string | undefined {
  const probe = spawnSync(DEBIAN_PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function aptGet(args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return run.status === 0;
}

/**
 * Makes `import torch` work under /usr/bin/python3, installing Debian's python3-torch with apt when it
 * does not (`apt-get update` first, so the package lists are current).
 * @returns the torch version
 * @throws ReferenceUnavailableError when apt is missing or the install fails
 */
export function ensureTorch(log: (line: string) => void): string {
  const present = torchVersion();
  if (present) return present;
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' });
  if (apt.error || apt.status !== 0) {
    throw new ReferenceUnavailableError(
      `${DEBIAN_PYTHON} cannot import torch and apt-get is not available to install python3-torch; ` +
        `install PyTorch for ${DEBIAN_PYTHON} by other means and rerun`,
    );
  }
  log(`${DEBIAN_PYTHON} cannot import torch: installing Debian's python3-torch with apt-get`);
  const installed = aptGet(['update']) && aptGet(['install', '-y', 'python3-torch']);
  const version = installed ? torchVersion() : undefined;
  if (!version) {
    throw new ReferenceUnavailableError(
      `apt-get install -y python3-torch failed or left torch unimportable by ${DEBIAN_PYTHON} ` +
        '(it needs root and the Debian archive); see apt-get output above',
    );
  }
  return version;
}

/**
 * One timed run of the PyTorch reference step in its own process. OpenMP's threads sleep rather than
 * spin while they wait (OMP_WAIT_POLICY=PASSIVE): on this shared 2-core machine spinning made the
 * 2-thread step 10 times slower than 1 thread (35 vs 500 images/s on resnet-mini).
 */
export function runReference(net: string, threads: number): ReferenceResult {
  const run = spawnSync(DEBIAN_PYTHON, [SCRIPT, '--net', net, '--threads', String(threads)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) {
    throw new ReferenceUnavailableError(`${SCRIPT} --net ${net} failed with exit status ${run.status}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ReferenceResult;
}
