import { useLabState } from '../../hooks/useLab';
import { digitColor } from '../../plots/latentGeometry';
import './instruments.css';

/**
 * "Class accuracy of samples": the worker's own digit classifier judges 1,000 digits drawn from
 * the current model's conditional prior, 100 per class. Re-measured every few seconds of training.
 */
export function CvaeAccuracy() {
  const reading = useLabState((s) => s.classAccuracy ?? null);
  const classifier = useLabState((s) => s.classifier ?? null);
  const judge = classifier?.state === 'ready' && classifier.testAccuracy !== undefined
    ? `a digit classifier trained in your browser, right on ${(100 * classifier.testAccuracy).toFixed(1)}% of the 10,000 test digits`
    : 'a digit classifier that your browser is still training on the 60,000 training digits';
  return (
    <div className="cvae-accuracy" aria-live="polite">
      <p className="cvae-accuracy-main">
        class accuracy of samples:{' '}
        <strong data-testid="cvae-accuracy" data-step={reading?.step ?? ''}>
          {reading ? `${(100 * reading.accuracy).toFixed(1)}%` : '–'}
        </strong>
        {reading && <span className="hint"> at step {reading.step.toLocaleString('en-US')}</span>}
      </p>
      {reading && (
        <div className="cvae-per-class" data-testid="cvae-accuracy-per-class" role="img"
          aria-label={`per class: ${reading.perClass.map((a, y) => `${y}: ${Math.round(100 * a)}%`).join(', ')}`}>
          {reading.perClass.map((a, y) => (
            <span key={y} className="cvae-per-class-cell" title={`class ${y}: ${Math.round(100 * a)}% of its 100 samples`}>
              <span className="cvae-per-class-bar" style={{ height: `${Math.round(100 * a)}%`, background: digitColor(y) }} />
              <span className="cvae-per-class-label">{y}</span>
            </span>
          ))}
        </div>
      )}
      <p className="hint">
        1,000 digits generated from the prior, 100 per class, each decoded and judged by {judge}: the share it reads as
        the class they were generated for.
      </p>
    </div>
  );
}
