/**
 * Child process: s3rver on a random loopback port with the bucket BENCH_BUCKET, storing under
 * BENCH_DIR. Needs --openssl-legacy-provider (s3rver's DES listing tokens). Reports its endpoint, then
 * answers usage requests.
 */
import S3rver from 's3rver';
import { type ChildMessage, serveUsage } from './protocol';

async function main(): Promise<void> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: process.env.BENCH_DIR as string,
    configureBuckets: [{ name: process.env.BENCH_BUCKET as string }],
  });
  const { port } = await server.run();
  serveUsage();
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies ChildMessage);
}

void main();
