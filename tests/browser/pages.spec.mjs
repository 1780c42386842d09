// The article: every page reached from the contents, by prev/next, and by deep link + reload,
// on a laptop and a phone; each shows its title, KaTeX output and its live figure.
import { waitForNumber, waitForReady } from './helpers.mjs';

/** Reading order, and the data-testid of each page's live figure roots (see src/content/sections.ts). */
const PAGES = [
  { id: 'intro', figures: ['train-toggle', 'recon-strip', 'prior-samples'] },
  { id: 'transform', figures: ['prior-samples', 'manifold-grid', 'fig-smudge'] },
  { id: 'posterior', figures: ['latent-map', 'posterior-sampler', 'draw-pad'] },
  { id: 'kl', figures: ['latent-map', 'kl-bars', 'kl-weight', 'recon-reduction', 'fig-kl-parts'] },
  { id: 'reparam', figures: ['latent-map', 'posterior-sampler', 'latent-slider-0', 'fig-gradient'] },
  { id: 'essence', figures: ['loss-chart', 'mean-sigma-trace', 'interp-path', 'fig-ae-vae'] },
  { id: 'why-normal', figures: ['fig-kl'] },
  { id: 'elbo', figures: ['fig-elbo-gap', 'fig-klfit'] },
  { id: 'cvae', figures: ['cvae-class', 'cvae-digit', 'latent-map'] },
];

/** `visible`: figures must have a size (after training; some plots are empty boxes before the first weights). */
async function expectPage(page, { id, figures }, { visible = false } = {}) {
  const root = page.getByTestId(`page-${id}`);
  await root.waitFor({ state: 'visible', timeout: 15000 });
  const title = (await root.locator('h1').textContent())?.trim();
  if (!title) throw new Error(`page ${id} has no title`);
  const katex = await root.locator('.katex').count();
  if (katex < 1) throw new Error(`page ${id} shows no KaTeX output`);
  const katexErrors = await root.locator('.katex-error').count();
  if (katexErrors) throw new Error(`page ${id} has ${katexErrors} TeX errors`);
  for (const fig of figures) {
    const el = root.getByTestId(fig).first();
    // Some plots are empty boxes until their first drawing (the manifold grid decodes in slices).
    await el.waitFor({ state: visible ? 'visible' : 'attached', timeout: 20000 }).catch(() => {
      throw new Error(`page ${id}: figure ${fig} is not ${visible ? 'visible' : 'there'}`);
    });
  }
  if (await page.getByTestId('error-message').isVisible()) {
    throw new Error(`page ${id} shows an error: ${await page.getByTestId('error-message').first().textContent()}`);
  }
  // Only one page at a time.
  const shown = await page.locator('[data-testid^="page-"]').count();
  if (shown !== 1) throw new Error(`${shown} page roots on screen for ${id}`);
  return title;
}

function hashOf(page) {
  return new URL(page.url()).hash;
}

/** No horizontal scrolling of the whole page (a phone must not pan sideways). */
async function expectNoSidewaysScroll(page, id) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (over > 1) throw new Error(`page ${id} is ${over} px wider than the screen`);
}

export const tests = [
  {
    name: 'every page from the contents at 1280 px: title, KaTeX, live figure, focus on the heading',
    timeoutMs: 240000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      await page.getByTestId('nav').waitFor();
      // Train a little first, so the screenshots show a model that has learned something.
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 60, 150000);
      // The home screen last: clicking its link first would not be a navigation.
      for (const p of [...PAGES.slice(1), PAGES[0]]) {
        await page.getByTestId(`nav-${p.id}`).click();
        await expectPage(page, p, { visible: true });
        const expected = p.id === 'intro' ? '#/' : `#/${p.id}`;
        if (hashOf(page) !== expected) throw new Error(`nav-${p.id} led to ${hashOf(page)}`);
        const focused = await page.evaluate(() => document.activeElement?.id);
        if (focused !== 'page-title') throw new Error(`focus is on #${focused} after navigating to ${p.id}, not the heading`);
        const current = await page.getByTestId(`nav-${p.id}`).getAttribute('aria-current');
        if (current !== 'page') throw new Error(`nav-${p.id} is not marked as the current page`);
        if (p.id === 'kl') await page.locator('details.derivation summary').click();
        if (p.id === 'posterior' || p.id === 'reparam') await page.getByTestId('posterior-sampler-draw').click();
        await page.waitForTimeout(p.id === 'cvae' ? 1500 : 600);
        await expectNoSidewaysScroll(page, p.id);
        await shot(`page-${p.id}-1280`);
      }
    },
  },
  {
    name: 'prev/next links walk the article in order',
    timeoutMs: 90000,
    async run({ page, url }) {
      await page.goto(url);
      await page.getByTestId('page-intro').waitFor();
      if (await page.getByTestId('prev-link').count()) throw new Error('the home screen has a previous link');
      for (const p of PAGES.slice(1)) {
        await page.getByTestId('next-link').click();
        await expectPage(page, p);
        const top = await page.evaluate(() => window.scrollY);
        if (top > 5) throw new Error(`page ${p.id} opened scrolled down by ${top} px`);
      }
      if (await page.getByTestId('next-link').count()) throw new Error('the last page has a next link');
      await page.getByTestId('prev-link').click();
      await expectPage(page, PAGES[PAGES.length - 2]);
      await page.goBack();
      await expectPage(page, PAGES[PAGES.length - 1]);
    },
  },
  {
    name: 'deep links survive a reload and keep the settings in the query string',
    timeoutMs: 150000,
    async run({ page, url }) {
      for (const p of PAGES) {
        await page.goto(`${url}${p.id === 'intro' ? '' : `#/${p.id}`}`);
        await expectPage(page, p);
        await page.reload();
        await expectPage(page, p);
      }
      // Settings in the query, a page in the hash: both survive navigation and a reload.
      await page.goto(`${url}?beta=2.5#/kl`);
      await expectPage(page, PAGES[3]);
      await page.getByTestId('nav-essence').click();
      await expectPage(page, PAGES[5]);
      await page.reload();
      await expectPage(page, PAGES[5]);
      const { search, hash } = new URL(page.url());
      if (!search.includes('beta=2.5') || hash !== '#/essence') throw new Error(`URL lost its parts: ${page.url()}`);
      // An unknown section falls back to the start with a message, not a blank page.
      await page.goto(`${url}#/no-such-section`);
      await page.getByTestId('page-intro').waitFor();
      await page.getByText('There is no section called').waitFor();
    },
  },
  {
    name: 'every page on a 390 px phone, through the collapsed menu',
    viewport: { width: 390, height: 844 },
    timeoutMs: 200000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      if (await page.getByTestId('nav-kl').isVisible()) throw new Error('the contents are not collapsed on a phone');
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 15, 120000);
      for (const p of PAGES) {
        await page.getByTestId('nav-toggle').click();
        await page.getByTestId(`nav-${p.id}`).click();
        await expectPage(page, p);
        if (await page.getByTestId('nav-kl').isVisible()) throw new Error('the menu stayed open after choosing a page');
        await page.waitForTimeout(400);
        await expectNoSidewaysScroll(page, p.id);
        await shot(`page-${p.id}-390`);
      }
    },
  },
];
