import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LeaseHeldError } from '../../errors';
import type { Logger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';

const holderSchema = z.object({
  owner: z.string(),
  host: z.string(),
  pid: z.number().int(),
  /** The Batch array child (job id and index), the same across its attempts. */
  batchJob: z.string().optional(),
  renewedAt: z.number(),
});
type LeaseHolder = z.infer<typeof holderSchema>;

export interface LeaseOptions {
  readonly logger: Logger;
  /** A lease not renewed for this long belongs to a trainer that is gone. @default 10 minutes */
  readonly ttlMs?: number;
  /** @default AWS_BATCH_JOB_ID */
  readonly batchJob?: string;
  readonly now?: () => number;
}

const RENEW_EVERY_MS = 60_000;

/**
 * The right to train one member of a run: `members/<m>/lease.json`, created with a conditional write
 * so that of two trainers started on the same member only one trains; the other stops with
 * LeaseHeldError. The holder renews it while training and deletes it when done. A lease is taken over
 * when its holder is gone: not renewed within the TTL, a dead process on this host, or an earlier
 * attempt of the same Batch child (Batch never runs two attempts at once).
 */
export class MemberLease {
  private lastRenewal: number;

  private constructor(
    private readonly store: BlobStore,
    private readonly key: string,
    private readonly holder: LeaseHolder,
    private readonly now: () => number,
  ) {
    this.lastRenewal = holder.renewedAt;
  }

  static async acquire(
    store: BlobStore,
    runId: string,
    member: number,
    options: LeaseOptions,
  ): Promise<MemberLease> {
    const now = options.now ?? Date.now;
    const key = `${runLayout.memberPrefix(runId, member)}/lease.json`;
    const batchJob = options.batchJob ?? process.env.AWS_BATCH_JOB_ID;
    const holder: LeaseHolder = {
      owner: `${hostname()}:${process.pid}:${randomUUID()}`,
      host: hostname(),
      pid: process.pid,
      ...(batchJob && { batchJob }),
      renewedAt: now(),
    };
    const lease = new MemberLease(store, key, holder, now);
    if (await store.putIfAbsent(key, JSON.stringify(holder), { contentType: 'application/json' }))
      return lease;
    const current = await readHolder(store, key);
    const staleReason = current
      ? whyStale(current, holder, options.ttlMs ?? 10 * 60_000, now())
      : 'unreadable';
    if (current && staleReason === undefined) {
      const ago = Math.round((now() - current.renewedAt) / 1000);
      throw new LeaseHeldError(
        `run ${runId} member ${member} is being trained by ${current.owner} (lease renewed ${ago} s ago: ${store.uriOf(key)}); ` +
          'wait for it to finish, or delete that lease if its trainer is gone',
      );
    }
    options.logger.warn(
      { runId, member, previous: current?.owner, reason: staleReason },
      'taking over a stale member lease',
    );
    await lease.write();
    return lease;
  }

  /** Renews the lease when the last renewal is a minute old; cheap to call every step. */
  async renewIfDue(): Promise<void> {
    if (this.now() - this.lastRenewal < RENEW_EVERY_MS) return;
    await this.write();
  }

  /** Deletes the lease, unless another trainer took it over meanwhile. */
  async release(): Promise<void> {
    const current = await readHolder(this.store, this.key).catch(() => undefined);
    if (current?.owner === this.holder.owner) await this.store.delete(this.key);
  }

  private async write(): Promise<void> {
    this.lastRenewal = this.now();
    const body = JSON.stringify({ ...this.holder, renewedAt: this.lastRenewal });
    await this.store.put(this.key, body, { contentType: 'application/json' });
  }
}

async function readHolder(store: BlobStore, key: string): Promise<LeaseHolder | undefined> {
  try {
    return holderSchema.parse(JSON.parse(await store.getText(key)));
  } catch {
    return undefined; // gone meanwhile, or torn: nobody can be holding it
  }
}

function whyStale(current: LeaseHolder, me: LeaseHolder, ttlMs: number, now: number): string | undefined {
  if (current.batchJob !== undefined && current.batchJob === me.batchJob)
    return 'an earlier attempt of this Batch child';
  if (now - current.renewedAt > ttlMs)
    return `not renewed for ${Math.round((now - current.renewedAt) / 1000)} s`;
  if (current.host === me.host && !processAlive(current.pid))
    return `process ${current.pid} on this host is gone`;
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
