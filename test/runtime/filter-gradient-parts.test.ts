import seedrandom from 'seedrandom';
import { CONV_FILTER_GRADIENT_SIMD } from '../../src/runtime/conv-filter-gradient-simd-binary';
import type { ConvFilterGradientSimd } from '../../src/runtime/conv-filter-gradient-simd';
import { callKernel, FilterGradientHelpers } from '../../src/runtime/filter-gradient-parts';

/** The WebAssembly API the test uses (the project's lib declares none of it). */
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => { buffer: SharedArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

// x [4, 6, 6, 4] (already padded), dy [4, 4, 4, 8], 3x3 stride 1: one part per image.
const [n, hp, wp, ci, ho, wo, co, k] = [4, 6, 6, 4, 4, 4, 8, 3];
const X = 0;
const DY = 4 * n * hp * wp * ci;
const DW = DY + 4 * n * ho * wo * co;
const SIZE = k * k * ci * co;

function setUp() {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 65536, shared: true });
  const random = seedrandom('parts');
  new Float32Array(memory.buffer, 0, DW / 4).forEach((_, i, a) => (a[i] = random() * 2 - 1));
  const bytes = Buffer.from(CONV_FILTER_GRADIENT_SIMD.shared, 'base64');
  const kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } })
    .exports as ConvFilterGradientSimd;
  const jobs = Array.from({ length: n }, (_, part) => [
    ...[X + 4 * part * hp * wp * ci, DY + 4 * part * ho * wo * co, DW + 4 * part * SIZE],
    ...[1, hp, wp, ci, ho, wo, co, k, k, 1, 1],
  ]);
  const partials = () => new Float32Array(memory.buffer, DW, n * SIZE);
  return { memory, kernel, jobs, partials };
}

describe('filter-gradient helper threads', () => {
  test('compute the same partial gradients as the main thread alone, bit for bit', () => {
    const { memory, kernel, jobs, partials } = setUp();
    for (const args of jobs) callKernel(kernel, args);
    const alone = Float32Array.from(partials());
    expect(alone.some((v) => v !== 0)).toBe(true);
    partials().fill(0);
    new FilterGradientHelpers(memory, 1).run(kernel, jobs);
    expect(Buffer.from(partials().buffer, DW, 4 * n * SIZE).equals(Buffer.from(alone.buffer))).toBe(true);
  });

  test("a helper's failing kernel is an error on the main thread, not a wait without end", () => {
    const { memory, kernel, jobs } = setUp();
    // The second half of the jobs (the helper's share) points past the end of the memory.
    const outside = jobs.map((args, i) => (i < 2 ? args : [2 ** 30, ...args.slice(1)]));
    const started = Date.now();
    expect(() => new FilterGradientHelpers(memory, 1).run(kernel, outside)).toThrow(/helper thread failed/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
