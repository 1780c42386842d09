// One jsdom mount per test: a container in the body and a React root, made on the test's first
// render and unmounted and removed after it, so no test sees another's DOM.
import { act, StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mount {
  /** Renders into this test's root inside act(); returns the container. */
  render(node: ReactNode): HTMLElement;
  /** The container of this test's last render. */
  readonly container: HTMLElement;
  /** Unmounts now (an afterEach that must run before others, e.g. before globals are unstubbed). */
  unmount(): void;
}

/**
 * Call at the top of a test file (or in a helper it imports): registers the afterEach that clears
 * the mount. `strict`: render under StrictMode, whose double effects a view must survive.
 */
export function mountPerTest(opts: { strict?: boolean } = {}): Mount {
  let container: HTMLElement | null = null;
  let root: Root | null = null;
  const unmount = () => {
    const r = root;
    if (r) act(() => r.unmount());
    root = null;
    container?.remove();
    container = null;
  };
  afterEach(unmount);
  return {
    render(node) {
      if (!container || !root) {
        container = document.createElement('div');
        document.body.appendChild(container);
        root = createRoot(container);
      }
      const r = root;
      act(() => r.render(opts.strict ? <StrictMode>{node}</StrictMode> : node));
      return container;
    },
    get container() {
      if (!container) throw new Error('nothing rendered in this test yet');
      return container;
    },
    unmount,
  };
}
