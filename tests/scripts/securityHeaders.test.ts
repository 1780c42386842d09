import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headersFile, isWorkerScript, PAGE_POLICY, PAGE_POLICY_META, WORKER_DIR, WORKER_POLICY,
} from '../../scripts/securityHeaders';

const root = resolve(import.meta.dirname, '../..');

/** The rules of a _headers file: path -> header lines under it. */
function rules(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) out.set(line, (current = []));
    else current?.push(line.trim());
  }
  return out;
}

describe('security headers for static hosts', () => {
  it('_headers gives the documents the page policy and the worker directory its own, never both on one path', () => {
    const r = rules(headersFile());
    for (const doc of ['/', '/index.html']) expect(r.get(doc)).toEqual([`Content-Security-Policy: ${PAGE_POLICY}`]);
    expect(r.get(`/${WORKER_DIR}/*`)).toEqual([`Content-Security-Policy: ${WORKER_POLICY}`]);
    // The catch-all rule must not carry a policy: hosts would join it with the worker's.
    expect(r.get('/*')?.some((h) => h.startsWith('Content-Security-Policy'))).toBe(false);
    expect(r.get('/*')).toContain('Cross-Origin-Embedder-Policy: require-corp');
  });

  it('the page policy allows no wasm, no blob: script and no inline <style>; the meta copy drops only frame-ancestors', () => {
    expect(PAGE_POLICY).not.toMatch(/wasm-unsafe-eval|blob:|unsafe-eval/);
    expect(PAGE_POLICY).toMatch(/(^|; )style-src 'self'(;|$)/);
    expect(PAGE_POLICY).toContain("frame-ancestors 'none'");
    expect(PAGE_POLICY_META).not.toContain('frame-ancestors');
    expect(PAGE_POLICY.replace("; frame-ancestors 'none'", '')).toBe(PAGE_POLICY_META);
  });

  it('recognizes worker scripts in the build and in the dev server, and nothing else', () => {
    expect(isWorkerScript('/vae-lab/assets/workers/trainWorker-ChHuJKdh.js')).toBe(true);
    expect(isWorkerScript('/src/worker/trainWorker.ts?worker_file&type=module')).toBe(true);
    expect(isWorkerScript('/assets/index-C3Vn5sBQ.js')).toBe(false);
    expect(isWorkerScript('/src/worker/trainWorker.ts')).toBe(false);
    expect(isWorkerScript('/?x=/assets/workers/')).toBe(false);
  });

  it("the README's server example carries both policies as they are now", () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    expect(readme).toContain(PAGE_POLICY);
    expect(readme).toContain(WORKER_POLICY);
  });
});

describe('vite dev sends the headers', () => {
  let server: ViteDevServer;
  let base = '';
  beforeAll(async () => {
    server = await createServer({
      root, configFile: resolve(root, 'vite.config.ts'), logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the page: its policy plus a nonce that every script Vite writes into the page carries', async () => {
    const res = await fetch(`${base}/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(policy.replace("style-src-attr 'unsafe-inline'", '')).not.toMatch(/wasm-unsafe-eval|blob:|unsafe-inline/);
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("the trainer worker's script: the worker policy", async () => {
    const res = await fetch(`${base}/src/worker/trainWorker.ts?worker_file&type=module`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(WORKER_POLICY);
  });
});
