// Accessibility checked by a machine: axe-core on every page (src/content/sections.ts), in both
// languages, at a laptop's and a phone's width. A serious or critical violation fails the test;
// lesser ones are printed so they stay visible. Run alone: `node tests/browser/run.mjs a11y`.
import { AxeBuilder } from '@axe-core/playwright';

/** Route ids in reading order ('' is the home screen, its root is page-intro). */
const PAGES = ['', 'transform', 'posterior', 'kl', 'reparam', 'essence', 'why-normal', 'elbo', 'cvae'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function describe(v) {
  const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
  return `${v.impact} ${v.id} (${v.nodes.length}x) ${v.help}\n      ${where.join('\n      ')}`;
}

function pageSweep(lang, width) {
  return {
    name: `axe: every page in ${lang} at ${width} px has no serious or critical violation`,
    viewport: { width, height: 900 },
    timeoutMs: 600000,
    async run({ page, url }) {
      // The shell, not a ready trainer: axe reads the page, and MNIST's load is not needed for it.
      await page.goto(`${url}?lang=${lang}#/`, { timeout: 120000 });
      await page.getByTestId('train-toggle').first().waitFor({ timeout: 120000 });
      const failures = [];
      for (const id of PAGES) {
        await page.evaluate((hash) => { window.location.hash = hash; }, `#/${id}`);
        const root = page.getByTestId(`page-${id || 'intro'}`);
        await root.waitFor({ state: 'visible', timeout: 20000 });
        // Let the figures draw (their canvases, SVG and labels are what axe reads).
        await page.waitForTimeout(1500);
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const minor = violations.filter((v) => !bad.includes(v));
        if (minor.length) console.log(`    note ${lang} ${width}px #/${id}: ${minor.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
        if (bad.length) {
          failures.push(`#/${id}:\n    ${bad.map(describe).join('\n    ')}`);
          console.log(`    FAIL ${lang} ${width}px ${failures.at(-1)}`);
        }
      }
      if (failures.length) throw new Error(`axe (${lang}, ${width} px):\n  ${failures.join('\n  ')}`);
    },
  };
}

export const tests = [
  pageSweep('en', 1280),
  pageSweep('en', 390),
  pageSweep('zh', 1280),
  pageSweep('zh', 390),
];
