import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

/** Wall time of one kernel key over the profiled steps. */
export interface KernelTiming {
  calls: number;
  /** Including kernels it ran itself (the project's conv-gradient kernels call Conv2D, Transpose, ...). */
  inclusiveMs: number;
  /** Excluding them: summed over all keys, this is the time spent inside kernels. */
  exclusiveMs: number;
}

/**
 * Times every kernel of a (synchronous) backend by wrapping its kernelFunc. A kernel that runs inside
 * another one is keyed `Outer > Inner`, so the parts of the project's composite kernels show up.
 * Shape keys (`Conv2D [in] * [filter]`) are kept too, for the convolution kernels.
 */
export class KernelTimer {
  readonly byKernel = new Map<string, KernelTiming>();
  readonly byShape = new Map<string, KernelTiming>();
  private readonly stack: { name: string; childMs: number }[] = [];
  private enabled = false;

  /** Re-registers every kernel of `backendName` with timing; call after the backend initialized. */
  install(backendName: string): void {
    for (const config of tf.getKernelsForBackend(backendName)) {
      tf.unregisterKernel(config.kernelName, backendName);
      tf.registerKernel({ ...config, kernelFunc: this.wrap(config) });
    }
  }

  start(): void {
    this.byKernel.clear();
    this.byShape.clear();
    this.enabled = true;
  }

  stop(): void {
    this.enabled = false;
  }

  private wrap(config: KernelConfig): KernelFunc {
    const original = config.kernelFunc;
    return (params) => {
      if (!this.enabled) return original(params);
      const outer = this.stack[0]?.name;
      this.stack.push({ name: config.kernelName, childMs: 0 });
      const started = performance.now();
      const outputs = original(params);
      const ms = performance.now() - started;
      const frame = this.stack.pop()!;
      if (this.stack.length > 0) this.stack[this.stack.length - 1].childMs += ms;
      const key = outer === undefined ? config.kernelName : `${outer} > ${config.kernelName}`;
      add(this.byKernel, key, ms, ms - frame.childMs);
      if (config.kernelName.startsWith('Conv2D')) {
        const shapes = Object.values(params.inputs).map((t) => `[${t?.shape.join(',')}]`);
        add(this.byShape, `${key} ${shapes.join(' * ')}`, ms, ms - frame.childMs);
      }
      return outputs;
    };
  }
}

function add(map: Map<string, KernelTiming>, key: string, inclusiveMs: number, exclusiveMs: number): void {
  const entry = map.get(key) ?? { calls: 0, inclusiveMs: 0, exclusiveMs: 0 };
  entry.calls += 1;
  entry.inclusiveMs += inclusiveMs;
  entry.exclusiveMs += exclusiveMs;
  map.set(key, entry);
}
