// Serves dist/ with Vite's preview server on a free loopback port, under a sub-path, so the
// tests prove the build works from any base path.
import { preview } from 'vite';
import { resolve } from 'node:path';

export async function startServer({ base = '/vae-lab/' } = {}) {
  const root = resolve(import.meta.dirname, '../..');
  const server = await preview({
    root,
    base,
    configFile: resolve(root, 'vite.config.ts'),
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${address.port}${base}`;
  return { url, close: () => new Promise((r) => server.httpServer.close(r)) };
}
