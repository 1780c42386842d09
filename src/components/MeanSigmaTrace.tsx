import { useEffect, useMemo } from 'react';
import { useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';
import { MeanSigmaTracePlot, type MeanSigmaText } from '../plots/meanSigmaTrace';
import { useLabSelection } from './instruments/labHooks';
import { usePlot } from './usePlot';

/**
 * The mean posterior sigma over training: how much noise the encoder currently adds to its
 * codes. sigma = 1 is the prior's spread; 0 would be a plain autoencoder.
 */
export function MeanSigmaTrace() {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = useLabState((s) => s.latest?.meanSigma);
  // The figure is the plot's root: the SVG goes in before the caption.
  const { ref, draw, drawNow } = usePlot((root) => new MeanSigmaTracePlot(root));
  const label = t('instruments.sigma.figure', { value: latest?.toFixed(3) ?? t('instruments.sigma.notYet') });
  const text = useMemo<MeanSigmaText>(() => ({
    label,
    prior: t('instruments.sigma.prior'),
    step: (step) => t('instruments.sigma.step', { step: format.number(step) }),
  }), [t, format, label]);
  useEffect(() => drawNow((trace) => trace.setText(text)), [drawNow, text]);
  useLabSelection((lab) => [lab.store.getState().history] as const, ([history]) => {
    draw((trace) => trace.update(history));
  });
  return (
    <figure ref={ref} className="sigma-trace" data-testid="mean-sigma-trace">
      <figcaption>
        {t('instruments.sigma.caption')}
        <strong>{latest !== undefined ? latest.toFixed(3) : '–'}</strong>.
      </figcaption>
    </figure>
  );
}
