import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import wabt from 'wabt';

async function main() {
  await tf.setBackend('wasm');
  const backend = tf.backend() as any;
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  const toolkit = await wabt();
  const parsed = toolkit.parseWat('x.wat', readFileSync('/work/scratch/fwd/conv-forward-simd.wat', 'utf8'), { simd: true });
  parsed.validate();
  const simd: any = new WebAssembly.Instance(new WebAssembly.Module(parsed.toBinary({}).buffer), { env: { memory } }).exports;
  const shapes: [number[], number, number, number][] = [
    [[64, 32, 32, 16], 3, 16, 1], [[64, 32, 32, 16], 3, 32, 2], [[64, 16, 16, 32], 3, 32, 1], [[64, 16, 16, 32], 3, 64, 2],
    [[64, 8, 8, 64], 3, 64, 1], [[64, 32, 32, 3], 3, 16, 1], [[64, 32, 32, 16], 1, 32, 2], [[64, 16, 16, 32], 1, 64, 2],
    [[32, 8, 8, 256], 3, 256, 1], [[32, 2, 2, 512], 3, 512, 1],
  ];
  for (const [xs, k, co, s] of shapes) {
    const x = tf.randomNormal(xs as any) as tf.Tensor4D;
    const w = tf.randomNormal([k, k, xs[3], co]) as tf.Tensor4D;
    const info = tf.backend_util.computeConv2DInfo(xs as any, [k, k, xs[3], co], s, 1, 'same');
    const { top, bottom, left, right } = info.padInfo;
    const run = () => {
      const xp = tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
      const out = backend.makeOutput([xs[0], info.outHeight, info.outWidth, co], 'float32');
      const arr = backend.typedArrayFromHeap(out); arr.fill(0);
      const p = (t: any) => backend.typedArrayFromHeap(t).byteOffset;
      simd.conv_forward(p(xp), p(w), arr.byteOffset, xs[0], xp.shape[1], xp.shape[2], xs[3], info.outHeight, info.outWidth, co, k, k, s, s);
      xp.dispose();
      return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor;
    };
    const ref = tf.conv2d(x, w, s, 'same');
    const mine = run();
    const diff = tf.max(tf.abs(tf.sub(ref, mine))).dataSync()[0];
    const scale = tf.max(tf.abs(ref)).dataSync()[0];
    const time = (f: () => tf.Tensor) => { let best = 1e9; for (let r = 0; r < 6; r++) { const t0 = performance.now(); const t = f(); t.dataSync(); best = Math.min(best, performance.now() - t0); t.dispose(); } return best; };
    // new weights each call, as in training (XNNPACK repacks them)
    const tOld = time(() => { const w2 = tf.add(w, 0) as tf.Tensor4D; const y = tf.conv2d(x, w2, s, 'same'); w2.dispose(); return y; });
    const tNew = time(run);
    console.log(`x [${xs}] ${k}x${k}/${s} -> ${co}: diff ${diff.toExponential(2)} / ${scale.toFixed(1)}; xnnpack ${tOld.toFixed(1)} ms, simd ${tNew.toFixed(1)} ms`);
    tf.dispose([x, w, ref, mine]);
  }
}
main();
