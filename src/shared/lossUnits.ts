import type { ReconLoss, ReconReduction } from './types';

/**
 * What the training numbers are measured in, for labels. Only a log-probability is in nats:
 * summed cross-entropy is nats per digit, its pixel mean (the classic bug) nats per pixel, and
 * squared error is no log-probability at all unless a decoder variance is chosen (it is
 * -log N(x; x_hat, I/2) minus a constant). The KL is a log-ratio of densities: nats per digit always.
 */
export interface LossUnits {
  /** Unit of the reconstruction term, as shown after a number. */
  recon: string;
  /** Unit of recon + beta * KL: nats only when the reconstruction is in nats per digit. */
  loss: string;
  /** Short axis title for a chart holding loss, reconstruction and KL together. */
  axis: string;
  /** One sentence for a tooltip: why the loss has the unit it has. */
  note: string;
  /**
   * The same, as ids the interface words in the reader's language (this module stays free of
   * i18n): `recon` and `loss` units, and which sentence `note` is.
   */
  ids: { recon: UnitId; loss: UnitId; note: 'natsPerDigit' | 'bceMean' | 'mseSum' | 'mseMean' };
}

export type UnitId = 'nats' | 'natsPerPixel' | 'sqError' | 'sqErrorPerPixel' | 'mixed';

export const KL_UNIT = 'nats';

export function lossUnits(kind: ReconLoss, reduction: ReconReduction): LossUnits {
  if (kind === 'bce' && reduction === 'sum') {
    return {
      recon: 'nats', loss: 'nats', axis: 'nats per digit', note: 'reconstruction + β × KL, both in nats per digit',
      ids: { recon: 'nats', loss: 'nats', note: 'natsPerDigit' },
    };
  }
  const recon = kind === 'bce' ? 'nats/pixel' : reduction === 'sum' ? 'sq. error' : 'sq. error/pixel';
  const reconWords = kind === 'bce'
    ? 'cross-entropy averaged over pixels (nats per pixel)'
    : `squared error ${reduction === 'sum' ? 'summed' : 'averaged'} over pixels (not a log-probability, so not nats)`;
  return {
    recon,
    loss: 'mixed units',
    axis: `reconstruction in ${recon}, KL in nats`,
    note: `reconstruction is ${reconWords}; β × KL is in nats per digit, so their sum has no single unit`,
    ids: {
      recon: kind === 'bce' ? 'natsPerPixel' : reduction === 'sum' ? 'sqError' : 'sqErrorPerPixel',
      loss: 'mixed',
      note: kind === 'bce' ? 'bceMean' : reduction === 'sum' ? 'mseSum' : 'mseMean',
    },
  };
}
