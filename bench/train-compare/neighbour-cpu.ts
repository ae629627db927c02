import { readFileSync } from 'node:fs';

/**
 * How much CPU other processes took while a measurement ran, which the load average cannot say: a
 * 2-thread case on 2 cores is itself a load of 2. Linux: busy time of every core (/proc/stat) minus
 * this process's own CPU time and that of the children it waited for (/proc/self/stat, which covers
 * a measurement run by a synchronous child process), over the wall time, in cores.
 */
export interface CpuSnapshot {
  readonly wallMs: number;
  /** CPU seconds every core spent busy (not idle or waiting for I/O) since boot. */
  readonly busySeconds: number;
  /** CPU seconds of this process and its waited-for children. */
  readonly ownSeconds: number;
}

/** Clock ticks per second of /proc's counters (USER_HZ), 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** Undefined where /proc is not there (not Linux): the caller falls back to the load average. */
export function cpuSnapshot(): CpuSnapshot | undefined {
  let stat: string;
  let self: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
    self = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // cpu  user nice system idle iowait irq softirq steal ...
  const cpu = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  const busy = total - cpu[3] - cpu[4];
  // Fields after the ")" that ends the command name: utime is field 14, cstime field 17 (1-based).
  const fields = self
    .slice(self.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const own = fields[11] + fields[12] + fields[13] + fields[14];
  return {
    wallMs: performance.now(),
    busySeconds: busy / TICKS_PER_SECOND,
    ownSeconds: own / TICKS_PER_SECOND,
  };
}

/** Cores' worth of CPU that other processes used between the two snapshots (never below 0). */
export function neighbourCores(before: CpuSnapshot, after: CpuSnapshot): number {
  const wallSeconds = (after.wallMs - before.wallMs) / 1000;
  if (wallSeconds <= 0) return 0;
  const others = after.busySeconds - before.busySeconds - (after.ownSeconds - before.ownSeconds);
  return Math.max(0, others / wallSeconds);
}
