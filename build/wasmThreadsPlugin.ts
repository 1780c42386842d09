import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
const OUTER = `var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;
  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;
  return (
function(WasmBackendModuleThreadedSimd) {
`;
const INNER = `return (
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
export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'vae-lab-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id)) return null;
      if (!code.includes(OUTER)) {
        this.error('tfjs-backend-wasm changed its threaded factory; revisit build/wasmThreadsPlugin.ts');
      }
      return { code: code.replace(OUTER, INNER), map: null };
    },
  };
}
