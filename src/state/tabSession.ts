/**
 * What one browser tab knows about itself, for saves: which owner key it saves under (kept in
 * sessionStorage, which survives a reload of the tab but not a new tab), which settings its own
 * URL last showed (so a reload is told apart from a shared link), and which owner keys live tabs
 * hold (Web Locks, released by the browser when a tab closes or crashes).
 */

/** The part of sessionStorage used here (a Map-backed stand-in in tests). */
export interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TabLocks {
  /** Names of the locks any tab of this origin holds now. */
  held(): Promise<Set<string>>;
  /** Takes the lock for as long as this tab lives (or until release); false if another tab has it. */
  claim(name: string): Promise<boolean>;
  release(name: string): void;
}

export const lockName = (lab: string, owner: string): string => `vae-lab-save:${lab}:${owner}`;

/** Web Locks. Without them (old browsers) every tab sees no others, as before tabs were told apart. */
export function webLocks(): TabLocks {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  const releases = new Map<string, () => void>();
  return {
    async held() {
      if (!locks) return new Set();
      const q = await locks.query();
      return new Set((q.held ?? []).map((l) => l.name ?? ''));
    },
    claim(name) {
      if (!locks) return Promise.resolve(true);
      if (releases.has(name)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        void locks.request(name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((release) => releases.set(name, release));
        });
      });
    },
    release(name) {
      releases.get(name)?.();
      releases.delete(name);
    },
  };
}

/** Locks shared by the "tabs" of one test: a Set stands for the browser's lock manager. */
export function memoryLocks(shared: Set<string> = new Set()): TabLocks & { shared: Set<string> } {
  const mine = new Set<string>();
  return {
    shared,
    held: () => Promise.resolve(new Set(shared)),
    claim(name) {
      if (mine.has(name)) return Promise.resolve(true);
      if (shared.has(name)) return Promise.resolve(false);
      shared.add(name);
      mine.add(name);
      return Promise.resolve(true);
    },
    release(name) {
      if (mine.delete(name)) shared.delete(name);
    },
  };
}

export function memoryStorage(): TabStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

/** sessionStorage, or a stand-in where the browser refuses it (storage turned off). */
export function tabStorage(): TabStorage {
  try {
    const s = window.sessionStorage;
    s.getItem('vae-lab:probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

/** localStorage for the "a save existed" mark, or a stand-in where it is refused. */
export function siteStorage(): TabStorage & { removeItem(key: string): void } {
  try {
    const s = window.localStorage;
    s.getItem('vae-lab:probe');
    return s;
  } catch {
    const m = memoryStorage();
    return { ...m, removeItem: () => undefined };
  }
}

export function newOwnerKey(): string {
  const rand = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `t${Date.now().toString(36)}${rand}`;
}

const SHOWN_URL = 'vae-lab:shown-settings';

/** Remembers the model settings this tab's URL shows now (called whenever the page rewrites it). */
export function rememberShownSettings(storage: TabStorage, canonical: string): void {
  try {
    storage.setItem(SHOWN_URL, canonical);
  } catch {
    // Storage refused: a reload then counts as a link, which offers the save instead of opening it.
  }
}

/** Whether these model settings are the ones this tab's own URL showed before (a reload). */
export function shownHereBefore(storage: TabStorage, canonical: string): boolean {
  return storage.getItem(SHOWN_URL) === canonical;
}
