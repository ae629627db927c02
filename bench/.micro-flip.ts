import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { flipAndSwapFilter } from '../src/runtime/conv-backprop-input-wasm';
async function main() {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  for (const shape of [[3,3,512,512],[3,3,64,64],[1,1,256,512],[7,7,3,64],[3,3,5,7]] as [number,number,number,number][]) {
    const w = tf.randomNormal(shape) as tf.Tensor4D;
    const time = (f: () => tf.Tensor) => { const ts: number[] = []; let r: Float32Array | undefined;
      for (let k = 0; k < 7; k++) { const t0 = performance.now(); const y = f(); y.dataSync(); ts.push(performance.now() - t0); r = y.dataSync() as Float32Array; y.dispose(); }
      ts.sort((a,b)=>a-b); return { ms: ts[3], r: r! }; };
    const a = time(() => tf.tidy(() => tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2])));
    const b = time(() => tf.tidy(() => flipAndSwapFilter(w)));
    const eq = a.r.length === b.r.length && a.r.every((v, i) => Object.is(v, b.r[i]));
    console.log(shape.join('x'), 'old', a.ms.toFixed(2), 'new', b.ms.toFixed(2), 'identical', eq);
    w.dispose();
  }
}
void main();
