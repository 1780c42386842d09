import * as tf from '@tensorflow/tfjs';
import { PARAM_ORDER, paramShapes } from '../shared/architecture';
import type { ModelConfig } from '../shared/types';

export { PARAM_ORDER, paramShapes };

/**
 * The VAE's parameters as plain tf.Variables (no Layers API): the trainer needs to list,
 * snapshot, restore and dispose them, and to fuse the whole step into few kernels.
 *
 * Encoder: x (784) -> h = relu(x W_enc + b_enc) (hidden) -> mu = h W_mu + b_mu   (f1)
 *                                                       -> log sigma^2 = h W_lv + b_lv (f2)
 * Decoder: z -> relu(z W_dec1 + b_dec1) -> logits = . W_dec2 + b_dec2 -> sigmoid = image.
 */
export interface VaeParams {
  encW: tf.Variable; encB: tf.Variable;
  muW: tf.Variable; muB: tf.Variable;
  logVarW: tf.Variable; logVarB: tf.Variable;
  decW1: tf.Variable; decB1: tf.Variable;
  decW2: tf.Variable; decB2: tf.Variable;
  /** Essay CVAE prior means mu^Y, one row per class; absent otherwise. */
  classMeans?: tf.Variable;
  /** Standard CVAE: the label's rows of the encoder's and the decoder's first layers, [10, hidden]. */
  encLabelW?: tf.Variable;
  decLabelW?: tf.Variable;
}

export type ParamName = keyof VaeParams;

// tf.variable names are global to the engine; a counter keeps re-created models from clashing.
let nextVariableId = 0;

/** Glorot-uniform weights and zero biases, seeded so a run can be reproduced. */
export function createParams(config: ModelConfig): VaeParams {
  const shapes = paramShapes(config);
  let seed = config.seed;
  const make = (name: ParamName): tf.Variable | undefined => {
    const shape = shapes[name];
    if (!shape) return undefined;
    return tf.tidy(() => {
      let init: tf.Tensor;
      if (name === 'classMeans') {
        // Spread the class means apart from the start so classes do not all begin at the origin.
        init = tf.randomNormal(shape, 0, 1, 'float32', seed++);
      } else if (shape.length === 1) {
        init = tf.zeros(shape);
      } else {
        const limit = Math.sqrt(6 / (shape[0] + shape[1]));
        init = tf.randomUniform(shape, -limit, limit, 'float32', seed++);
      }
      return tf.variable(init, true, `vae_${name}_${nextVariableId++}`);
    });
  };
  const params: Partial<VaeParams> = {};
  for (const name of PARAM_ORDER) {
    const v = make(name);
    if (v) params[name] = v;
  }
  return params as VaeParams;
}

export function paramList(params: VaeParams): tf.Variable[] {
  const list: tf.Variable[] = [];
  for (const name of PARAM_ORDER) {
    const v = params[name];
    if (v) list.push(v);
  }
  return list;
}

export function disposeParams(params: VaeParams): void {
  for (const v of paramList(params)) v.dispose();
}

/**
 * x W + b with a hand-written gradient: dx = dy W^T and dW = x^T dy through explicit transposes.
 * tfjs's own matMul gradient uses the transposeA/transposeB forms, which the wasm backend runs
 * 10-35x slower than a transpose followed by a plain product at these shapes (bench/profile):
 * this alone makes a training step ~5x faster there.
 */
const denseOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = dy as tf.Tensor2D;
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g), tf.sum(g, 0)];
    },
  };
});

export function dense(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return denseOp(x, w, b) as tf.Tensor2D;
}

/**
 * The same layer applied to the data itself. Nothing upstream of the pixels learns, so dx is
 * never needed; as an input of the custom gradient it would still cost a full 128x512x784
 * product and a transpose of W every step (~10% of the step on wasm). x is held by closure
 * instead, so the gradient exists only for W and b.
 */
