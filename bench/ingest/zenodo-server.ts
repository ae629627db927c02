/**
 * Child process: the loopback Zenodo stand-in serving one generated file of BENCH_SIZE bytes (seed 1)
 * as record 1. Reports its URL once the file's md5 is computed, then answers usage requests.
 */
import { FakeZenodo } from '../../test/zenodo/fake-zenodo';
import { type ChildMessage, serveUsage } from './protocol';

async function main(): Promise<void> {
  const size = Number(process.env.BENCH_SIZE);
  const zenodo = await new FakeZenodo().start();
  const file = { key: 'bench.bin', size, seed: 1 };
  zenodo.addRecord({ id: '1', conceptId: '1', version: 'bench', files: [file] });
  zenodo.md5Of(file);
  serveUsage();
  process.send?.({ type: 'ready', url: zenodo.url } satisfies ChildMessage);
}

void main();
