// Shared by the figure tests: mount under StrictMode in jsdom, find by test id, move a range.
import { act, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement | null = null;
let root: Root | null = null;

export function render(node: React.ReactNode): HTMLElement {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  act(() => root?.render(<StrictMode>{node}</StrictMode>));
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container?.remove();
  container = null;
});

export function byTestId(id: string): HTMLElement {
  const el = container?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
}

/** Sets a controlled input's value the way a user would, so React's onChange fires. */
export function setRange(id: string, value: number): void {
  const input = byTestId(id) as HTMLInputElement;
  act(() => {
    // The prototype's setter, past React's own on the element, so React sees a change.
    Reflect.set(HTMLInputElement.prototype, 'value', String(value), input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export const click = (id: string): void => act(() => byTestId(id).click());
export const num = (id: string): number => Number(byTestId(id).textContent);
