import { useEffect, useRef, type PointerEvent } from 'react';
import { useLabController, useViewState } from '../../hooks/useLab';
import { decodeCpu, encodeCpu } from '../../model/cpuNet';
import { IMAGE_SIZE, PIXELS } from '../../shared/types';
import { drawDigit } from '../../plots/digitCanvas';
import { normalizeLikeMnist, stampBrush, strokeSegment } from './brush';
import { useFrameScheduler, useLabSelection } from './labHooks';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface DrawDigitPadProps {
  padSizePx?: number;
}

const PAD_SCALE = 8;

/**
 * A 28x28 drawing pad (mouse, pen or touch) with a soft brush. The drawing, scaled and centred
 * like MNIST, goes to view.drawn, where the latent map (showDrawn) outlines its posterior; here
 * it is encoded to mu and decoded back, so the reader sees what the model made of it.
 */
export function DrawDigitPad({ padSizePx = 224 }: DrawDigitPadProps) {
  const lab = useLabController();
  const { t } = useTranslation();
  const padRef = useRef<HTMLCanvasElement>(null);
  const reconRef = useRef<HTMLCanvasElement>(null);
  const muRef = useRef<HTMLOutputElement>(null);
  const raw = useRef(new Float32Array(PIXELS));
  const lastPoint = useRef<[number, number] | null>(null);
  const hasDrawing = useViewState((s) => s.drawn !== null);
  const schedule = useFrameScheduler();

  const paintPad = () => {
    if (padRef.current) drawDigit(padRef.current, raw.current, { scale: PAD_SCALE });
  };
  const publish = () => lab.view.setState({ drawn: { pixels: normalizeLikeMnist(raw.current) } });

  // A drawing made earlier (another page showing this pad) is shown again.
  useEffect(() => {
    const drawn = lab.view.getState().drawn;
    if (drawn) raw.current.set(drawn.pixels);
    if (padRef.current) drawDigit(padRef.current, raw.current, { scale: PAD_SCALE });
  }, [lab]);

  const toPixel = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    const w = rect.width || padSizePx;
    const h = rect.height || padSizePx;
    return [((e.clientX - rect.left) / w) * IMAGE_SIZE, ((e.clientY - rect.top) / h) * IMAGE_SIZE];
  };
  const onDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const [x, y] = toPixel(e);
    stampBrush(raw.current, x, y);
    lastPoint.current = [x, y];
    schedule(() => { paintPad(); publish(); });
  };
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const last = lastPoint.current;
    if (!last) return;
    const [x, y] = toPixel(e);
    strokeSegment(raw.current, last[0], last[1], x, y);
    lastPoint.current = [x, y];
    schedule(() => { paintPad(); publish(); });
  };
  const onUp = () => { lastPoint.current = null; };
  const clear = () => {
    raw.current.fill(0);
    paintPad();
    lab.view.setState({ drawn: null });
  };

  useLabSelection((l) => [l.store.getState().snapshot, l.view.getState().drawn] as const, ([snapshot, drawn]) => {
    const canvas = reconRef.current;
    if (!canvas) return;
    if (!drawn || !snapshot) {
      drawDigit(canvas, new Float32Array(PIXELS), { scale: 4 });
      if (muRef.current) muRef.current.textContent = '–';
      return;
    }
    const { mu, logVar } = encodeCpu(snapshot.encoder, drawn.pixels);
    drawDigit(canvas, decodeCpu(snapshot.decoder, mu), { scale: 4 });
    if (muRef.current) {
      const fmt = (a: Float32Array, f: (v: number) => number) => Array.from(a.subarray(0, 4), (v) => f(v).toFixed(2)).join(', ') + (a.length > 4 ? ', …' : '');
      muRef.current.textContent = `μ = (${fmt(mu, (v) => v)}), σ = (${fmt(logVar, (v) => Math.exp(v / 2))})`;
    }
  });

  return (
    <figure className="instrument draw-digit-pad">
      <div className="draw-row">
        <div className="draw-col draw-pad-frame">
          {!hasDrawing && <span className="draw-hint" aria-hidden="true">{t('instruments.draw.hint')}</span>}
          <canvas ref={padRef} className="digit-canvas draw-pad" data-testid="draw-pad" width={IMAGE_SIZE * PAD_SCALE} height={IMAGE_SIZE * PAD_SCALE}
            style={{ width: padSizePx, height: padSizePx }} role="img" aria-label={t('instruments.draw.pad')}
            onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} />
          <button type="button" data-testid="draw-clear" onClick={clear} disabled={!hasDrawing}>{t('instruments.common.clear')}</button>
        </div>
        <div className="draw-col">
          <canvas ref={reconRef} className="digit-canvas draw-recon" data-testid="draw-recon" width={IMAGE_SIZE * 4} height={IMAGE_SIZE * 4}
            style={{ width: Math.round(padSizePx * 0.6), height: Math.round(padSizePx * 0.6) }} role="img" aria-label={t('instruments.draw.recon')} />
          <span className="strip-label">{t('instruments.draw.reconLabel')}</span>
          <output ref={muRef} className="draw-mu" data-testid="draw-mu">–</output>
        </div>
      </div>
      <figcaption>
        {t('instruments.draw.caption')}
      </figcaption>
    </figure>
  );
}
