/**
 * `npm run bench:simulate`: images per second of the two-survey simulator at 32 and 64 px, on one core
 * (the simulator is single-threaded). Reports wall-clock and CPU-time rates: on a shared machine the
 * CPU rate is the one that says what one core does.
 */
import { cpus } from 'node:os';
import { simulateSurvey } from '../src/data/simulate/simulate-survey';
import { SIMULATED_CLASSES } from '../src/data/tasks';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 3000);

function measure(survey: 'sdss' | 'decals', imageSize: number): { wall: number; cpu: number } {
  simulateSurvey({ survey, classes: [...SIMULATED_CLASSES], n: 200, imageSize, seed: 'warm-up' });
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  simulateSurvey({ survey, classes: [...SIMULATED_CLASSES], n: IMAGES, imageSize, seed: 'bench' });
  const wallSeconds = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: IMAGES / wallSeconds, cpu: IMAGES / ((cpu.user + cpu.system) / 1e6) };
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`);
console.log(`${IMAGES} images per run, all ${SIMULATED_CLASSES.length} classes balanced`);
for (const imageSize of [32, 64]) {
  for (const survey of ['sdss', 'decals'] as const) {
    const { wall, cpu } = measure(survey, imageSize);
    console.log(
      `${survey.padEnd(6)} ${imageSize}x${imageSize}x3: ${Math.round(wall)} images/s wall, ${Math.round(cpu)} images/s per CPU-second`,
    );
  }
}
