export interface PageLink {
  href: string;
  title: string;
}

/** "Previous" and "next" at the foot of a page, following the article's reading order. */
export function PrevNext({ prev, next }: { prev?: PageLink; next?: PageLink }) {
  return (
    <nav className="prev-next" aria-label="Previous and next section">
      {prev ? (
        <a href={prev.href} rel="prev" className="prev" data-testid="prev-link">
          <span className="prev-next-dir">← Previous</span>
          <span className="prev-next-title">{prev.title}</span>
        </a>
      ) : <span />}
      {next ? (
        <a href={next.href} rel="next" className="next" data-testid="next-link">
          <span className="prev-next-dir">Next →</span>
          <span className="prev-next-title">{next.title}</span>
        </a>
      ) : <span />}
    </nav>
  );
}
