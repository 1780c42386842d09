import { useEffect, useRef } from 'react';
import type { LabController } from '../../hooks/labController';
import { useLabController } from '../../hooks/useLab';

/**
 * A selector subscription on the lab (zustand's subscribeWithSelector, for both of its stores):
 * `select` picks the values an effect depends on, lab slices and props alike, as a tuple, and
 * `effect` runs once on subscribing and then only when an element of the tuple changes (by
 * Object.is). Plots redraw outside React's render this way instead of re-rendering the page on
 * each of the several training messages a second that leave their slice alone. `before` is the
 * previous tuple, or undefined on the first run after (re)subscribing, when everything is drawn.
 * The latest `select` and `effect` are always the ones called; a re-render whose props change
 * the tuple runs the effect too, so no dependency list is needed.
 */
export function useLabSelection<S extends readonly unknown[]>(
  select: (lab: LabController) => S,
  effect: (now: S, before: S | undefined, lab: LabController) => void,
): void {
  const lab = useLabController();
  const latest = useRef({ select, effect });
  const check = useRef<(() => void) | null>(null);
  // Runs before the subscribing effect (declaration order), so a new lab subscribes with the
  // newest callbacks; after a re-render it compares the selection, which props may have changed.
  useEffect(() => {
    latest.current = { select, effect };
    check.current?.();
  });
  useEffect(() => {
    let before: S | undefined;
    const run = () => {
      const now = latest.current.select(lab);
      if (before !== undefined && sameTuple(before, now)) return;
      const previous = before;
      before = now;
      latest.current.effect(now, previous, lab);
    };
    check.current = run;
    run();
    const offStore = lab.store.subscribe(run);
    const offView = lab.view.subscribe(run);
    return () => {
      check.current = null;
      offStore();
      offView();
    };
  }, [lab]);
}

function sameTuple(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
