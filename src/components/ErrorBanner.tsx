import { useLabController, useLabState } from '../hooks/useLab';

/** What went wrong, in words; the model and its history stay as they were. */
export function ErrorBanner() {
  const lab = useLabController();
  const error = useLabState((s) => s.error);
  const notices = useLabState((s) => s.notices);
  if (!error && notices.length === 0) return null;
  return (
    <div className="banners">
      {error && (
        <div className="banner banner-error" role="alert" data-testid="error-message">
          <span>{error}</span>
          <button type="button" onClick={() => lab.dismissError()} aria-label="dismiss">×</button>
        </div>
      )}
      {notices.map((n) => (
        <div key={n} className="banner banner-notice" role="status" data-testid="notice">{n}</div>
      ))}
    </div>
  );
}
