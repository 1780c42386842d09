import { useId } from 'react';
import { useLabController, useLabState, useViewState } from '../../hooks/useLab';
import { useTranslation } from '../../i18n';

/**
 * Which two latent dimensions the map and the manifold grid show, for latent size above 2.
 * Picking the dimension the other axis already shows swaps the two, so the axes never coincide.
 */
export function LatentDimsChooser() {
  const lab = useLabController();
  const { t } = useTranslation();
  const latentDim = useLabState((s) => s.config.latentDim);
  const mapDims = useViewState((s) => s.mapDims);
  const id = useId();
  if (latentDim <= 2) return null;
  const [dimX, dimY] = mapDims;
  const choose = (axis: 0 | 1, dim: number) => {
    const other = axis === 0 ? dimY : dimX;
    const current = axis === 0 ? dimX : dimY;
    const next: [number, number] = axis === 0 ? [dim, other === dim ? current : other] : [other === dim ? current : other, dim];
    lab.view.setState({ mapDims: next });
  };
  const options = Array.from({ length: latentDim }, (_, d) => <option key={d} value={d}>z{d + 1}</option>);
  return (
    <div className="dims-chooser" role="group" aria-label={t('instruments.dims.group')}>
      <label htmlFor={`${id}-x`}>{t('instruments.dims.x')}</label>
      <select id={`${id}-x`} value={dimX} data-testid="map-dim-x" onChange={(e) => choose(0, Number(e.target.value))}>{options}</select>
      <label htmlFor={`${id}-y`}>{t('instruments.dims.y')}</label>
      <select id={`${id}-y`} value={dimY} data-testid="map-dim-y" onChange={(e) => choose(1, Number(e.target.value))}>{options}</select>
    </div>
  );
}
