import { useLabState } from '../../hooks/useLab';
import { digitColor } from '../../plots/latentGeometry';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../i18n/format';
import './instruments.css';

/**
 * "Class accuracy of samples": the worker's own digit classifier judges 1,000 digits drawn from
 * the current model's conditional prior, 100 per class. Re-measured every few seconds of training.
 */
export function CvaeAccuracy() {
  const { t } = useTranslation();
  const format = useFormat();
  const pct = (v: number, digits = 1) => `${format.number(100 * v, { digits })}%`;
  const reading = useLabState((s) => s.classAccuracy ?? null);
  const classifier = useLabState((s) => s.classifier ?? null);
  const judge = classifier?.state === 'ready' && classifier.testAccuracy !== undefined
    ? t('instruments.accuracy.judgeReady', { accuracy: pct(classifier.testAccuracy), count: format.number(10000) })
    : t('instruments.accuracy.judgeTraining', { count: format.number(60000) });
  return (
    <div className="cvae-accuracy" aria-live="polite">
      <p className="cvae-accuracy-main">
        {t('instruments.accuracy.main')}
        <strong data-testid="cvae-accuracy" data-step={reading?.step ?? ''}>
          {reading ? pct(reading.accuracy) : '–'}
        </strong>
        {reading && <span className="hint">{t('instruments.accuracy.atStep', { step: format.number(reading.step) })}</span>}
      </p>
      {reading && (
        <div className="cvae-per-class" data-testid="cvae-accuracy-per-class" role="img"
          aria-label={t('instruments.accuracy.perClass', { list: reading.perClass.map((a, y) => t('instruments.accuracy.perClassItem', { digit: y, share: pct(a, 0) })).join(', ') })}>
          {reading.perClass.map((a, y) => (
            <span key={y} className="cvae-per-class-cell" title={t('instruments.accuracy.classTitle', { digit: y, share: pct(a, 0) })}>
              <span className="cvae-per-class-bar" style={{ height: `${Math.round(100 * a)}%`, background: digitColor(y) }} />
              <span className="cvae-per-class-label">{y}</span>
            </span>
          ))}
        </div>
      )}
      <p className="hint">
        {t('instruments.accuracy.hint', { judge })}
      </p>
    </div>
  );
}
