/**
 * KL(p || q) and KL(q || p) for p, q each a normal or a uniform, with the regions that make a
 * KL infinite shaded. For the "why a normal posterior" page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n';
import { klReport, type Dist1D, type Interval, type KlReport } from '../../toy/klDivergence';
import { KlDivergencePlot, type KlDivergencePlotText } from '../../plots/klDivergencePlot';
import { TOY_COLORS } from '../../plots/toyFrame';
import { RangeControl } from './RangeControl';
import { usePlot } from '../usePlot';
import './figures.css';

/** Both parameter sets are kept, so switching a distribution's family and back restores it. */
interface DistControls {
  kind: Dist1D['kind'];
  mean: number;
  sd: number;
  a: number;
  b: number;
}

const X_MIN = -5;
const X_MAX = 5;
const MIN_WIDTH = 0.2;

const toDist = (c: DistControls): Dist1D =>
  c.kind === 'normal' ? { kind: 'normal', mean: c.mean, sd: c.sd } : { kind: 'uniform', a: c.a, b: c.b };

const PRESETS: Array<{ id: string; label: 'presetNormalUniform' | 'presetTwoUniforms' | 'presetTwoNormals'; p: DistControls; q: DistControls }> = [
  {
    id: 'normal-uniform',
    label: 'presetNormalUniform',
    p: { kind: 'normal', mean: 0, sd: 1, a: -1, b: 1 },
    q: { kind: 'uniform', mean: 0, sd: 1, a: -2, b: 2 },
  },
  {
    id: 'two-uniforms',
    label: 'presetTwoUniforms',
    p: { kind: 'uniform', mean: 0, sd: 1, a: -2, b: 1 },
    q: { kind: 'uniform', mean: 0, sd: 1, a: -1, b: 2 },
  },
  {
    id: 'two-normals',
    label: 'presetTwoNormals',
    p: { kind: 'normal', mean: -1, sd: 0.8, a: -1, b: 1 },
    q: { kind: 'normal', mean: 1, sd: 1.5, a: -1, b: 1 },
  },
];

const one = (v: number) => v.toFixed(1);

function formatRegion(r: Interval): string {
  const end = (v: number) => (v === -Infinity ? '−∞' : v === Infinity ? '∞' : v.toFixed(1).replace('-', '−'));
  return `(${end(r.lo)}, ${end(r.hi)})`;
}

function DistributionControls({
  name,
  color,
  value,
  onChange,
}: {
  name: 'p' | 'q';
  color: string;
  value: DistControls;
  onChange: (next: DistControls) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<DistControls>) => onChange({ ...value, ...patch });
  const id = `fig-kl-${name}`;
  return (
    <fieldset data-testid={id}>
      <legend>
        <span className="toy-swatch" style={{ background: color }} aria-hidden="true" />
        {name}
      </legend>
      <div className="toy-radio-row">
        {(['normal', 'uniform'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={value.kind === kind}
              onChange={() => set({ kind })}
              data-testid={`${id}-kind-${kind}`}
            />{' '}
            {t(kind === 'normal' ? 'figures.kl.normal' : 'figures.kl.uniform')}
          </label>
        ))}
      </div>
      <div className="toy-controls">
        {value.kind === 'normal' ? (
          <>
            <RangeControl label={t('figures.kl.mean')} value={value.mean} min={-4} max={4} step={0.1} format={one} onChange={(mean) => set({ mean })} testId={`${id}-mean`} />
            <RangeControl label={t('figures.kl.sd')} value={value.sd} min={0.2} max={3} step={0.1} format={one} onChange={(sd) => set({ sd })} testId={`${id}-sd`} />
          </>
        ) : (
          <>
            {/* Keep a < b: dragging one end past the other pushes the other along. */}
            <RangeControl
              label={t('figures.kl.left')}
              value={value.a}
              min={X_MIN}
              max={X_MAX}
              step={0.1}
              format={one}
              onChange={(raw) => {
                const a = Math.min(raw, X_MAX - MIN_WIDTH);
                set({ a, b: Math.max(value.b, a + MIN_WIDTH) });
              }}
              testId={`${id}-a`}
            />
            <RangeControl
              label={t('figures.kl.right')}
              value={value.b}
              min={X_MIN}
              max={X_MAX}
              step={0.1}
              format={one}
              onChange={(raw) => {
                const b = Math.max(raw, X_MIN + MIN_WIDTH);
                set({ b, a: Math.min(value.a, b - MIN_WIDTH) });
              }}
              testId={`${id}-b`}
            />
          </>
        )}
      </div>
    </fieldset>
  );
}

