import { vi } from 'vitest';

/**
 * jsdom has no 2D context (getContext logs "not implemented" and returns null). Tests either make
 * that explicit with `stubCanvasContext(null)` or pass a fake that records the calls they check.
 */
export function stubCanvasContext(context: object | null): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => context) as never);
}
