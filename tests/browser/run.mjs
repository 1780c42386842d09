// Runs every browser test file (tests/browser/*.spec.mjs) against the built app in real
// Chromium. Each spec exports `tests`: [{ name, timeoutMs?, run({ page, url, shot }) }].
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { startServer } from './server.mjs';

const here = import.meta.dirname;
const shotsDir = resolve(here, 'screenshots');
mkdirSync(shotsDir, { recursive: true });
const only = process.argv[2];
const specs = readdirSync(here).filter((f) => f.endsWith('.spec.mjs') && (!only || f.includes(only))).sort();

const server = await startServer();
const browser = await launchChromium();
let passed = 0;
let failed = 0;
for (const file of specs) {
  const { tests } = await import(resolve(here, file));
  for (const t of tests) {
    const context = await browser.newContext({ viewport: t.viewport ?? { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors = [];
    const foreignRequests = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(server.url.replace(/\/vae-lab\/$/, '/')) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
    });
    const started = Date.now();
    const shot = (name) => page.screenshot({ path: resolve(shotsDir, `${name}.png`), fullPage: true });
    try {
      await Promise.race([
        t.run({ page, url: server.url, shot, consoleErrors, context }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs ?? 120000} ms`)), t.timeoutMs ?? 120000)),
      ]);
      if (!t.allowConsoleErrors && consoleErrors.length) throw new Error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
      if (foreignRequests.length) throw new Error(`requests left the app's origin:\n  ${foreignRequests.join('\n  ')}`);
      passed += 1;
      console.log(`  ✓ ${file} › ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed += 1;
      console.log(`  ✗ ${file} › ${t.name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
      await shot(`FAILED-${file}-${t.name}`.replace(/[^\w.-]+/g, '_')).catch(() => {});
    } finally {
      await context.close();
    }
  }
}
await browser.close();
await server.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
