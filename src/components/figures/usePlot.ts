import { useEffect, useRef, type RefObject } from 'react';

interface Renderer<D> {
  update(data: D): void;
  destroy(): void;
}

/**
 * Owns one d3 renderer for the lifetime of the component: created into the returned ref's
 * element on mount, destroyed on unmount (StrictMode's mount-unmount-mount included), and
 * updated with `data` whenever it changes. `create` is read once per mount.
 */
export function usePlot<D, R extends Renderer<D>>(
  create: (root: HTMLElement) => R,
  data: D,
): RefObject<HTMLDivElement | null> {
  const rootRef = useRef<HTMLDivElement | null>(null);
  const rendererRef = useRef<R | null>(null);
  // The factory of the first render is kept: options are fixed for the renderer's life.
  const createRef = useRef(create);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const renderer = createRef.current(root);
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  // Declared after the creating effect, so on every (re)mount it runs second and draws.
  useEffect(() => {
    rendererRef.current?.update(data);
  }, [data]);

  return rootRef;
}

/** True when the reader asked for less motion; read once per mount. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}
