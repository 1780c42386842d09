import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The built site's Content Security Policy: its own origin only, its worker, and
 * 'wasm-unsafe-eval' for WebAssembly. No inline script, no eval, no other host.
 * blob: scripts and workers: tfjs starts each wasm thread as a worker made from a Blob of its
 * own bundled code (see wasmThreadsPlugin below); nothing else creates blob: URLs to run.
 * Inline style attributes stay allowed because KaTeX's HTML output positions glyphs with them.
 * Only in the build: Vite's dev server injects inline scripts for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation unlocks SharedArrayBuffer, which wasm threads need. Every byte the
 * app loads is its own, so require-corp blocks nothing. A static host without these headers
 * still works, on one thread.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function contentSecurityPolicy(): Plugin {
  return {
    name: 'vae-lab-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

const THREADED_FACTORY_FILE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
const SCRIPT_DIR_OUTSIDE = `var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;
  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;
  return (
function(WasmBackendModuleThreadedSimd) {
`;
const SCRIPT_DIR_INSIDE = `return (
function(WasmBackendModuleThreadedSimd) {
  var _scriptDir = undefined;
`;

/**
 * tfjs starts each wasm pthread by sending it `factory.toString()` as a script. Emscripten's
 * factory reads `_scriptDir` from an enclosing closure, and once the bundle is minified that
 * free name no longer exists inside the thread: every thread dies with "e is not defined" and
 * the backend never becomes ready. Declaring the variable inside the factory makes its source
 * self-contained. (Only ever undefined here: the app locates the .wasm itself.)
 */
function wasmThreadsPlugin(): Plugin {
  return {
    name: 'vae-lab-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!THREADED_FACTORY_FILE.test(id)) return null;
      if (!code.includes(SCRIPT_DIR_OUTSIDE)) {
        this.error('tfjs-backend-wasm changed its threaded factory; revisit wasmThreadsPlugin in vite.config.ts');
      }
      return { code: code.replace(SCRIPT_DIR_OUTSIDE, SCRIPT_DIR_INSIDE), map: null };
    },
  };
}

// base './' makes every asset URL relative, so dist/ works from any static host and any path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), wasmThreadsPlugin()],
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
