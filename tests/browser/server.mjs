// Serves dist/ with Vite's preview server on a free loopback port, under a sub-path, so the
// tests prove the build works from any base path.
import { preview } from 'vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Network faults a spec can ask for (specs import this same module instance). `cutOnce`: the
 * next request whose path contains `path` gets the full Content-Length but only `afterBytes` of
 * the body, then the connection drops, as a download cut mid-stream. `requests`: paths served.
 */
export const faults = { cutOnce: null, requests: [] };

function faultMiddleware(root, base) {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    faults.requests.push(path);
    const cut = faults.cutOnce;
    if (!cut || !path.includes(cut.path)) return next();
    faults.cutOnce = null;
    const body = readFileSync(resolve(root, 'dist', path.slice(base.length)));
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
    res.write(body.subarray(0, cut.afterBytes));
    setTimeout(() => res.socket?.destroy(), 100);
  };
}

export async function startServer({ base = '/vae-lab/' } = {}) {
  const root = resolve(import.meta.dirname, '../..');
  const server = await preview({
    root,
    base,
    configFile: resolve(root, 'vite.config.ts'),
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    plugins: [{
      name: 'vae-lab-test-faults',
      configurePreviewServer(s) { s.middlewares.use(faultMiddleware(root, base)); },
    }],
  });
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${address.port}${base}`;
  return { url, close: () => new Promise((r) => server.httpServer.close(r)) };
}
