import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import pino from 'pino';
import { LeaseHeldError } from '../../../src/errors';
import { openStore } from '../../../src/storage/open-store';
import { MemberLease } from '../../../src/uda/training/member-lease';
import { temporaryFolder } from './train-fixtures';

const KEY = 'runs/r/members/1/lease.json';

function logger(): { logger: pino.Logger; warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk, _e, done) => (warnings.push(JSON.parse(String(chunk))), done()),
  });
  return { logger: pino({ level: 'warn' }, sink), warnings };
}

const holder = (overrides: Record<string, unknown>) =>
  JSON.stringify({ owner: 'other', host: 'elsewhere', pid: 1, renewedAt: Date.now(), ...overrides });

describe('the member lease in a file store', () => {
  it('one holder at a time; released, it can be taken again', async () => {
    const store = openStore(temporaryFolder());
    const first = await MemberLease.acquire(store, 'r', 1, logger());
    await expect(MemberLease.acquire(store, 'r', 1, logger())).rejects.toThrow(LeaseHeldError);
    await expect(MemberLease.acquire(store, 'r', 1, logger())).rejects.toThrow(
      /run r member 1 is being trained by .+ \(lease renewed 0 s ago: file:\/\/.*lease.json\)/,
    );
    await first.release();
    expect(await store.exists(KEY)).toBe(false);
    await expect(MemberLease.acquire(store, 'r', 1, logger())).resolves.toBeInstanceOf(MemberLease);
  });

  it.each([
    ['a lease not renewed within the TTL', holder({ renewedAt: Date.now() - 11 * 60_000 }), {}],
    ['a dead process on this host', holder({ host: hostname(), pid: 2 ** 22 + 17 }), {}],
    ['an earlier attempt of the same Batch child', holder({ batchJob: 'job-1:1' }), { batchJob: 'job-1:1' }],
  ])('takes over %s, with a warning', async (_what, existing, options) => {
    const store = openStore(temporaryFolder());
    await store.put(KEY, existing);
    const log = logger();
    const lease = await MemberLease.acquire(store, 'r', 1, { ...log, ...options });
    expect(log.warnings).toEqual([
      expect.objectContaining({ msg: 'taking over a stale member lease', previous: 'other' }),
    ]);
    expect(JSON.parse(await store.getText(KEY)).pid).toBe(process.pid);
    await lease.release();
  });

  it('refuses a live lease of another host or another Batch child', async () => {
    const store = openStore(temporaryFolder());
    await store.put(KEY, holder({ batchJob: 'job-1:0' }));
    await expect(MemberLease.acquire(store, 'r', 1, { ...logger(), batchJob: 'job-1:1' })).rejects.toThrow(
      LeaseHeldError,
    );
    expect(JSON.parse(await store.getText(KEY)).owner).toBe('other');
  });

  it('renews once a minute while held, and release leaves a lease taken over by another trainer', async () => {
    const store = openStore(temporaryFolder());
    let now = 1_000_000;
    const lease = await MemberLease.acquire(store, 'r', 1, { ...logger(), now: () => now });
    now += 30_000;
    await lease.renewIfDue();
    expect(JSON.parse(await store.getText(KEY)).renewedAt).toBe(1_000_000);
    now += 31_000;
    await lease.renewIfDue();
    expect(JSON.parse(await store.getText(KEY)).renewedAt).toBe(1_061_000);
    await store.put(KEY, holder({}));
    await lease.release();
    expect(JSON.parse(await store.getText(KEY)).owner).toBe('other');
  });
});
