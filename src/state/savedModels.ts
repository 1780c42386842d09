/**
 * Saved models in IndexedDB. Each tab saves under its own owner key, in two slots with a pointer:
 * a save writes the slot the pointer does not name and moves the pointer in ONE transaction, so a
 * save cut short (tab closed, quota hit) never replaces the last good copy, and two tabs never
 * interleave their reads and writes of one pointer. The pointer also carries what the lists need
 * (time, step, shape), so listing every tab's save never reads megabytes of weights.
 *
 * Key layout in the 'saves' store: `<lab>:<owner>:a|b|current`. The layout before tabs had no
 * owner (`<lab>:a|b|current`, pointer 'a' | 'b'); it reads as the owner '' and stays usable.
 */
const DB_NAME = 'vae-lab';
const STORE = 'saves';

export interface SavedRecord {
  bytes: Uint8Array;
  savedAt: string;
  step: number;
}

/** What a list of saves shows without reading the weights. */
export interface SaveInfo {
  savedAt: string;
  step: number;
  latentDim?: number;
  source?: string;
}

export interface SaveEntry extends SaveInfo {
  owner: string;
}

type Slot = 'a' | 'b';
interface Pointer extends SaveInfo { slot: Slot }

/** One transaction's view of the store. Reads answer through callbacks, as IndexedDB's do. */
export interface KvTx {
  get(key: string, then: (value: unknown) => void): void;
  keys(then: (keys: string[]) => void): void;
  put(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Runs `work` as one all-or-nothing transaction; resolves with what work passed to `done`. */
export interface Kv {
  run<T>(mode: 'readonly' | 'readwrite', work: (tx: KvTx, done: (result: T) => void) => void): Promise<T>;
}

const key = (lab: string, owner: string, part: Slot | 'current'): string => (owner ? `${lab}:${owner}:${part}` : `${lab}:${part}`);

function readPointer(value: unknown): Pointer | null {
  if (value === 'a' || value === 'b') return { slot: value, savedAt: '', step: 0 }; // the layout before tabs
  const p = value as Partial<Pointer> | null;
  if (!p || (p.slot !== 'a' && p.slot !== 'b')) return null;
  return {
    slot: p.slot, savedAt: typeof p.savedAt === 'string' ? p.savedAt : '', step: typeof p.step === 'number' ? p.step : 0,
    ...(typeof p.latentDim === 'number' ? { latentDim: p.latentDim } : {}),
    ...(typeof p.source === 'string' ? { source: p.source } : {}),
  };
}

/** The owner a pointer key names, or null if the key is not a pointer of this lab. */
function ownerOf(lab: string, k: string): string | null {
  if (!k.startsWith(`${lab}:`) || !k.endsWith(':current')) return null;
  return k.slice(lab.length + 1, -':current'.length);
}

export class SaveSlots {
  constructor(private readonly kv: Kv) {}

  /** Writes `record` into the owner's free slot and moves the pointer, in one transaction. */
  write(lab: string, owner: string, record: SavedRecord, info: Omit<SaveInfo, 'savedAt' | 'step'> = {}): Promise<void> {
    return this.kv.run<void>('readwrite', (tx, done) => {
      tx.get(key(lab, owner, 'current'), (value) => {
        const slot: Slot = readPointer(value)?.slot === 'a' ? 'b' : 'a';
        tx.put(key(lab, owner, slot), record);
        const pointer: Pointer = { slot, savedAt: record.savedAt, step: record.step, ...info };
        tx.put(key(lab, owner, 'current'), pointer);
        done(undefined);
      });
    });
  }

  /** Every owner's save in this lab, newest first. */
  list(lab: string): Promise<SaveEntry[]> {
    return this.kv.run<SaveEntry[]>('readonly', (tx, done) => {
      tx.keys((keys) => {
        const owners = keys.map((k) => ownerOf(lab, k)).filter((o): o is string => o !== null && !o.includes(':'));
        const out: SaveEntry[] = [];
        let left = owners.length;
        if (left === 0) done(out);
        for (const owner of owners) {
          tx.get(key(lab, owner, 'current'), (value) => {
            const p = readPointer(value);
            if (p) out.push({ owner, savedAt: p.savedAt, step: p.step, ...(p.latentDim !== undefined ? { latentDim: p.latentDim } : {}), ...(p.source !== undefined ? { source: p.source } : {}) });
            if (--left === 0) done(out.sort((x, y) => y.savedAt.localeCompare(x.savedAt)));
          });
        }
      });
    });
  }

  /** The owner's newest save first, then the older slot, so a caller can fall back if one is unreadable. */
  read(lab: string, owner: string): Promise<SavedRecord[]> {
    return this.kv.run<SavedRecord[]>('readonly', (tx, done) => {
      tx.get(key(lab, owner, 'current'), (value) => {
        const p = readPointer(value);
        if (!p) {
          done([]);
          return;
        }
        const slots: Slot[] = p.slot === 'a' ? ['a', 'b'] : ['b', 'a'];
        const got: (SavedRecord | null)[] = [null, null];
        let left = 2;
        slots.forEach((slot, i) => tx.get(key(lab, owner, slot), (r) => {
          const rec = r as SavedRecord | undefined;
          if (rec && rec.bytes instanceof Uint8Array) got[i] = rec;
          if (--left === 0) done(got.filter((g): g is SavedRecord => g !== null));
        }));
      });
    });
  }

  remove(lab: string, owner: string): Promise<void> {
    return this.kv.run<void>('readwrite', (tx, done) => {
      tx.delete(key(lab, owner, 'a'));
      tx.delete(key(lab, owner, 'b'));
      tx.delete(key(lab, owner, 'current'));
      done(undefined);
    });
  }
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
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** The browser's IndexedDB as a Kv: one IDBTransaction per run, resolved when it commits. */
export function indexedDbKv(): Kv {
  return {
    async run<T>(mode: IDBTransactionMode, work: (tx: KvTx, done: (result: T) => void) => void): Promise<T> {
      const db = await openDb();
      try {
        return await new Promise<T>((resolve, reject) => {
          const t = db.transaction(STORE, mode);
          const s = t.objectStore(STORE);
          let result: T;
          t.oncomplete = () => resolve(result);
          t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
          t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
          const tx: KvTx = {
            get: (k, then) => { const r = s.get(k); r.onsuccess = () => then(r.result); },
            keys: (then) => { const r = s.getAllKeys(); r.onsuccess = () => then(r.result.filter((k): k is string => typeof k === 'string')); },
            put: (k, v) => { s.put(v, k); },
            delete: (k) => { s.delete(k); },
          };
          try {
            work(tx, (r) => { result = r; });
          } catch (err) {
            t.abort();
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      } finally {
        db.close();
      }
    },
  };
}

/**
 * An in-memory Kv with the same all-or-nothing transactions: writes are staged and applied only
 * if the work finishes without throwing. `failWrites` makes the next write transactions throw (a
 * quota error), for tests.
 */
export function memoryKv(): Kv & { data: Map<string, unknown>; failWrites: number } {
  const data = new Map<string, unknown>();
  const kv = {
    data,
    failWrites: 0,
    run<T>(mode: 'readonly' | 'readwrite', work: (tx: KvTx, done: (result: T) => void) => void): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const staged = new Map<string, unknown>();
        const deleted = new Set<string>();
        const view = (k: string): unknown => (deleted.has(k) ? undefined : staged.has(k) ? staged.get(k) : data.get(k));
        const tx: KvTx = {
          get: (k, then) => then(view(k)),
          keys: (then) => then([...new Set([...data.keys(), ...staged.keys()])].filter((k) => !deleted.has(k))),
          put: (k, v) => {
            if (mode !== 'readwrite') throw new Error('read-only transaction');
            deleted.delete(k);
            staged.set(k, v);
          },
          delete: (k) => {
            if (mode !== 'readwrite') throw new Error('read-only transaction');
            staged.delete(k);
            deleted.add(k);
          },
        };
        let result: T | undefined;
        try {
          work(tx, (r) => { result = r; });
          if (mode === 'readwrite' && kv.failWrites > 0) {
            kv.failWrites -= 1;
            throw new Error('QuotaExceededError');
          }
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        for (const k of deleted) data.delete(k);
        for (const [k, v] of staged) data.set(k, v);
        resolve(result as T);
      });
    },
  };
  return kv;
}
