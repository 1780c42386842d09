import { MnistDataError, parseIdxImages, parseIdxLabels } from './idx';

export interface MnistSplit {
  count: number;
  /** count x 784 bytes. */
  images: Uint8Array;
  labels: Uint8Array;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
}

interface ManifestEntry { path: string; bytes: number; rawBytes: number; count: number }
interface Manifest {
  version: number;
  files: Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', ManifestEntry>;
}

const KEYS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

function parseManifest(raw: unknown): Manifest {
  const m = raw as Partial<Manifest> | null;
  if (!m || m.version !== 1 || typeof m.files !== 'object' || m.files === null) {
    throw new MnistDataError('data/mnist/manifest.json is not a VAE Lab MNIST manifest (version 1)');
  }
  for (const k of KEYS) {
    const e = m.files[k];
    if (!e || typeof e.path !== 'string' || !Number.isFinite(e.bytes) || !Number.isFinite(e.count)) {
      throw new MnistDataError(`data/mnist/manifest.json has no valid entry for ${k}`);
    }
  }
  return m as Manifest;
}

async function readAll(response: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** gzip magic 1f 8b. A host may already have undone the gzip (Content-Encoding), so check. */
export async function maybeGunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new MnistDataError(`${name}: the gzip data is corrupt or truncated (${(err as Error).message})`, name);
  }
}

async function fetchOk(url: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new MnistDataError(`could not fetch ${what} (${(err as Error).message}); is the app's server running?`, what);
  }
  if (!response.ok) throw new MnistDataError(`could not fetch ${what}: HTTP ${response.status}`, what);
  return response;
}

/**
 * Fetches the four MNIST files named in baseUrl/manifest.json, reporting bytes loaded against
 * the manifest's total, and checks every file before returning it. `kept` holds the files that
 * arrived whole (by path): a retry after a cut download fetches only the others.
 */
export async function loadMnist(baseUrl: string, onProgress?: (p: LoadProgress) => void, kept: Map<string, Uint8Array> = new Map()): Promise<Mnist> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let manifestJson: unknown;
  try {
    manifestJson = await (await fetchOk(`${base}manifest.json`, 'manifest.json')).json();
  } catch (err) {
    if (err instanceof MnistDataError) throw err;
    throw new MnistDataError('data/mnist/manifest.json is not valid JSON', 'manifest.json');
  }
  const manifest = parseManifest(manifestJson);
  const totalBytes = KEYS.reduce((s, k) => s + manifest.files[k].bytes, 0);
  let loadedBytes = KEYS.reduce((s, k) => s + (kept.has(manifest.files[k].path) ? manifest.files[k].bytes : 0), 0);
  onProgress?.({ loadedBytes, totalBytes });
  const settled = await Promise.allSettled(KEYS.map(async (k) => {
    const entry = manifest.files[k];
    const done = kept.get(entry.path);
    if (done) return done;
    const response = await fetchOk(`${base}${entry.path}`, entry.path);
    let got = 0;
    let bytes: Uint8Array;
    try {
      bytes = await readAll(response, (n) => {
        got += n;
        loadedBytes += n;
        onProgress?.({ loadedBytes: Math.min(loadedBytes, totalBytes), totalBytes });
      });
    } catch (err) {
      loadedBytes -= got; // a retry fetches this file again from its start
      const mb = (b: number): string => (b / 1e6).toFixed(1);
      throw new MnistDataError(`${entry.path}: the download was cut off after ${mb(got)} of ${mb(entry.bytes)} MB (${(err as Error).message})`, entry.path);
    }
    const raw = await maybeGunzip(bytes, entry.path);
    kept.set(entry.path, raw);
    return raw;
  }));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const raw = settled.map((r) => (r as PromiseFulfilledResult<Uint8Array>).value);
  try {
    return parseSplits(raw as [Uint8Array, Uint8Array, Uint8Array, Uint8Array], manifest, totalBytes, onProgress);
  } catch (err) {
    // A whole file that does not parse is refetched by a retry, not kept.
    if (err instanceof MnistDataError && err.file) kept.delete(err.file);
    throw err;
  }
}

function parseSplits(raw: [Uint8Array, Uint8Array, Uint8Array, Uint8Array], manifest: Manifest, totalBytes: number, onProgress?: (p: LoadProgress) => void): Mnist {
  const [trainImages, trainLabels, testImages, testLabels] = raw;
  const f = manifest.files;
  const train = {
    images: parseIdxImages(trainImages, f.trainImages.path, f.trainImages.count).pixels,
    labels: parseIdxLabels(trainLabels, f.trainLabels.path, f.trainLabels.count),
  };
  const test = {
    images: parseIdxImages(testImages, f.testImages.path, f.testImages.count).pixels,
    labels: parseIdxLabels(testLabels, f.testLabels.path, f.testLabels.count),
  };
  onProgress?.({ loadedBytes: totalBytes, totalBytes });
  return {
    train: { count: train.labels.length, ...train },
    test: { count: test.labels.length, ...test },
  };
}
