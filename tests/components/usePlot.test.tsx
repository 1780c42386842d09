// @vitest-environment jsdom
import { act, StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from '../../src/components/frameScheduler';
import { usePlot, type PlotMount } from '../../src/components/usePlot';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A plot that records what the hook did to it. */
class FakePlot {
  static live = new Set<FakePlot>();
  static made = 0;
  readonly svg: SVGSVGElement;
  widths: number[] = [];
  drawn: string[] = [];
  constructor(readonly root: HTMLElement) {
    FakePlot.made += 1;
    FakePlot.live.add(this);
    this.svg = root.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'svg');
    root.append(this.svg);
  }
  update(data: string): void {
    this.drawn.push(data);
  }
  containerResized(width: number): void {
    this.widths.push(width);
  }
  destroy(): void {
    this.svg.remove();
    FakePlot.live.delete(this);
  }
}

/** ResizeObserver is absent from jsdom: this one lets a test resize an observed element. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  observed: Element[] = [];
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  unobserve() {}
  disconnect() {
    this.observed = [];
  }
  static resize(el: Element, width: number) {
    for (const o of FakeResizeObserver.all) {
      if (!o.observed.includes(el)) continue;
      const entry = { target: el, contentRect: { width } } as unknown as ResizeObserverEntry;
      act(() => o.callback([entry], o as unknown as ResizeObserver));
    }
  }
}

let frames = new Map<number, FrameRequestCallback>();
let nextFrame = 1;
function runFrame() {
  const due = [...frames.values()];
  frames.clear();
  act(() => due.forEach((cb) => cb(0)));
}

beforeEach(() => {
  FakePlot.live.clear();
  FakePlot.made = 0;
  FakeResizeObserver.all = [];
  frames = new Map();
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(nextFrame, cb);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});

let container: HTMLElement;
let root: Root | null = null;
function render(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<StrictMode>{node}</StrictMode>));
}
function unmount() {
  act(() => root?.unmount());
  root = null;
}
afterEach(() => {
  unmount();
  container.remove();
  vi.unstubAllGlobals();
});

let mount: PlotMount<FakePlot> | null = null;
function Frame({ plot }: { plot: PlotMount<FakePlot> }) {
  useEffect(() => {
    mount = plot;
  });
  const { ref, width } = plot;
  return (
    <div data-testid="frame">
      <div ref={ref} data-testid="root" data-width={width} />
    </div>
  );
}
function Host() {
  return <Frame plot={usePlot((el) => new FakePlot(el), { fallbackWidth: 300 })} />;
}
function DataHost({ data }: { data: string }) {
  return <Frame plot={usePlot((el) => new FakePlot(el), { fallbackWidth: 300, data })} />;
}
const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

describe('usePlot', () => {
  it('builds one plot into its element under StrictMode and destroys it on unmount', () => {
    render(<Host />);
    expect(FakePlot.made).toBe(2); // StrictMode mounts, unmounts and mounts again
    expect(FakePlot.live.size).toBe(1);
    const [plot] = [...FakePlot.live];
    expect(plot?.root).toBe(byTestId('root'));
    expect(byTestId('root').querySelectorAll('svg')).toHaveLength(1);
    const rootEl = byTestId('root');
    unmount();
    expect(FakePlot.live.size).toBe(0);
    expect(rootEl.querySelectorAll('svg')).toHaveLength(0);
  });

  it('follows its container’s width with one observer, and stops when unmounted', () => {
    render(<Host />);
    expect(byTestId('root').dataset.width).toBe('300'); // jsdom has no layout: the fallback
    const live = FakeResizeObserver.all.filter((o) => o.observed.length > 0);
    expect(live).toHaveLength(1);
    expect(live[0]?.observed).toEqual([byTestId('frame')]);
    const [plot] = [...FakePlot.live];

    FakeResizeObserver.resize(byTestId('frame'), 412.4);
    expect(byTestId('root').dataset.width).toBe('412');
    expect(plot?.widths).toEqual([412]);
    FakeResizeObserver.resize(byTestId('frame'), 412); // under a pixel: nothing to redo
    expect(plot?.widths).toEqual([412]);
    FakeResizeObserver.resize(byTestId('frame'), 0); // hidden (display: none): keep the last width
    expect(byTestId('root').dataset.width).toBe('412');

    const frame = byTestId('frame');
    unmount();
    expect(FakeResizeObserver.all.every((o) => o.observed.length === 0)).toBe(true);
    FakeResizeObserver.resize(frame, 200);
    expect(plot?.widths).toEqual([412]);
  });

  it('draws at most once a frame, the newest task, and drops a pending draw on unmount', () => {
    render(<Host />);
    const [plot] = [...FakePlot.live];
    act(() => ['a', 'b', 'c'].forEach((d) => mount?.draw((p) => p.update(d))));
    expect(plot?.drawn).toEqual([]);
    expect(frames.size).toBe(1);
    runFrame();
    expect(plot?.drawn).toEqual(['c']);
    act(() => mount?.drawNow((p) => p.update('now')));
    expect(plot?.drawn).toEqual(['c', 'now']);

    act(() => mount?.draw((p) => p.update('late')));
    unmount();
    expect(frames.size).toBe(0);
    expect(plot?.drawn).toEqual(['c', 'now']);
  });

  it('passes React-state data to update() on each change, after the plot exists', () => {
    render(<DataHost data="first" />);
    const [plot] = [...FakePlot.live];
    expect(plot?.drawn).toEqual(['first']);
    act(() => root?.render(<StrictMode><DataHost data="second" /></StrictMode>));
    act(() => root?.render(<StrictMode><DataHost data="second" /></StrictMode>));
    expect(plot?.drawn).toEqual(['first', 'second']);
  });
});

describe('createFrameScheduler', () => {
  it('runs a self-rescheduling task once a frame until cancelled', () => {
    const scheduler = createFrameScheduler();
    let ticks = 0;
    const tick = () => {
      ticks += 1;
      scheduler.schedule(tick);
    };
    scheduler.schedule(tick);
    scheduler.schedule(tick);
    expect(frames.size).toBe(1);
    runFrame();
    runFrame();
    runFrame();
    expect(ticks).toBe(3);
    scheduler.cancel();
    expect(frames.size).toBe(0);
    runFrame();
    expect(ticks).toBe(3);
  });
});

// A component that draws in an effect right after mounting finds its plot already built.
describe('effect order', () => {
  it('a caller’s first effect can draw into the plot', () => {
    let seen: FakePlot | null = null;
    function Caller() {
      const { ref, drawNow } = usePlot((el) => new FakePlot(el));
      useEffect(() => drawNow((p) => { seen = p; }), [drawNow]);
      return <div><div ref={ref} /></div>;
    }
    render(<Caller />);
    expect(seen).not.toBeNull();
    expect(FakePlot.live.has(seen!)).toBe(true);
  });
});
