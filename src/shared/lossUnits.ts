import { RECON_LOSSES } from '../settings/schema';
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

type NoteId = LossUnits['ids']['note'];
const ENGLISH_UNIT: Record<UnitId, string> = {
  nats: 'nats', natsPerPixel: 'nats/pixel', sqError: 'sq. error', sqErrorPerPixel: 'sq. error/pixel', mixed: 'mixed units',
};
const NOT_NATS = ' (not a log-probability, so not nats)';
const ENGLISH_RECON_WORDS: Record<Exclude<NoteId, 'natsPerDigit'>, string> = {
  bceMean: 'cross-entropy averaged over pixels (nats per pixel)',
  mseSum: `squared error summed over pixels${NOT_NATS}`,
  mseMean: `squared error averaged over pixels${NOT_NATS}`,
};

/** The units of a loss of the registry (src/settings/schema.ts) under a reduction. */
export function lossUnits(kind: ReconLoss, reduction: ReconReduction): LossUnits {
  const entry = RECON_LOSSES[kind];
  const reconId: UnitId = entry.units[reduction];
  const note: NoteId = entry.notes[reduction];
  if (note === 'natsPerDigit') {
    return {
      recon: 'nats', loss: 'nats', axis: 'nats per digit', note: 'reconstruction + β × KL, both in nats per digit',
      ids: { recon: reconId, loss: 'nats', note },
    };
  }
  const recon = ENGLISH_UNIT[reconId];
  return {
    recon,
    loss: ENGLISH_UNIT.mixed,
    axis: `reconstruction in ${recon}, KL in nats`,
    note: `reconstruction is ${ENGLISH_RECON_WORDS[note]}; β × KL is in nats per digit, so their sum has no single unit`,
    ids: { recon: reconId, loss: 'mixed', note },
  };
}