export function denseOnData(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [wIn, bIn] = args as [tf.Tensor2D, tf.Tensor];
    return {
      value: tf.add(tf.matMul(x, wIn), bIn),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const g = dy as tf.Tensor2D;
        return [tf.matMul(tf.transpose(x), g), tf.sum(g, 0)];
      },
    };
  });
  return op(w, b) as tf.Tensor2D;
}

// A type alias, not an interface, so tf.tidy accepts it as a TensorContainer.
export type Posterior = {
  mu: tf.Tensor2D;
  logVar: tf.Tensor2D;
};

/**
 * onehot(y) W for the standard CVAE's label input, or null when this model takes no label.
 * A one-hot matmul rather than a gather: gather's gradient needs UnsortedSegmentSum (not on wasm).
 */
function labelTerm(w: tf.Variable | undefined, labels: tf.Tensor1D | null | undefined): tf.Tensor2D | null {
  if (!w) return null;
  if (!labels) throw new Error('the standard conditional VAE needs the labels');
  return tf.matMul(tf.oneHot(labels, w.shape[0]).toFloat(), w) as tf.Tensor2D;
}

/**
 * q(z|x) = N(mu, diag(exp(logVar))). x: [batch, 784] in [0, 1]. The standard CVAE's encoder
 * also reads the label: q(z|x, y), first layer relu([x, onehot(y)] W + b).
 */
export function encode(params: VaeParams, x: tf.Tensor2D, labels?: tf.Tensor1D | null): Posterior {
  return tf.tidy(() => {
    const pre = denseOnData(x, params.encW, params.encB);
    const lab = labelTerm(params.encLabelW, labels);
    const h = tf.relu(lab ? (tf.add(pre, lab) as tf.Tensor2D) : pre);
    // Fitting log sigma^2 rather than sigma^2 lets the head output any real number: no
    // positivity constraint or activation needed.
    const mu = dense(h, params.muW, params.muB);
    const logVar = dense(h, params.logVarW, params.logVarB);
    return { mu, logVar };
  });
}

/**
 * Decoder logits (pre-sigmoid); the loss works on logits for numerical stability. The standard
 * CVAE's decoder is p(x|z, y): first layer relu([z, onehot(y)] W + b).
 */
export function decodeLogits(params: VaeParams, z: tf.Tensor2D, labels?: tf.Tensor1D | null): tf.Tensor2D {
  return tf.tidy(() => {
    const pre = dense(z, params.decW1, params.decB1);
    const lab = labelTerm(params.decLabelW, labels);
    const h = tf.relu(lab ? (tf.add(pre, lab) as tf.Tensor2D) : pre);
    return dense(h, params.decW2, params.decB2);
  });
}

export function decode(params: VaeParams, z: tf.Tensor2D, labels?: tf.Tensor1D | null): tf.Tensor2D {
  return tf.tidy(() => tf.sigmoid(decodeLogits(params, z, labels)));
}

/**
 * Reparameterization: z = mu + eps * sigma with eps ~ N(0, I). The randomness sits in eps,
 * outside the path from (mu, logVar) to z, so gradients flow to both.
 */
export function reparameterize(mu: tf.Tensor2D, logVar: tf.Tensor2D, eps?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const noise = eps ?? tf.randomNormal(mu.shape);
    return tf.add(mu, tf.mul(noise, tf.exp(tf.mul(logVar, 0.5)))) as tf.Tensor2D;
  });
}

/** Prior means for a batch: zeros for the VAE and the standard CVAE, mu^Y of each label for the essay's CVAE. */
export function priorMeans(params: VaeParams, labels: tf.Tensor1D | null, batch: number, latentDim: number): tf.Tensor2D {
  return tf.tidy(() => {
    // A one-hot matmul, not tf.gather: gather's gradient needs UnsortedSegmentSum, which the
    // wasm backend lacks.
    if (params.classMeans && labels) {
      return tf.matMul(tf.oneHot(labels, params.classMeans.shape[0]).toFloat(), params.classMeans) as tf.Tensor2D;
    }
    return tf.zeros([batch, latentDim]) as tf.Tensor2D;
  });
}
