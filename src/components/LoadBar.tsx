import { useLabController, useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';

/** MNIST download progress, in bytes of the gzip'd files; a failed download offers a retry. */
export function LoadBar() {
  const lab = useLabController();
  const { t } = useTranslation();
  const format = useFormat();
  const progress = useLabState((s) => s.loadProgress);
  const phase = useLabState((s) => s.phase);
  const dataError = useLabState((s) => s.dataError);
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
      {dataError && (
        <div className="banner banner-error" role="alert" data-testid="data-error" data-file={dataError.file ?? ''}>
          <span>
            {dataError.file
              ? t('load.failedFile', { file: dataError.file, reason: dataError.message })
              : t('load.failed', { reason: dataError.message })}
          </span>
          <button type="button" data-testid="data-retry" onClick={() => lab.retryData()}>{t('load.retry')}</button>
        </div>
      )}
    </div>
  );
}
