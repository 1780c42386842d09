import { useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';

/** MNIST download progress, in bytes of the gzip'd files. */
export function LoadBar() {
  const { t } = useTranslation();
  const format = useFormat();
  const progress = useLabState((s) => s.loadProgress);
  const phase = useLabState((s) => s.phase);
  if (phase !== 'loading') return null;
  const total = progress?.totalBytes ?? 0;
  const loaded = progress?.loadedBytes ?? 0;
  const mb = (b: number) => format.number(b / 1e6, { digits: 1 });
  return (
    <div className="load-bar" data-testid="load-progress">
      <label>
        {t('load.label', {
          train: format.number(60000),
          test: format.number(10000),
          progress: total ? t('load.progress', { loaded: mb(loaded), total: mb(total) }) : t('load.starting'),
        })}
        <progress max={total || 1} value={loaded} />
      </label>
    </div>
  );
}
