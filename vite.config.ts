import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  COMMON_HEADERS, devPagePolicy, headersFile, isWorkerScript, PAGE_POLICY, PAGE_POLICY_META, WORKER_DIR, WORKER_POLICY,
} from './scripts/securityHeaders.ts';

/**
 * The security headers (scripts/securityHeaders.ts) on every response of `vite dev` and
 * `vite preview`, each worker script with its own policy; the build gets the page's policy as a
 * <meta> fallback and a dist/_headers file for static hosts. The dev server's page policy adds
 * a nonce, new at each start, for the inline script and styles Vite injects for hot reload.
 */
function securityHeaders(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  const handler = (pagePolicy: string) => (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', isWorkerScript(req.url ?? '') ? WORKER_POLICY : pagePolicy);
    next();
  };
  return {
    name: 'vae-lab-security-headers',
    config(_config, env) {
      if (env.command === 'serve' && !env.isPreview) return { html: { cspNonce: nonce } };
      return undefined;
    },
    configureServer(server) {
      server.middlewares.use(handler(devPagePolicy(nonce)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler(PAGE_POLICY));
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.server) return html;
        return html.replace('<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY_META}" />`);
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
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
  plugins: [react(), securityHeaders(), wasmThreadsPlugin()],
  worker: {
    format: 'es',
    plugins: () => [wasmThreadsPlugin()],
    // A directory of their own, so a static host can give worker scripts their policy by path.
    rolldownOptions: { output: { entryFileNames: `${WORKER_DIR}/[name]-[hash].js` } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
