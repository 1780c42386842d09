import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import type { LabController } from '../../hooks/labController';
import { useLabController } from '../../hooks/useLab';

/**
 * Calls `listener` once now and again after every change of the lab's training store or view
 * store, outside React's render: plots redraw themselves instead of re-rendering the page on
 * every training step. The store fires for every metrics message, so listeners compare the
 * references they care about (snapshot, z, ...) and return early when nothing of theirs moved.
 * The latest listener is always the one called; `deps` re-run it when props change. `initial` is
 * true on the first call after (re)subscribing, when everything should be drawn.
 */
export function useLabListener(listener: (lab: LabController, initial: boolean) => void, deps: DependencyList = []): void {
  const lab = useLabController();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => {
    const run = () => ref.current(lab, false);
    ref.current(lab, true);
    const offStore = lab.store.subscribe(run);
    const offView = lab.view.subscribe(run);
    return () => {
      offStore();
      offView();
    };
    // The caller's deps: a changed prop re-subscribes, which also re-runs the listener once.
  }, [lab, ...deps]);
}

/**
 * The content width of an element in CSS px, following resizes (phone rotation, a sidebar
 * opening). Starts at `fallback` (also what jsdom, which has no layout, keeps reporting).
 */
export function useContainerWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.clientWidth > 0) setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      if (w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Coalesces redraw requests to one per animation frame: metrics arrive several times a second
 * and a pointer can move faster than the screen refreshes.
 */
export function useFrameScheduler(): (task: () => void) => void {
  const pending = useRef<(() => void) | null>(null);
  const frame = useRef<number | null>(null);
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);
  const schedule = useRef((task: () => void) => {
    pending.current = task;
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const run = pending.current;
      pending.current = null;
      run?.();
    });
  });
  return schedule.current;
}
