import * as tf from '@tensorflow/tfjs';
import type { ReconLoss, ReconReduction } from './types';

/**
 * KL(N(mu, sigma^2) || N(priorMu, 1)) per sample and latent dimension:
 *   1/2 (( mu - priorMu)^2 + sigma^2 - log sigma^2 - 1)
 * priorMu = 0 gives the VAE's KL to N(0, I); priorMu = mu^Y gives the CVAE's (article eq. 8).
 */
export function klPerDim(mu: tf.Tensor2D, logVar: tf.Tensor2D, priorMu?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const diff = priorMu ? tf.sub(mu, priorMu) : mu;
    return tf.mul(0.5, tf.sub(tf.sub(tf.add(tf.square(diff), tf.exp(logVar)), logVar), 1)) as tf.Tensor2D;
  });
}

/**
 * Reconstruction loss per sample, [batch]. Bernoulli cross-entropy is computed from logits
 * (max(l,0) - l x + log(1 + e^-|l|)) so it never takes log(0). 'mean' over pixels is the
 * classic bug: it shrinks the term ~784-fold against the KL.
 */
export function reconstructionLoss(
  logits: tf.Tensor2D, x: tf.Tensor2D, kind: ReconLoss, reduction: ReconReduction,
): tf.Tensor1D {
  return tf.tidy(() => {
    let perPixel: tf.Tensor2D;
    if (kind === 'bce') {
      perPixel = tf.add(
        tf.sub(tf.relu(logits), tf.mul(logits, x)),
        tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
      ) as tf.Tensor2D;
    } else {
      perPixel = tf.square(tf.sub(tf.sigmoid(logits), x)) as tf.Tensor2D;
    }
    return (reduction === 'sum' ? tf.sum(perPixel, 1) : tf.mean(perPixel, 1));
  });
}

export interface LossParts {
  /** recon + beta * KL, averaged over the batch (the value minimized). */
  loss: tf.Scalar;
  recon: tf.Scalar;
  kl: tf.Scalar;
  /** KL of each latent dimension averaged over the batch, [latentDim]. */
  klDims: tf.Tensor1D;
}

/** Sum over pixels and latent dims, mean over the batch only (see the article's section 3). */
export function vaeLoss(
  logits: tf.Tensor2D, x: tf.Tensor2D, mu: tf.Tensor2D, logVar: tf.Tensor2D, klWeight: number,
  kind: ReconLoss, reduction: ReconReduction, priorMu?: tf.Tensor2D,
): LossParts {
  return tf.tidy(() => {
    const recon = tf.mean(reconstructionLoss(logits, x, kind, reduction)) as tf.Scalar;
    const klDims = tf.mean(klPerDim(mu, logVar, priorMu), 0) as tf.Tensor1D;
    const kl = tf.sum(klDims) as tf.Scalar;
    const loss = tf.add(recon, tf.mul(kl, klWeight)) as tf.Scalar;
    return { loss, recon, kl, klDims };
  });
}
