/**
 * Saved models in IndexedDB, two slots per model with a pointer: a save writes the slot the
 * pointer does not name, then moves the pointer, so a save cut short (tab closed, quota hit)
 * never replaces the last good one.
 */
const DB_NAME = 'vae-lab';
const STORE = 'saves';

export interface SavedRecord {
  bytes: Uint8Array;
  savedAt: string;
  step: number;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser has no IndexedDB'));
      return;
    }
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('could not open IndexedDB'));
  });
}

function tx<T>(db: IDBDatabase, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = work(t.objectStore(STORE));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function saveModel(key: string, record: SavedRecord): Promise<void> {
  const db = await openDb();
  try {
    const current = await tx<string>(db, 'readonly', (s) => s.get(`${key}:current`) as IDBRequest<string>);
    const slot = current === 'a' ? 'b' : 'a';
    await tx(db, 'readwrite', (s) => s.put(record, `${key}:${slot}`));
    await tx(db, 'readwrite', (s) => s.put(slot, `${key}:current`));
  } finally {
    db.close();
  }
}

/** The newest save first, then the older slot, so a caller can fall back if one is unreadable. */
export async function loadSaves(key: string): Promise<SavedRecord[]> {
  const db = await openDb();
  try {
    const current = await tx<string>(db, 'readonly', (s) => s.get(`${key}:current`) as IDBRequest<string>);
    if (current !== 'a' && current !== 'b') return [];
    const other = current === 'a' ? 'b' : 'a';
    const out: SavedRecord[] = [];
    for (const slot of [current, other]) {
      const r = await tx<SavedRecord>(db, 'readonly', (s) => s.get(`${key}:${slot}`) as IDBRequest<SavedRecord>);
      if (r && r.bytes instanceof Uint8Array) out.push(r);
    }
    return out;
  } finally {
    db.close();
  }
}

export async function clearSaves(key: string): Promise<void> {
  const db = await openDb();
  try {
    await tx(db, 'readwrite', (s) => {
      s.delete(`${key}:a`);
      s.delete(`${key}:b`);
      return s.delete(`${key}:current`);
    });
  } finally {
    db.close();
  }
}
