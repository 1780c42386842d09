import { useEffect, useRef } from 'react';
import { drawDigitGrid } from '../../plots/digitCanvas';

/** One row of digits in one canvas, repainted when `images` changes. */
export function DigitStrip({ images, label, testId, meanIntensity }: { images: ArrayLike<number>[]; label: string; testId: string; meanIntensity?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current && images.length) drawDigitGrid(ref.current, images, { rows: 1, cols: images.length, scale: 2 });
  }, [images]);
  return (
    <canvas ref={ref} data-testid={testId} role="img" aria-label={label}
      data-mean-intensity={meanIntensity === undefined ? undefined : meanIntensity.toFixed(4)}
      style={{ width: '100%', maxWidth: `${images.length * 56}px`, imageRendering: 'pixelated' }} />
  );
}
