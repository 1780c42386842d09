import * as tf from '@tensorflow/tfjs';

/**
 * Adam's update of every parameter in one kernel, for the backends whose tensors live in memory
 * JavaScript can address (wasm's heap, the CPU backend's arrays). Written as separate tfjs ops
 * the update costs ~12 kernels per tensor, each a full pass over memory; here it is one loop that
 * reads g, p, m, v once and writes p, m, v once. Other backends (WebGL) use Adam's op path.
 */
export const FUSED_ADAM = 'VaeLabFusedAdam';

export interface FusedAdamAttrs {
  count: number;
  lrT: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The true gradient is g_i * scales[i]. */
  scales: number[];
}

interface Info { dataId: object; shape: number[]; dtype: string }
interface WasmLike {
  makeOutput(shape: number[], dtype: 'float32'): Info;
  typedArrayFromHeap(t: Info): Float32Array;
}
interface CpuLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): Info;
}

function update(
  g: Float32Array, p: Float32Array, m: Float32Array, v: Float32Array,
  pOut: Float32Array, mOut: Float32Array, vOut: Float32Array, scale: number, a: FusedAdamAttrs,
): void {
  const { beta1, beta2, epsilon, lrT } = a;
  const a1 = (1 - beta1) * scale;
  const a2 = (1 - beta2) * scale * scale;
  for (let j = 0; j < g.length; j++) {
    const gj = g[j]!;
    const mj = beta1 * m[j]! + a1 * gj;
    const vj = beta2 * v[j]! + a2 * gj * gj;
    mOut[j] = mj;
    vOut[j] = vj;
    pOut[j] = p[j]! - (lrT * mj) / (Math.sqrt(vj) + epsilon);
  }
}

type Inputs = Record<string, Info>;
const input = (inputs: Inputs, key: string): Info => {
  const t = inputs[key];
  if (!t) throw new Error(`${FUSED_ADAM}: missing input ${key}`);
  return t;
};

/** Outputs: new p_0..p_n-1, then m_0..m_n-1, then v_0..v_n-1. */
function run(inputs: Inputs, attrs: FusedAdamAttrs, alloc: (shape: number[]) => Info, view: (t: Info) => Float32Array): Info[] {
  const n = attrs.count;
  const outs: Info[] = [];
  for (const prefix of ['p', 'm', 'v']) {
    for (let i = 0; i < n; i++) outs.push(alloc(input(inputs, `${prefix}${i}`).shape));
  }
  // Views only after every allocation: a wasm allocation may grow the heap and detach earlier views.
  for (let i = 0; i < n; i++) {
    update(
      view(input(inputs, `g${i}`)), view(input(inputs, `p${i}`)), view(input(inputs, `m${i}`)), view(input(inputs, `v${i}`)),
      view(outs[i]!), view(outs[n + i]!), view(outs[2 * n + i]!), attrs.scales[i] ?? 1, attrs,
    );
  }
  return outs;
}

function register(backendName: string, kernelFunc: tf.KernelFunc): void {
  if (!tf.getKernel(FUSED_ADAM, backendName)) tf.registerKernel({ kernelName: FUSED_ADAM, backendName, kernelFunc });
}

register('wasm', ({ inputs, backend, attrs }) => {
  const b = backend as unknown as WasmLike;
  return run(inputs as unknown as Inputs, attrs as unknown as FusedAdamAttrs, (shape) => b.makeOutput(shape, 'float32'), (t) => b.typedArrayFromHeap(t)) as tf.TensorInfo[];
});

register('cpu', ({ inputs, backend, attrs }) => {
  const b = backend as unknown as CpuLike;
  const view = (t: Info): Float32Array => {
    const values = b.data.get(t.dataId).values;
    if (!(values instanceof Float32Array)) throw new Error(`${FUSED_ADAM}: expected float32 values`);
    return values;
  };
  const alloc = (shape: number[]): Info => b.makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((x, y) => x * y, 1)));
  return run(inputs as unknown as Inputs, attrs as unknown as FusedAdamAttrs, alloc, view) as tf.TensorInfo[];
});

export function fusedAdamAvailable(): boolean {
  return Boolean(tf.getKernel(FUSED_ADAM, tf.getBackend()));
}

/** Runs the fused update; returns [p', m', v'] per variable, in the variables' order. */
export function fusedAdam(
  params: tf.Tensor[], m: tf.Tensor[], v: tf.Tensor[], grads: tf.Tensor[], attrs: Omit<FusedAdamAttrs, 'count'>,
): { p: tf.Tensor[]; m: tf.Tensor[]; v: tf.Tensor[] } {
  const n = params.length;
  const inputs: Record<string, tf.Tensor> = {};
  for (let i = 0; i < n; i++) {
    const g = grads[i];
    if (!g || g.dtype !== 'float32' || g.size !== params[i]!.size) throw new Error('Adam: gradient list does not match the variables');
    inputs[`g${i}`] = g;
    inputs[`p${i}`] = params[i]!;
    inputs[`m${i}`] = m[i]!;
    inputs[`v${i}`] = v[i]!;
  }
  const result: tf.Tensor | tf.Tensor[] = tf.engine().runKernel(FUSED_ADAM, inputs, { ...attrs, count: n });
  const outs = Array.isArray(result) ? result : [result];
  return { p: outs.slice(0, n), m: outs.slice(n, 2 * n), v: outs.slice(2 * n) };
}
