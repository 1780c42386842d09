import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendName } from './protocol';

// The .wasm files are bundled by Vite and served from the app's own origin.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/**
 * Threads for wasm's matrix products. Automatic: half the logical cores, at most 4 (tfjs's own
 * rule, which assumes two hyperthreads per core) so a core stays with the page; on 2 cores
 * that is one thread. Measured here with 2 threads forced on 2 cores: 10-20% more samples/s, but
 * the page's slider p95 went from ~15-22 ms to ~22-38 ms, the page losing its core.
 * Threads exist only on a cross-origin-isolated page (COOP/COEP: `npm run dev` and
 * `npm run preview` send them).
 */
let wasmThreads = 1;

/** The most threads tfjs-wasm starts by itself: it assumes two hyperthreads per core. */
function tfjsThreadCap(cores: number): number {
  return Math.floor(cores / 2);
}

function autoWasmThreads(cores: number): number {
  return Math.max(1, Math.min(4, tfjsThreadCap(cores)));
}

/** Sets the thread count the next wasm start uses; 0 = automatic. */
function configureWasmThreads(requested: number): void {
  const cores = navigator.hardwareConcurrency || 1;
  wasmThreads = requested > 0 ? Math.min(requested, 8) : autoWasmThreads(cores);
  setThreadsCount(wasmThreads);
  // One thread: the plain SIMD binary. The threaded one would start its pool of 8 workers anyway.
  if (wasmThreads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/**
 * tfjs-wasm caps its pool at hardwareConcurrency / 2, read once when the module starts. A
 * pinned count above that cap gets it by the worker reporting enough cores for that moment.
 */
async function withCoreCountFor<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const cores = navigator.hardwareConcurrency || 1;
  if (threads <= tfjsThreadCap(cores)) return start();
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** How many threads wasm got, and why only one when more were wanted. */
function wasmThreadNote(): string {
  const n = getThreadsCount();
  if (n > 1) return `; ${n} threads`;
  if (wasmThreads > 1 && !self.crossOriginIsolated) return '; 1 thread (threads need a cross-origin-isolated page)';
  return '; 1 thread';
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** "SwiftShader" rather than ANGLE's whole 120-character renderer string. */
function softwareName(renderer: string): string {
  const m = /swiftshader|llvmpipe|softpipe/i.exec(renderer);
  return m ? m[0].replace(/^swiftshader$/i, 'SwiftShader') : renderer;
}

/** The WebGL renderer string, or null when WebGL 2 is unavailable in this worker. */
export function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

export async function trySet(name: BackendName): Promise<boolean> {
  try {
    const ok = name === 'wasm' ? await withCoreCountFor(wasmThreads, () => tf.setBackend(name)) : await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * WebGL where the GPU is real; wasm where WebGL runs on a software renderer (measured faster
 * there); cpu as the last resort. Returns what actually runs and a sentence saying why.
 */
export async function chooseBackend(choice: BackendChoice, threads = 0): Promise<{ backend: BackendName; note: string }> {
  configureWasmThreads(threads);
  const order: BackendName[] = [];
  let note: string;
  if (choice !== 'auto') {
    order.push(choice);
    note = `pinned by ?backend=${choice}`;
  } else {
    const renderer = webglRenderer();
    if (renderer && !SOFTWARE_RENDERERS.test(renderer)) {
      order.push('webgl');
      note = `GPU: ${renderer}`;
    } else {
      note = renderer
        ? `WebGL here is a software renderer (${softwareName(renderer)}); wasm is faster on the CPU`
        : 'no WebGL 2 in this browser; wasm runs on the CPU';
    }
  }
  for (const b of ['wasm', 'webgl', 'cpu'] as const) if (!order.includes(b)) order.push(b);
  const first = order[0];
  for (const name of order) {
    if (await trySet(name)) {
      if (name !== first) note = `${first} failed to start, fell back to ${name}`;
      if (name === 'wasm') note += wasmThreadNote();
      return { backend: name, note };
    }
  }
  throw new Error('no TensorFlow.js backend could start (webgl, wasm and cpu all failed)');
}

/**
 * Calls `onLost` when the webgl backend's context is lost (driver reset, GPU process crash, or
 * the WEBGL_lose_context extension in tests). Returns a function that loses it on purpose.
 */
export function watchWebglContext(onLost: () => void): (() => void) | null {
  if (tf.getBackend() !== 'webgl') return null;
  // The webgl backend keeps its context on gpgpu.gl; not in tfjs's public types.
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
  if (!gl) return null;
  (gl.canvas as OffscreenCanvas).addEventListener('webglcontextlost', () => onLost());
  return () => gl.getExtension('WEBGL_lose_context')?.loseContext();
}
