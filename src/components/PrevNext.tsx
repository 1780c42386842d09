import { useTranslation } from '../i18n';

export interface PageLink {
  href: string;
  title: string;
}

/** "Previous" and "next" at the foot of a page, following the article's reading order. */
export function PrevNext({ prev, next }: { prev?: PageLink; next?: PageLink }) {
  const { t } = useTranslation();
  return (
    <nav className="prev-next" aria-label={t('app.prevNextLabel')}>
      {prev ? (
        <a href={prev.href} rel="prev" className="prev" data-testid="prev-link">
          <span className="prev-next-dir">{t('app.previous')}</span>
          <span className="prev-next-title">{prev.title}</span>
        </a>
      ) : <span />}
      {next ? (
        <a href={next.href} rel="next" className="next" data-testid="next-link">
          <span className="prev-next-dir">{t('app.next')}</span>
          <span className="prev-next-title">{next.title}</span>
        </a>
      ) : <span />}
    </nav>
  );
}
