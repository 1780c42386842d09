import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useFrameScheduler } from './frameScheduler';

/** A renderer from src/plots: built into a root element, destroyed with its component. */
export interface Plot {
  destroy(): void;
  /** Called when the root's container changes width (CSS px); plots sized by options omit it. */
  containerResized?(width: number): void;
}

export interface PlotMount<R> {
  /** The element the plot is built into; its parent is the container whose width is followed. */
  ref: RefObject<HTMLDivElement | null>;
  /** The container's content width in CSS px, following resizes; `fallbackWidth` until measured. */
  width: number;
  /** Runs `task` on the plot on the next animation frame; of several in one frame, the newest. */
  draw: (task: (plot: R) => void) => void;
  /**
   * Runs `task` on the plot now, if it is mounted: for options and data held in React state, which
   * React already batches into one commit (a second draw() in the frame would replace the first).
   */
  drawNow: (task: (plot: R) => void) => void;
}

export interface PlotOptions {
  /** Width before the container is measured; also what jsdom, which has no layout, keeps. */
  fallbackWidth?: number;
}

const FALLBACK_WIDTH = 560;

/**
 * The one way a component shows a plot: `create` builds it into `ref`'s element on mount (read
 * once; options are fixed for the plot's life, later ones go through the plot's setters), one
 * ResizeObserver on the element's parent sizes it, data from the lab is drawn through `draw`
 * (one frame scheduler) and options from React state through `drawNow`, and unmount (StrictMode's mount-unmount-mount included) drops the
 * pending frame, stops observing and destroys the plot. With `data`, the plot's update(data) runs
 * whenever it changes: React state already reaches a plot at most once per commit.
 */
export function usePlot<R extends Plot>(create: (root: HTMLElement) => R, options?: PlotOptions): PlotMount<R>;
export function usePlot<D, R extends Plot & { update(data: D): void }>(
  create: (root: HTMLElement) => R,
  options: PlotOptions & { data: D },
): PlotMount<R>;
export function usePlot<D, R extends Plot & { update?(data: D): void }>(
  create: (root: HTMLElement) => R,
  options: PlotOptions & { data?: D } = {},
): PlotMount<R> {
  const ref = useRef<HTMLDivElement | null>(null);
  const plotRef = useRef<R | null>(null);
  const createRef = useRef(create);
  const [width, setWidth] = useState(options.fallbackWidth ?? FALLBACK_WIDTH);
  const frames = useFrameScheduler();

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const plot = createRef.current(root);
    plotRef.current = plot;
    const container = root.parentElement ?? root;
    let measured = 0;
    const measure = (w: number) => {
      if (w <= 0 || Math.abs(w - measured) < 1) return;
      measured = w;
      setWidth(w);
      plot.containerResized?.(w);
    };
    measure(container.clientWidth);
    const observer = typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => measure(Math.round(entries[0]?.contentRect.width ?? 0)));
    observer?.observe(container);
    return () => {
      observer?.disconnect();
      frames.cancel();
      plot.destroy();
      plotRef.current = null;
    };
  }, [frames]);

  // Declared after the creating effect, so on every (re)mount it runs second and draws.
  const hasData = 'data' in options;
  const data = options.data;
  useEffect(() => {
    if (hasData) plotRef.current?.update?.(data as D);
  }, [hasData, data]);

  const drawNow = useCallback((task: (plot: R) => void) => {
    const plot = plotRef.current;
    if (plot) task(plot);
  }, []);
  const draw = useCallback((task: (plot: R) => void) => frames.schedule(() => drawNow(task)), [frames, drawNow]);

  return { ref, width, draw, drawNow };
}
