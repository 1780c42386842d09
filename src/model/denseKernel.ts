import * as tf from '@tensorflow/tfjs';

/**
 * act(a b + bias) for 2-D a and b as one kernel. tf.fused.matMul reshapes both operands to 3-D,
 * runs _FusedMatMul and reshapes back: five entries in a step's kernel list (three Reshapes, the
 * op's gradient wrapper and the product) for one piece of work. This kernel does the same
 * reshapes inside, the way the backends' own BatchMatMul does, so a step lists what it computes.
 * Registered where the tests run it (wasm, cpu); WebGL and others get tf.fused.matMul, whose
 * extra entries there are free reshapes and a wrapper, not draw calls.
 */
export const DENSE = 'VaeLabDense';
const BACKENDS = ['wasm', 'cpu'];

interface Info { dataId: object; shape: number[]; dtype: string }
interface Backend { disposeData(dataId: object): unknown }
type Args = { inputs: Record<string, Info>; backend: Backend; attrs?: Record<string, unknown> };
type Func = (args: Args) => Info;

for (const backendName of BACKENDS) {
  if (tf.getKernel(DENSE, backendName)) continue;
  tf.registerKernel({
    kernelName: DENSE,
    backendName,
    kernelFunc: (({ inputs, backend, attrs }: Args) => {
      // Looked up per call: the backend's kernels register when its package loads, which may be after this module.
      const reshape = tf.getKernel('Reshape', backendName)?.kernelFunc as unknown as Func | undefined;
      const fused = tf.getKernel('_FusedMatMul', backendName)?.kernelFunc as unknown as Func | undefined;
      if (!reshape || !fused) throw new Error(`${DENSE}: ${backendName} lacks Reshape or _FusedMatMul`);
      const { a, b, bias } = inputs as { a: Info; b: Info; bias: Info };
      const a3 = reshape({ inputs: { x: a }, backend, attrs: { shape: [1, ...a.shape] } });
      const b3 = reshape({ inputs: { x: b }, backend, attrs: { shape: [1, ...b.shape] } });
      const out3 = fused({
        inputs: { a: a3, b: b3, bias }, backend,
        attrs: { transposeA: false, transposeB: false, activation: (attrs as { activation: string }).activation, leakyreluAlpha: 0 },
      });
      const out = reshape({ inputs: { x: out3 }, backend, attrs: { shape: [a.shape[0]!, b.shape[1]!] } });
      for (const t of [a3, b3, out3]) backend.disposeData(t.dataId);
      return out;
    }) as unknown as tf.KernelFunc,
  });
}

export function dense(a: tf.Tensor2D, b: tf.Tensor, bias: tf.Tensor, activation: 'linear' | 'relu'): tf.Tensor2D {
  if (!tf.getKernel(DENSE, tf.getBackend())) return tf.fused.matMul({ a, b: b as tf.Tensor2D, bias, activation }) as tf.Tensor2D;
  return tf.engine().runKernel(DENSE, { a, b, bias }, { activation }) as tf.Tensor2D;
}

/** a b with optional transposes as one BatchMatMul kernel; every backend's BatchMatMul takes 2-D operands. */
export function matMul(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor2D {
  return tf.engine().runKernel('BatchMatMul', { a, b }, { transposeA, transposeB }) as tf.Tensor2D;
}
