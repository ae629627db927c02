/**
 * `npm run bench:read -- --full-size [--images N]`: read-and-resample of a file in the exact layout of
 * Galaxy10 DECaLS (17,736 x 256x256x3 uint8 by default, gzip level 4 chunked by image, as h5py writes
 * `compression='gzip'`; round galaxies on a noisy sky, so the pixels compress about as the real ones
 * do), read by readDataset with the DECaLS label map and harmonized to 64 px. A child process writes
 * the file, so this process's peak RSS is the reader's own. Prints `uptime` beside the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '../../src/data/readers';
import { writeGalaxy10Layout } from '../../test/data/galaxy10-layouts';

const GALAXY10_DECALS_IMAGES = 17_736;
const IMAGE_BYTES = 256 * 256 * 3;
const OUT = 64;
const MB = 1e6;

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}

/** The child's work: write the file, print nothing but the seconds it took. */
export async function writeFullSizeFile(path: string, count: number): Promise<void> {
  const start = process.hrtime.bigint();
  await writeGalaxy10Layout(path, {
    ...{ layout: 'decals', n: count, label: (i) => i % 10, compression: 4, noise: 24 },
    sigmaPx: (i) => 4 + (i % 17),
  });
  process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e9));
}

export async function fullSizeBench(count = GALAXY10_DECALS_IMAGES): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-read-full-'));
  const path = join(dir, 'Galaxy10_DECals.h5');
  try {
    console.log(`before writing: ${uptime()}`);
    const writeSeconds = Number(
      execFileSync(
        process.execPath,
        [...process.execArgv, join(__dirname, '..', 'read.ts'), 'write-full', path, String(count)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      ),
    );
    const bytes = (await stat(path)).size;
    const decoded = count * IMAGE_BYTES;
    console.log(
      `wrote ${count} x 256x256x3 in ${writeSeconds.toFixed(0)} s: ${(bytes / MB).toFixed(0)} MB on disk for ${(decoded / MB).toFixed(0)} MB of pixels (${(bytes / decoded).toFixed(2)}; the real file: 2540/3487 = 0.73)`,
    );
    console.log(`before reading: ${uptime()}`);
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    const dataset = await readDataset(path, { domain: 'target', imageSize: { height: OUT, width: OUT } });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`after reading: ${uptime()}`);
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
    console.log(
      `read + resample to ${OUT} px: ${seconds.toFixed(1)} s, ${(decoded / MB / seconds).toFixed(0)} MB/s of decoded pixels (target >= 100), ${(count / seconds).toFixed(0)} images/s`,
    );
    console.log(
      `CPU time of the read: ${cpuSeconds.toFixed(1)} s (all threads), ${(decoded / MB / cpuSeconds).toFixed(0)} MB of pixels per CPU-second`,
    );
    console.log(
      `memory: RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB (target < 1500); the output holds ${(dataset.images.length / MB).toFixed(0)} MB, the file's pixels ${(decoded / MB).toFixed(0)} MB`,
    );
    if (dataset.n !== count || dataset.height !== OUT)
      throw new Error(`read ${dataset.n} images of ${dataset.height} px`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
