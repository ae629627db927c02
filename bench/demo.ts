/**
 * `npm run bench:demo`: wall time of `npm start` (the demo with its defaults) on this machine, in a
 * fresh store, so nothing is reused. The target is under 10 minutes on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';

const store = mkdtempSync(path.join(tmpdir(), 'bench-demo-'));
const started = process.hrtime.bigint();
const result = spawnSync(process.execPath, ['bin/deepastro-uda.cjs', 'demo', '--store', store], {
  cwd: path.resolve(__dirname, '..'),
  encoding: 'utf8',
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
rmSync(store, { recursive: true, force: true });
const table = result.stdout.slice(result.stdout.indexOf('metric'));
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}`);
console.log(`npm start (deepastro-uda demo, defaults): exit ${result.status}, ${seconds.toFixed(0)} s wall`);
console.log(table || result.stderr.slice(-2000));
process.exitCode = result.status ?? 1;
