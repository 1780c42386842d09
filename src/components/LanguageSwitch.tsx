import { flushSync } from 'react-dom';
import { currentLanguage, setLanguage, useTranslation } from '../i18n';
import { LANGUAGES, type LanguageCode } from '../i18n/languages';

const BLOCKS = 'h1, h2, h3, p, li, figure, .figure-slot, .training-panel, .katex-display, table';

/** A block and where it was; `keyed` is the nearest element with a test hook around it, and where that was. */
interface Anchor { el: Element; top: number; index: number; keyed: { testId: string; index: number; top: number } | null }

/**
 * The block at the top of the reading area (below a sticky phone header), so that after the
 * text changes language, and with it every line's length, we can put the same block back where it was.
 */
function readingAnchor(): Anchor | null {
  const main = document.getElementById('main-content');
  if (!main) return null;
  const sidebar = document.querySelector('.sidebar');
  const inset = sidebar && getComputedStyle(sidebar).position === 'sticky' ? sidebar.getBoundingClientRect().bottom : 0;
  const blocks = [...main.querySelectorAll(BLOCKS)];
  for (const [index, el] of blocks.entries()) {
    const r = el.getBoundingClientRect();
    if (r.bottom > inset + 1 && r.height > 0) {
      // The page wrapper (page-<id>) names the whole page, not a place in it.
      const keyed = el.closest('[data-testid]:not([data-testid^="page-"])');
      const testId = keyed && main.contains(keyed) ? keyed.getAttribute('data-testid') : null;
      const same = testId ? [...main.querySelectorAll(`[data-testid="${CSS.escape(testId)}"]`)] : [];
      return {
        el, top: r.top, index,
        keyed: testId && keyed ? { testId, index: same.indexOf(keyed), top: keyed.getBoundingClientRect().top } : null,
      };
    }
  }
  return null;
}

/**
 * The anchor's block after the switch. A section translated as its own page component is a new
 * DOM tree, so the old block is gone: find the same figure or instrument by its test hook, or else
 * the block at the same position (the translations keep the page's structure).
 */
function findAnchorAgain(anchor: Anchor): { el: Element; top: number } | null {
  if (anchor.el.isConnected) return anchor;
  const main = document.getElementById('main-content');
  if (!main) return null;
  if (anchor.keyed) {
    const same = main.querySelectorAll(`[data-testid="${CSS.escape(anchor.keyed.testId)}"]`)[anchor.keyed.index];
    if (same) return { el: same, top: anchor.keyed.top };
  }
  const block = main.querySelectorAll(BLOCKS)[anchor.index];
  return block ? { el: block, top: anchor.top } : null;
}

/**
 * EN / 中文: one button showing every language, the current one marked; a click moves to the
 * next. Switching re-renders text in place, so the model, training and every control keep their
 * state (a section translated as its own page component is remounted, but its figures read the
 * same labs and settings); the reading position is kept on the same block.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = currentLanguage();
  const index = LANGUAGES.findIndex((l) => l.code === current);
  const next = LANGUAGES[(index + 1) % LANGUAGES.length]!;

  const choose = (code: LanguageCode) => {
    const anchor = readingAnchor();
    // Render the new words synchronously so the anchor can be measured at once.
    flushSync(() => setLanguage(code));
    const again = anchor && findAnchorAgain(anchor);
    if (again) window.scrollBy(0, again.el.getBoundingClientRect().top - again.top);
  };

  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-lang={i18n.resolvedLanguage}
      aria-label={t('language.switchTo', { name: next.name })}
      title={t('language.switchTo', { name: next.name })}
      onClick={() => choose(next.code)}
    >
      {LANGUAGES.map((l, i) => (
        <span key={l.code}>
          {i > 0 && <span className="lang-sep" aria-hidden="true">/</span>}
          <span lang={l.htmlLang} className={l.code === current ? 'lang-current' : 'lang-other'}>{l.name}</span>
        </span>
      ))}
    </button>
  );
}
