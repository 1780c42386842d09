import { waitForNumber, waitForReady } from './helpers.mjs';

// The runner fails any test whose page requests another origin or logs a console error; this
// walk adds the CSP itself and its violation events.
export const tests = [
  {
    name: 'the built site carries a strict CSP and a full walk breaks none of it',
    timeoutMs: 240000,
    async run({ page, url }) {
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await page.goto(url);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"]) {
        if (!csp?.includes(part)) throw new Error(`CSP lacks "${part}": ${csp}`);
      }
      if (/unsafe-eval'(?!.*wasm)|https?:/.test(csp.replace("'wasm-unsafe-eval'", ''))) throw new Error(`CSP too loose: ${csp}`);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 5, 60000);
      const links = [...new Set(await page.locator('[data-testid="nav"] [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))];
      if (links.length < 8) throw new Error(`expected at least 8 nav links, found ${links.length}`);
      for (const id of links) {
        const link = page.getByTestId(id).first();
        if (!(await link.isVisible())) {
          const toggle = page.getByTestId('nav-toggle');
          if (await toggle.count()) await toggle.first().click();
        }
        await link.click();
        await page.getByTestId(`page-${id.slice(4)}`).waitFor({ timeout: 20000 });
        await page.waitForTimeout(800);
      }
      await page.getByTestId('page-cvae').waitFor();
      const violations = await page.evaluate(() => window.__cspViolations);
      if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
    },
  },
];
