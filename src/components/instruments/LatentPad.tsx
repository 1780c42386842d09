import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useLabController, useViewState } from '../../hooks/useLab';
import { useTranslation } from '../../i18n';
import { latentToPad, padStep, padToLatent, Z_RANGE } from './padMath';

const SIZE = 200;
const TICKS = [-3, -2, -1, 0, 1, 2, 3];

/**
 * The latent plane for latent size 2: drag the point (mouse, pen or touch) or move it with the
 * arrow keys (Shift for bigger steps, 0 to centre). The circles are the prior N(0, I) at 1 and 2 sigma.
 */
export function LatentPad({ label }: { label?: string }) {
  const lab = useLabController();
  const { t } = useTranslation();
  const z = useViewState((s) => s.z);
  const dragging = useRef(false);
  const zx = z[0] ?? 0;
  const zy = z[1] ?? 0;

  const setFromPointer = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const [x, y] = padToLatent(e.clientX - rect.left, e.clientY - rect.top, rect.width || SIZE, Z_RANGE);
    lab.view.setState({ z: [x, y] });
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const next = padStep(e.key, e.shiftKey, [zx, zy], Z_RANGE);
    if (!next) return;
    e.preventDefault();
    lab.view.setState({ z: next });
  };
  const [px, py] = latentToPad(zx, zy, SIZE, Z_RANGE);
  const unit = SIZE / (2 * Z_RANGE);
  return (
    <svg className="latent-pad" data-testid="latent-pad" viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} tabIndex={0}
      role="slider" aria-label={t('instruments.pad.aria', { label: label ?? t('instruments.pad.latentPlane') })} aria-valuetext={`z1 ${zx.toFixed(2)}, z2 ${zy.toFixed(2)}`}
      aria-valuenow={zx} aria-valuemin={-Z_RANGE} aria-valuemax={Z_RANGE}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        setFromPointer(e);
      }}
      onPointerMove={(e) => dragging.current && setFromPointer(e)}
      onPointerUp={() => { dragging.current = false; }}
      onPointerCancel={() => { dragging.current = false; }}
      onKeyDown={onKeyDown}>
      <rect width={SIZE} height={SIZE} className="pad-bg" />
      {TICKS.map((t) => {
        const [gx] = latentToPad(t, 0, SIZE, Z_RANGE);
        return (
          <g key={t} className={t === 0 ? 'pad-axis' : 'pad-grid'}>
            <line x1={gx} x2={gx} y1={0} y2={SIZE} />
            <line x1={0} x2={SIZE} y1={gx} y2={gx} />
          </g>
        );
      })}
      <circle cx={SIZE / 2} cy={SIZE / 2} r={unit} className="pad-prior" />
      <circle cx={SIZE / 2} cy={SIZE / 2} r={2 * unit} className="pad-prior pad-prior-2" />
      <text x={SIZE - 4} y={SIZE / 2 - 4} textAnchor="end" className="pad-label">z1</text>
      <text x={SIZE / 2 + 4} y={12} className="pad-label">z2</text>
      <circle cx={px} cy={py} r={7} className="pad-point" data-role="pad-point" />
    </svg>
  );
}
