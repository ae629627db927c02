import { fork, type ChildProcess } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface RunningS3rver {
  /** http://127.0.0.1:<port>, also set as AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  readonly bucket: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver on a random loopback port with one empty bucket, and points the AWS SDK at it through
 * the environment (s3rver accepts the fixed S3RVER key pair).
 *
 * s3rver encrypts its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers with the
 * legacy provider, loadable only at process start. So it runs in this process when that provider is
 * loaded (NODE_OPTIONS=--openssl-legacy-provider on jest) and in a child process started with it otherwise;
 * without either, any listing longer than one page fails with InternalError.
 */
export async function startS3rver(bucket = 'deepastro-test'): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const server = legacyCiphersLoaded()
    ? await startInProcess(directory, bucket)
    : await startChild(directory, bucket);
  const endpoint = `http://127.0.0.1:${server.port}`;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return {
    endpoint,
    bucket,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

function legacyCiphersLoaded(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

async function startInProcess(directory: string, bucket: string): Promise<Listening> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return { port, close: () => server.close() };
}

const CHILD_SCRIPT = `
const S3rver = require(process.argv[1]);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2],
  configureBuckets: [{ name: process.argv[3] }] }).run().then(({ port }) => process.send({ port }));
process.on('disconnect', () => process.exit(0));
`;

async function startChild(directory: string, bucket: string): Promise<Listening> {
  const child: ChildProcess = fork('-e', [CHILD_SCRIPT, require.resolve('s3rver'), directory, bucket], {
    execArgv: ['--openssl-legacy-provider'],
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`s3rver child exited with code ${code} before listening`)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
