import { execFileSync } from 'node:child_process';
import { cpuSnapshot, neighbourCores } from '../../bench/train-compare/neighbour-cpu';

describe("bench:train:compare's measure of other processes' CPU", () => {
  test('is the busy time not spent by this process or its children, over the wall time (hand-computed)', () => {
    const before = { wallMs: 1000, busySeconds: 10, ownSeconds: 2 };
    // 2 s of wall: the cores were busy 4 s, 1 s of it this process's.
    expect(neighbourCores(before, { wallMs: 3000, busySeconds: 14, ownSeconds: 3 })).toBeCloseTo(1.5);
    // Tick rounding can put own time above busy time: never below 0.
    expect(neighbourCores(before, { wallMs: 3000, busySeconds: 10.5, ownSeconds: 2.6 })).toBe(0);
  });

  test("counts a synchronous child's CPU as this process's own, not as a neighbour's", () => {
    const before = cpuSnapshot();
    expect(before).toBeDefined();
    // About 0.5 CPU-seconds in a child process, waited for.
    const burn = 'const t = process.cpuUsage(); while (process.cpuUsage(t).user < 500000) {}';
    execFileSync(process.execPath, ['-e', burn]);
    const after = cpuSnapshot()!;
    expect(after.ownSeconds - before!.ownSeconds).toBeGreaterThanOrEqual(0.4);
    expect(after.busySeconds - before!.busySeconds).toBeGreaterThanOrEqual(0.4);
  });
});
