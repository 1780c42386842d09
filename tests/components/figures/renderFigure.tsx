// Shared by the figure tests: mount under StrictMode in jsdom, find by test id, move a range.
import { act } from 'react';
import { mountPerTest } from '../../helpers/mountPerTest';

const mount = mountPerTest({ strict: true });

/** Mounts `node` afresh (a second call in a test replaces the first mount, effects and all). */
export function render(node: React.ReactNode): HTMLElement {
  mount.unmount();
  return mount.render(node);
}

export function byTestId(id: string): HTMLElement {
  const el = mount.container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
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
