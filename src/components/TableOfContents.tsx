import { useTranslation } from '../i18n';

export interface TocItem {
  id: string;
  title: string;
  /** One line, shown as the link's tooltip. */
  summary?: string;
  href: string;
  /** Shown before the title ("3"); the home screen has none. */
  number?: number;
}

interface Props {
  items: readonly TocItem[];
  currentId: string;
  /** Called after a link is followed, so a phone menu can close itself. */
  onNavigate?: () => void;
}

/** The article's table of contents: one plain link per section, the current one marked. */
export function TableOfContents({ items, currentId, onNavigate }: Props) {
  const { t } = useTranslation();
  return (
    <nav className="toc" aria-label={t('app.tocLabel')} data-testid="nav">
      <ol>
        {items.map((item) => (
          <li key={item.id}>
            <a
              href={item.href}
              data-testid={`nav-${item.id}`}
              aria-current={item.id === currentId ? 'page' : undefined}
              title={item.summary}
              onClick={onNavigate}
            >
              {item.number !== undefined && <span className="toc-number">{item.number}</span>}
              <span>{item.title}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
