import { flushSync } from 'react-dom';
import { currentLanguage, setLanguage, useTranslation } from '../i18n';
import { LANGUAGES, type LanguageCode } from '../i18n/languages';

/**
 * The block at the top of the reading area (below a sticky phone header), so that after the
 * text changes language, and with it every line's length, we can put the same block back where it was.
 */
function readingAnchor(): { el: Element; top: number } | null {
  const main = document.getElementById('main-content');
  if (!main) return null;
  const sidebar = document.querySelector('.sidebar');
  const inset = sidebar && getComputedStyle(sidebar).position === 'sticky' ? sidebar.getBoundingClientRect().bottom : 0;
  const blocks = main.querySelectorAll('h1, h2, h3, p, li, figure, .figure-slot, .training-panel, .katex-display, table');
  for (const el of blocks) {
    const r = el.getBoundingClientRect();
    if (r.bottom > inset + 1 && r.height > 0) return { el, top: r.top };
  }
  return null;
}

/**
 * EN / 中文: one button showing every language, the current one marked; a click moves to the
 * next. Switching re-renders text in place (no remount), so the model, training and every
 * control keep their state; the reading position is kept on the same block.
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
    if (anchor?.el.isConnected) window.scrollBy(0, anchor.el.getBoundingClientRect().top - anchor.top);
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
