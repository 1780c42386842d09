import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LabState } from '../state/labState';
import type { ViewState } from '../state/viewState';
import type { LabController } from './labController';

export const LabContext = createContext<LabController | null>(null);

export function useLabController(): LabController {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLabController needs a <LabContext.Provider>');
  return lab;
}

/** Subscribes to one slice of the lab's store; re-renders only when that slice changes. */
export function useLabState<T>(select: (s: LabState) => T): T {
  const lab = useLabController();
  return useSyncExternalStore(lab.store.subscribe, () => select(lab.store.getState()));
}

/** Subscribes to one slice of the lab's view state (selection, z, drawing). */
export function useViewState<T>(select: (s: ViewState) => T): T {
  const lab = useLabController();
  return useSyncExternalStore(lab.view.subscribe, () => select(lab.view.getState()));
}
