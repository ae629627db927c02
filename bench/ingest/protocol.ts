/** Messages between bench/ingest.ts and its child processes (servers and the measured client). */

/** CPU and memory of one process, from process.resourceUsage(). */
export interface Usage {
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

export type Scenario = 'ingest-s3' | 'raw-s3' | 'ingest-file';

/** What the client child needs, passed as JSON in BENCH_INGEST_JOB. */
export interface ClientJob {
  readonly scenario: Scenario;
  readonly size: number;
  readonly seed: number;
  readonly zenodoUrl?: string;
  readonly bucket?: string;
  readonly fileRoot?: string;
  readonly partSize: number;
  readonly queueSize: number;
  /** Write a V8 CPU profile of the transfer here. */
  readonly cpuProfile?: string;
}

export interface ClientResult {
  readonly bytes: number;
  readonly seconds: number;
  /** RSS after imports and setup, before the first byte. */
  readonly baselineRssMb: number;
  /** Kernel high-water mark of the client's RSS over its whole life. */
  readonly maxRssMb: number;
  /** CPU time (user + system) the client spent during the transfer. */
  readonly cpuMs: number;
  readonly md5?: string;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  | { readonly type: 'result'; readonly result: ClientResult };

export function usageNow(): Usage {
  const usage = process.resourceUsage();
  return {
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    // maxRSS is in kilobytes.
    maxRssMb: (usage.maxRSS * 1024) / 1e6,
  };
}

/** Answers the parent's usage requests; exits when the parent goes away. */
export function serveUsage(): void {
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'usage') process.send?.({ type: 'usage', usage: usageNow() } satisfies ChildMessage);
  });
  process.on('disconnect', () => process.exit(0));
}