function KlRow({ label, report, testId }: { label: string; report: KlReport; testId: string }) {
  const { t } = useTranslation();
  const infinite = report.numeric === Infinity;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={`${testId}-value`} className={infinite ? 'toy-infinite' : undefined}>
        {infinite ? '∞' : t('figures.common.nats', { value: report.numeric.toFixed(4) })}
      </td>
      <td data-testid={`${testId}-closed`}>{report.closedForm === Infinity ? '∞' : t('figures.common.nats', { value: report.closedForm.toFixed(4) })}</td>
    </tr>
  );
}

function KlReason({ label, report, from, to, testId }: { label: string; report: KlReport; from: string; to: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <li data-testid={`${testId}-reason`}>
      {label}:{' '}
      {report.infiniteRegions.length > 0 ? (
        <>
          <span className="toy-infinite">{t('figures.kl.infinite')}</span>
          {t('figures.kl.infiniteBecause', { from, to, regions: report.infiniteRegions.map(formatRegion).join(t('figures.kl.regionJoin')) })}
        </>
      ) : (
        t('figures.kl.finite', { from, to })
      )}
    </li>
  );
}

export function KlDivergenceFigure() {
  const [pControls, setP] = useState<DistControls>(PRESETS[0]!.p);
  const [qControls, setQ] = useState<DistControls>(PRESETS[0]!.q);
  const p = useMemo(() => toDist(pControls), [pControls]);
  const q = useMemo(() => toDist(qControls), [qControls]);
  const pq = useMemo(() => klReport(p, q), [p, q]);
  const qp = useMemo(() => klReport(q, p), [p, q]);
  const { t } = useTranslation();
  // Rebuilt when the language changes (react-i18next gives a new t for each language), so the plot's description follows it.
  const text = useMemo<KlDivergencePlotText>(() => ({
    label: t('figures.kl.plot.label'),
    describe: (d) =>
      d.kind === 'normal'
        ? t('figures.kl.plot.describeNormal', { mean: d.mean, sd: d.sd })
        : t('figures.kl.plot.describeUniform', { a: d.a, b: d.b }),
    aria: (pp, qq) => t('figures.kl.plot.aria', { p: pp, q: qq }),
    ariaRegions: (count) => t('figures.kl.plot.ariaRegions', { count }),
  }), [t]);
  const plotData = useMemo(() => ({ p, q, text }), [p, q, text]);
  const { ref: plotRef } = usePlot((root) => new KlDivergencePlot(root), { data: plotData });

  return (
    <figure className="toy-figure" data-testid="fig-kl">
      <h3>{t('figures.kl.title')}</h3>
      <p className="toy-caption">{t('figures.kl.caption')}</p>
      <div className="toy-controls" role="group" aria-label={t('figures.kl.presets')}>
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            onClick={() => {
              setP(preset.p);
              setQ(preset.q);
            }}
            data-testid={`fig-kl-preset-${preset.id}`}
          >
            {t(`figures.kl.${preset.label}`)}
          </button>
        ))}
      </div>
      <div className="toy-panels">
        <DistributionControls name="p" color={TOY_COLORS.p} value={pControls} onChange={setP} />
        <DistributionControls name="q" color={TOY_COLORS.q} value={qControls} onChange={setQ} />
      </div>
      <div className="toy-plot" ref={plotRef} data-testid="fig-kl-plot" />
      <div className="toy-readout" aria-live="polite">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('figures.kl.divergence')}</th>
              <th scope="col">{t('figures.kl.numeric')}</th>
              <th scope="col">{t('figures.kl.closedForm')}</th>
            </tr>
          </thead>
          <tbody>
            <KlRow label="KL(p‖q)" report={pq} testId="fig-kl-pq" />
            <KlRow label="KL(q‖p)" report={qp} testId="fig-kl-qp" />
          </tbody>
        </table>
        <ul style={{ paddingLeft: '1.2rem', margin: '0.4rem 0 0' }}>
          <KlReason label="KL(p‖q)" report={pq} from="p" to="q" testId="fig-kl-pq" />
          <KlReason label="KL(q‖p)" report={qp} from="q" to="p" testId="fig-kl-qp" />
        </ul>
      </div>
    </figure>
  );
}
