import { useLabController, useLabState, useViewState } from '../../hooks/useLab';
import { NUM_CLASSES } from '../../shared/types';
import { digitColor } from '../../plots/latentGeometry';
import { LatentSliders } from './LatentSliders';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface CvaeClassPickerProps {
  digitSizePx?: number;
}

/**
 * The CVAE's generator: choose a class y, then move z around its prior mean mu^y with the
 * sliders. The canvas decodes z = mu^y + offset, so the same offset writes every digit in the
 * same style.
 */
export function CvaeClassPicker({ digitSizePx = 196 }: CvaeClassPickerProps) {
  const lab = useLabController();
  const { t } = useTranslation();
  const cvaeClass = useViewState((s) => s.cvaeClass);
  const conditional = useLabState((s) => s.config.conditional);
  const standard = useLabState((s) => s.config.kind === 'standard');
  return (
    <figure className="instrument cvae-picker">
      <div className="class-buttons" role="group" aria-label={t('instruments.classPicker.group')} data-testid="cvae-class">
        {Array.from({ length: NUM_CLASSES }, (_, digit) => (
          <button key={digit} type="button" aria-pressed={digit === cvaeClass} data-digit={digit}
            style={{ borderColor: digit === cvaeClass ? digitColor(digit) : undefined }}
            onClick={() => lab.view.setState({ cvaeClass: digit })}>
            {digit}
          </button>
        ))}
      </div>
      <LatentSliders offsetFromClassMean canvasTestId="cvae-digit" digitSizePx={digitSizePx} />
      <figcaption>
        {t(!conditional ? 'instruments.classPicker.notConditional' : standard ? 'instruments.classPicker.standard' : 'instruments.classPicker.essay')}
      </figcaption>
    </figure>
  );
}
