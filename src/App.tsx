import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { LoadBar } from './components/LoadBar';
import { PrevNext } from './components/PrevNext';
import { TableOfContents, type TocItem } from './components/TableOfContents';
import { TrainingStatus } from './components/TrainingStatus';
import { findPage, home, hrefFor, neighbours, pages, sectionNumber } from './content/sections';
import { useHashId } from './content/router';
import './pages/pages.css';

const tocItems: TocItem[] = pages.map((p) => ({ id: p.id, title: p.title, href: hrefFor(p.id), number: sectionNumber(p.id) }));

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

  useEffect(() => {
    document.title = page.id === home.id ? 'VAE Lab — train a variational autoencoder in your browser' : `${page.title} · VAE Lab`;
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

  const Page = page.page;
  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <a className="skip-link" href="#main-content" onClick={(e) => { e.preventDefault(); headingRef.current?.focus(); }}>Skip to content</a>
      <header className="sidebar">
        <div className="sidebar-top">
          <a className="brand" href={hrefFor(home.id)} onClick={() => setMenuOpen(false)}>VAE Lab</a>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="toc-panel"
            onClick={() => setMenuOpen((o) => !o)}
            data-testid="nav-toggle"
          >
            {menuOpen ? 'Close' : 'Contents'}
          </button>
        </div>
        <p className="sidebar-tagline">A variational autoencoder, trained live on MNIST in your browser.</p>
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
            {number !== undefined && <p className="page-kicker">Section {number} of {pages.length - 1}</p>}
            <h1 id="page-title" ref={headingRef} tabIndex={-1}>{page.id === home.id ? 'VAE Lab' : page.title}</h1>
            {!found && <p className="page-missing" role="alert">There is no section called “{routeId}”; here is the start instead.</p>}
          </header>
          <Page />
        </article>
        <PrevNext
          prev={prev && { href: hrefFor(prev.id), title: prev.title }}
          next={next && { href: hrefFor(next.id), title: next.title }}
        />
      </main>
    </div>
  );
}
