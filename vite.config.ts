import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { wasmThreadsPlugin } from './build/wasmThreadsPlugin.ts';

/**
 * The built site's Content Security Policy: its own origin only, its worker, and
 * 'wasm-unsafe-eval' for WebAssembly. No inline script, no eval, no other host.
 * blob: scripts and workers: tfjs starts each wasm thread as a worker made from a Blob of its
 * own bundled code (see build/wasmThreadsPlugin.ts); nothing else creates blob: URLs to run.
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
