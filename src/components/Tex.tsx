import katex from 'katex';
import { useMemo } from 'react';

interface Props {
  /** TeX source, e.g. String.raw`z = \mu + \varepsilon\sigma`. */
  children: string;
  /** A centred equation on its own line (a block), instead of math inside a sentence. */
  displayMode?: boolean;
}

/**
 * Math typeset by KaTeX on the page itself: no fonts or scripts fetched from anywhere else
 * (the stylesheet and fonts are bundled through main.tsx). A TeX mistake shows the source in
 * red instead of throwing, so one typo never blanks a page.
 */
export function Tex({ children, displayMode = false }: Props) {
  const html = useMemo(
    () => katex.renderToString(children, { throwOnError: false, displayMode, output: 'htmlAndMathml' }),
    [children, displayMode],
  );
  // A tab stop: on a phone a wide equation scrolls sideways, and a keyboard can only scroll what
  // it can focus (axe's scrollable-region-focusable, serious, at 390 px).
  if (displayMode) return <div className="tex-display" tabIndex={0} dangerouslySetInnerHTML={{ __html: html }} />;
  return <span className="tex-inline" dangerouslySetInnerHTML={{ __html: html }} />;
}
