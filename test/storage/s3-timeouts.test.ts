import { TransientError } from '../../src/errors';
import { createS3Client, s3TimeoutsFromEnvironment } from '../../src/storage/s3-client';
import { S3Store } from '../../src/storage/s3-store';
import { startSilentServer, type SilentServer } from '../net/silent-server';

/** A real loopback server that accepts connections and never answers: every S3 call must end anyway. */
describe('S3 calls against an endpoint that accepts and never answers', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  });
  afterAll(async () => silent.stop());

  const store = () =>
    new S3Store('stalled-bucket', 'runs', {
      client: createS3Client(silent.url, { connectionMs: 300, headersMs: 300, idleMs: 300 }),
    });

  it.each([
    ['get', (s: S3Store) => s.get('a.json')],
    ['head', (s: S3Store) => s.head('a.json')],
    ['put', (s: S3Store) => s.put('a.json', '{}')],
    [
      'list',
      async (s: S3Store) => {
        for await (const _ of s.list('')) void _;
      },
    ],
  ])('%s fails with TransientError within its timeouts and the SDK retries', async (_name, call) => {
    const started = Date.now();
    const before = silent.connections();
    const error = await call(store()).catch((e: unknown) => e);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${_name}: TransientError after ${seconds.toFixed(2)} s, ${silent.connections() - before} connections`,
    );
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/TimeoutError/);
    expect(silent.connections() - before).toBe(3); // the SDK's three attempts, each cut off
    expect(seconds).toBeLessThan(5);
  });

  it('reads one override for every limit from DEEPASTRO_S3_TIMEOUT_MS, and refuses a bad one', () => {
    expect(s3TimeoutsFromEnvironment({ DEEPASTRO_S3_TIMEOUT_MS: '250' })).toEqual({
      connectionMs: 250,
      headersMs: 250,
      idleMs: 250,
    });
    expect(s3TimeoutsFromEnvironment({}).idleMs).toBeGreaterThan(0);
    expect(() => s3TimeoutsFromEnvironment({ DEEPASTRO_S3_TIMEOUT_MS: 'soon' })).toThrow(
      /DEEPASTRO_S3_TIMEOUT_MS: expected a positive number/,
    );
  });
});
