import { useEffect, useRef } from 'react';
import { drawDigit } from '../plots/digitCanvas';
import { useTranslation } from '../i18n';

interface Props {
  /** 784 intensities in [0, 1], or null for a blank square. */
  pixels: ArrayLike<number> | null;
  /** CSS size in px; the bitmap is 28 x scale. */
  size?: number;
  label?: string;
  testId?: string;
}

/** One 28x28 digit drawn large with square pixels. */
export function DigitCanvas({ pixels, size = 112, label, testId }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    drawDigit(canvas, pixels ?? new Float32Array(784), { scale: 4 });
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      className="digit-canvas"
      style={{ width: size, height: size }}
      role="img"
      aria-label={label ?? t('instruments.common.decodedDigit')}
      data-testid={testId}
    />
  );
}
