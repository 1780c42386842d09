/**
 * A minimal external store (the shape zustand and useSyncExternalStore expect): plain state,
 * replaced on every change so a reference comparison tells a reader whether anything moved.
 */
export interface Store<T> {
  // Function properties, not methods: none uses `this`, so `store.subscribe` may be handed to
  // useSyncExternalStore on its own (typescript-eslint's unbound-method checks this).
  getState: () => T;
  setState: (patch: Partial<T> | ((s: T) => Partial<T>)) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState: (patch) => {
      const next = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...next };
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
