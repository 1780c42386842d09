import { useLabState } from '../hooks/useLab';

/** MNIST download progress, in bytes of the gzip'd files. */
export function LoadBar() {
  const progress = useLabState((s) => s.loadProgress);
  const phase = useLabState((s) => s.phase);
  if (phase !== 'loading') return null;
  const total = progress?.totalBytes ?? 0;
  const loaded = progress?.loadedBytes ?? 0;
  const mb = (b: number) => (b / 1e6).toFixed(1);
  return (
    <div className="load-bar" data-testid="load-progress">
      <label>
        Loading MNIST (60,000 training + 10,000 test digits): {total ? `${mb(loaded)} of ${mb(total)} MB` : 'starting…'}
        <progress max={total || 1} value={loaded} />
      </label>
    </div>
  );
}
