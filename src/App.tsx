import { createElement, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LoadBar } from './components/LoadBar';
import { PrevNext } from './components/PrevNext';
import { TableOfContents, type TocItem } from './components/TableOfContents';
import { TrainingStatus } from './components/TrainingStatus';
import { findPage, home, hrefFor, neighbours, pageFor, pageLanguage, pages, sectionNumber, type Section } from './content/sections';
import { useHashId } from './content/router';
import { SectionLab } from './hooks/sectionLab';
import { currentLanguage, useTranslation } from './i18n';
import { languageOf } from './i18n/languages';
import './pages/pages.css';

/** Outside the component: the document is not React's state, and an effect is where it changes. */
function setDocumentTitle(title: string): void {
  document.title = title;
}

/**
 * The shell around every page: the contents (a sidebar on wide screens, a menu on phones),
 * the main model's status line, and the page the URL's hash names with prev/next links.
 */
export function App() {
  const routeId = useHashId();
  const found = findPage(routeId);
  const page = found ?? home;
  const { prev, next } = neighbours(page.id);
  const number = sectionNumber(page.id);
  const [menuOpen, setMenuOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const { t } = useTranslation();
  const language = currentLanguage();
  const titleOf = (p: Section) => t(`sections.${p.id}.title`);
  const tocItems: TocItem[] = pages.map((p) => ({
    id: p.id, title: titleOf(p), summary: t(`sections.${p.id}.summary`), href: hrefFor(p.id), number: sectionNumber(p.id),
  }));
  const pageTitle = titleOf(page);

  useEffect(() => {
    setDocumentTitle(page.id === home.id ? t('app.titleHome') : t('app.titlePage', { title: pageTitle }));
  }, [page, pageTitle, t]);

  useEffect(() => {
    // On navigation (not on first load) start at the top and move focus to the new heading,
    // so keyboard and screen-reader users land where sighted readers look.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    headingRef.current?.focus({ preventScroll: true });
  }, [page]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setMenuOpen(false); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  // A language without its own page of this section shows the English one (see sections.ts).
  const pageComponent = pageFor(page, language);
  // The same element while the page component is the same: a language switch then re-renders
  // only the text that asked for translations, not every figure of an untranslated page.
  const pageElement = useMemo(() => createElement(pageComponent), [pageComponent]);
  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <a className="skip-link" href="#main-content" onClick={(e) => { e.preventDefault(); headingRef.current?.focus(); }}>{t('app.skipLink')}</a>
      <header className="sidebar">
        <div className="sidebar-top">
          <a className="brand" href={hrefFor(home.id)} onClick={() => setMenuOpen(false)}>VAE Lab</a>
          <LanguageSwitch />
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="toc-panel"
            onClick={() => setMenuOpen((o) => !o)}
            data-testid="nav-toggle"
          >
            {menuOpen ? t('app.menuClose') : t('app.menuOpen')}
          </button>
        </div>
        <p className="sidebar-tagline">{t('app.tagline')}</p>
        <div id="toc-panel" className="toc-panel">
          <TableOfContents items={tocItems} currentId={page.id} onNavigate={() => setMenuOpen(false)} />
        </div>
        <TrainingStatus panelHref={hrefFor(home.id)} />
      </header>
      <main id="main-content" className="content">
        <LoadBar />
        <ErrorBanner />
        {/* key: a new page is a new tree, so page-local state (a figure's draws) starts fresh. */}
        <article key={page.id} className="page" data-testid={`page-${page.id}`} aria-labelledby="page-title">
          <header className="page-header">
            {number !== undefined && <p className="page-kicker">{t('app.kicker', { number, count: pages.length - 1 })}</p>}
            <h1 id="page-title" ref={headingRef} tabIndex={-1}>{page.id === home.id ? 'VAE Lab' : pageTitle}</h1>
            {!found && <p className="page-missing" role="alert">{t('app.missingSection', { id: routeId })}</p>}
          </header>
          {/* Always this wrapper, only its lang changes: a switch must not remount the page's figures.
              lang names the prose's language (English while a translation is missing), for screen
              readers and for the typography rules. */}
          <div className="page-body" lang={languageOf(pageLanguage(page, language)).htmlLang}>
            {/* The page's figures and panel read the lab its section declares. */}
            <SectionLab name={page.lab}>{pageElement}</SectionLab>
          </div>
        </article>
        <PrevNext
          prev={prev && { href: hrefFor(prev.id), title: titleOf(prev) }}
          next={next && { href: hrefFor(next.id), title: titleOf(next) }}
        />
      </main>
    </div>
  );
}
