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
    throw new MnistDataError(`${name}: the gzip data is corrupt or truncated (${(err as Error).message})`);
  }
}

async function fetchOk(url: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new MnistDataError(`could not fetch ${what} (${(err as Error).message}); is the app's server running?`);
  }
  if (!response.ok) throw new MnistDataError(`could not fetch ${what}: HTTP ${response.status}`);
  return response;
}

/**
 * Fetches the four MNIST files named in baseUrl/manifest.json, reporting bytes loaded against
 * the manifest's total, and checks every file before returning it.
 */
export async function loadMnist(baseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<Mnist> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let manifestJson: unknown;
  try {
    manifestJson = await (await fetchOk(`${base}manifest.json`, 'the MNIST manifest')).json();
  } catch (err) {
    if (err instanceof MnistDataError) throw err;
    throw new MnistDataError('data/mnist/manifest.json is not valid JSON');
  }
  const manifest = parseManifest(manifestJson);
  const totalBytes = KEYS.reduce((s, k) => s + manifest.files[k].bytes, 0);
  let loadedBytes = 0;
  onProgress?.({ loadedBytes, totalBytes });
  const raw = await Promise.all(KEYS.map(async (k) => {
    const entry = manifest.files[k];
    const response = await fetchOk(`${base}${entry.path}`, entry.path);
    const bytes = await readAll(response, (n) => {
      loadedBytes += n;
      onProgress?.({ loadedBytes: Math.min(loadedBytes, totalBytes), totalBytes });
    });
    return maybeGunzip(bytes, entry.path);
  }));
  const [trainImages, trainLabels, testImages, testLabels] = raw as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
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
