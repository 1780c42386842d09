import { useEffect, useMemo } from 'react';

/**
 * At most one task per animation frame, the newest one: metrics arrive several times a second
 * and a pointer can move faster than the screen refreshes, so drawing each would waste frames.
 * A task that schedules itself again runs once a frame (an animation loop, or work sliced across
 * frames); scheduling anything else replaces it, and cancel() drops whatever is pending.
 */
export interface FrameScheduler {
  schedule: (task: () => void) => void;
  cancel: () => void;
}

export function createFrameScheduler(): FrameScheduler {
  let pending: (() => void) | null = null;
  let frame: number | null = null;
  return {
    schedule(task) {
      pending = task;
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        const run = pending;
        pending = null;
        run?.();
      });
    },
    cancel() {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      pending = null;
    },
  };
}

/** A frame scheduler for one component's life: whatever is pending is dropped on unmount. */
export function useFrameScheduler(): FrameScheduler {
  const scheduler = useMemo(() => createFrameScheduler(), []);
  useEffect(() => scheduler.cancel, [scheduler]);
  return scheduler;
}

/** True when the reader asked for less motion; read once per mount. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}
