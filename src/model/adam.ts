import * as tf from '@tensorflow/tfjs';
import { fusedAdam, fusedAdamAvailable } from './fusedAdam';

/**
 * Adam (Kingma & Ba) over a fixed list of variables. Written here rather than using
 * tf.train.adam because the trainer must change the learning rate mid-run, save and restore
 * the moment estimates with the weights, and dispose everything on reset.
 */
export class Adam {
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
  step = 0;
  /**
   * Steps the moment estimates m and v have seen; bias correction counts these, not the model's
   * age. A model loaded without its moments (the shipped files) restarts them from zero: with the
   * model's step count instead, the first updates ran 3-6x the learning rate for hundreds of steps.
   */
  momentSteps = 0;
  /** Off: the update runs as separate ops even where the fused kernel exists (tests compare the two). */
  useFusedKernel = true;

  constructor(
    private readonly vars: tf.Variable[],
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    // tidy: tf.variable shares the initial tensor's data, so the zeros themselves can go.
    this.m = tf.tidy(() => vars.map((x) => tf.variable(tf.zerosLike(x), false)));
    this.v = tf.tidy(() => vars.map((x) => tf.variable(tf.zerosLike(x), false)));
  }

  /**
   * grads[i] belongs to vars[i]; its true gradient is grads[i] * scales[i] (default 1), so a
   * caller can hand over gradients without their common factor. Caller disposes grads.
   */
  apply(grads: tf.Tensor[], scales?: readonly number[]): void {
    if (grads.length !== this.vars.length) throw new Error('Adam: gradient list does not match the variables');
    this.step += 1;
    this.momentSteps += 1;
    const t = this.momentSteps;
    // Bias correction folded into the step size: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t).
    const lrT = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const scaleOf = (i: number): number => scales?.[i] ?? 1;
    if (this.useFusedKernel && fusedAdamAvailable()) {
      tf.tidy(() => {
        const next = fusedAdam(this.vars, this.m, this.v, grads, {
          lrT, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, scales: grads.map((_, i) => scaleOf(i)),
        });
        this.vars.forEach((variable, i) => {
          variable.assign(next.p[i]!);
          this.m[i]!.assign(next.m[i]!);
          this.v[i]!.assign(next.v[i]!);
        });
      });
      return;
    }
    tf.tidy(() => {
      this.vars.forEach((variable, i) => {
        const g = grads[i];
        const m = this.m[i];
        const v = this.v[i];
        if (!g || !m || !v) throw new Error('Adam: gradient list does not match the variables');
        const s = scaleOf(i);
        // The scale rides on the multiplications Adam does anyway.
        const mNew = tf.add(tf.mul(m, this.beta1), tf.mul(g, (1 - this.beta1) * s));
        const vNew = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), (1 - this.beta2) * s * s));
        m.assign(mNew);
        v.assign(vNew);
        variable.assign(tf.sub(variable, tf.div(tf.mul(mNew, lrT), tf.add(tf.sqrt(vNew), this.epsilon))));
      });
    });
  }

  dispose(): void {
    for (const x of this.m) x.dispose();
    for (const x of this.v) x.dispose();
  }
}
