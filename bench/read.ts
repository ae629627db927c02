/**
 * `npm run bench:read`: HDF5 read throughput of readDataset on a ~200 MB Galaxy10-style file.
 * A child process writes the file (1,000 random 256x256x3 images, as in Galaxy10 DECaLS), so this
 * process's peak memory is the reader's own. Options: --images N (default 1000), --runs R (default 3).
 * `--full-size [--images N]`: the Galaxy10 DECaLS layout at full size, read and resampled to 64 px
 * (bench/read/full-size.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '../src/data/readers';
import { loadH5wasm } from '../src/data/readers/h5wasm-module';
import { fullSizeBench, writeFullSizeFile } from './read/full-size';

const SIDE = 256;
const CHANNELS = 3;
const MB = 1e6;

async function writeBenchFile(path: string, count: number): Promise<void> {
  const images = new Uint8Array(count * SIDE * SIDE * CHANNELS);
  let state = 12345;
  for (let i = 0; i < images.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    images[i] = state >>> 24;
  }
  const h5 = await loadH5wasm();
  const file = new h5.File(path, 'w');
  file.create_dataset({ name: 'images', data: images, shape: [count, SIDE, SIDE, CHANNELS], dtype: '<B' });
  file.create_dataset({
    name: 'ans',
    data: Uint8Array.from({ length: count }, (_, i) => i % 10),
    dtype: '<B',
  });
  file.create_dataset({ name: 'ra', data: Float64Array.from({ length: count }, (_, i) => i * 0.01) });
  file.close();
  process.stdout.write(sha256(images));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const count = argument('images', 1000);
  const runs = argument('runs', 3);
  const dir = await mkdtemp(join(tmpdir(), 'bench-read-'));
  const path = join(dir, 'galaxy10-bench.h5');
  try {
    const written = execFileSync(
      process.execPath,
      [...process.execArgv, __filename, 'write', path, String(count)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const bytes = (await stat(path)).size;
    const rssBefore = process.memoryUsage().rss;
    const timings: number[] = [];
    let peakRss = 0;
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      const dataset = await readDataset(path, { domain: 'source' });
      timings.push(Number(process.hrtime.bigint() - start) / 1e9);
      // Later runs overlap with the garbage of earlier ones; the first run's peak is the reader's own.
      if (run === 0) peakRss = process.resourceUsage().maxRSS * 1024;
      if (sha256(dataset.images) !== written) throw new Error('images read back differ from those written');
    }
    const rawStart = process.hrtime.bigint();
    await readFile(path);
    const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
    const best = Math.min(...timings);
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
    console.log(`file: ${(bytes / MB).toFixed(1)} MB, ${count} images of ${SIDE}x${SIDE}x${CHANNELS} uint8`);
    console.log(`readDataset: ${timings.map((s) => s.toFixed(2)).join(' s, ')} s over ${runs} runs`);
    console.log(
      `throughput: ${(bytes / MB / best).toFixed(0)} MB/s best, ${(bytes / MB / median(timings)).toFixed(0)} MB/s median`,
    );
    console.log(`fs.readFile of the same file: ${(bytes / MB / rawSeconds).toFixed(0)} MB/s (page cache)`);
    console.log(
      `memory: RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB (${(peakRss / bytes).toFixed(2)}x the file)`,
    );
    console.log('images verified: sha256 of the pixels read equals that of the pixels written');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (process.argv[2] === 'write') {
  void writeBenchFile(process.argv[3], Number(process.argv[4]));
} else if (process.argv[2] === 'write-full') {
  void writeFullSizeFile(process.argv[3], Number(process.argv[4]));
} else if (process.argv.includes('--full-size')) {
  fullSizeBench(process.argv.includes('--images') ? argument('images', 0) : undefined).catch(
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
