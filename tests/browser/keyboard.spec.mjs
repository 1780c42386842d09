// The pads work without a pointer: the draw pad's pen (arrow keys move it, Space lowers and
// lifts it) draws a stroke that the encoder reads, and the 2-D latent pad moves z with the arrows.
// Both are reached with Tab and show a focus ring. Run alone: `node tests/browser/run.mjs keyboard`.
import { waitForNumber, waitForReady } from './helpers.mjs';

/** Presses Tab until `testId` has focus; fails if it never does (it is not in the tab order). */
async function tabTo(page, testId, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
  }
  throw new Error(`${testId} was not reached in ${maxPresses} presses of Tab`);
}

async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

const drawMu = (page) => page.getByTestId('draw-mu').first().textContent();

async function waitForMuChange(page, before) {
  await page.waitForFunction((b) => {
    const text = document.querySelector('[data-testid="draw-mu"]')?.textContent ?? '';
    return /μ = \(/.test(text) && text !== b;
  }, before, { timeout: 15000 });
  return drawMu(page);
}

/** The focused element's outline (the ring :focus-visible draws). */
const focusRing = (page) => page.evaluate(() => {
  const s = getComputedStyle(document.activeElement);
  return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
});

export const tests = [
  {
    name: 'draw pad by keyboard: Tab reaches it, arrows + Space draw a stroke, the encoder reads it, a second stroke changes mu',
    timeoutMs: 180000,
    async run({ page, url }) {
      await page.goto(url, { timeout: 120000 });
      await waitForReady(page);
      // A few steps give the lab a model to encode with; paused, only the drawing moves mu.
      const toggle = page.getByTestId('train-toggle').first();
      await toggle.click();
      await waitForNumber(page, 'metric-step', (v) => v >= 5, 90000);
      await toggle.click();
      await page.evaluate(() => { window.location.hash = '#/posterior'; });
      const pad = page.getByTestId('draw-pad').first();
      await pad.waitFor();
      const description = await pad.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
      if (!/arrow keys/i.test(description) || !/Space/.test(description)) throw new Error(`the pad does not describe its keys: "${description}"`);
      await tabTo(page, 'draw-pad');
      const ring = await focusRing(page);
      if (ring.style === 'none' || !(ring.width >= 2)) throw new Error(`no visible focus on the pad (${JSON.stringify(ring)})`);
      if (!(await page.getByTestId('draw-pen').first().isVisible())) throw new Error('the pen is not shown while the pad has focus');

      // A "7" from the pen's start at the centre (14, 14): to (9, 7), then a bar right and a diagonal down.
      await press(page, 'ArrowLeft', 5);
      await press(page, 'ArrowUp', 7);
      await page.keyboard.press('Space');
      const penState = await page.getByTestId('draw-pen-state').first().textContent();
      if (!/column 10, row 8, drawing/.test(penState ?? '')) throw new Error(`pen state reads "${penState}"`);
      await press(page, 'ArrowRight', 10);
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Shift+ArrowDown');
      }
      await page.keyboard.press('Space');
      if (!/lifted/.test((await page.getByTestId('draw-pen-state').first().textContent()) ?? '')) throw new Error('Space did not lift the pen');
      const first = await waitForMuChange(page, '–');
      const inked = () => pad.evaluate((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let lit = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 128) lit += 1;
        return lit / (d.length / 4);
      });
      // The pad paints on the next animation frame; mu may have changed from an earlier frame's paint.
      let ink = await inked();
      for (let t0 = Date.now(); !(ink > 0.03) && Date.now() - t0 < 5000; ink = await inked()) await page.waitForTimeout(100);
      if (!(ink > 0.03)) throw new Error(`the keyboard stroke left ${(ink * 100).toFixed(1)}% of the pad inked`);
      if (await page.getByTestId('draw-clear').first().isDisabled()) throw new Error('Clear stays disabled after a keyboard drawing');

      // Lifted pen: moving draws nothing.
      await press(page, 'ArrowLeft', 3);
      await page.waitForTimeout(300);
      if ((await inked()) !== ink) throw new Error('moving the lifted pen changed the drawing');
      // A bar across the middle turns the 7 into something else: mu moves.
      await page.keyboard.press('Space');
      await press(page, 'ArrowRight', 9);
      await page.keyboard.press('Space');
      const second = await waitForMuChange(page, first);
      console.log(`    mu after the 7: ${first}; after the bar: ${second}`);
    },
  },
  {
    name: '2-D latent pad by keyboard: Tab reaches it, arrows move z (Shift: bigger steps), 0 centres it',
    timeoutMs: 120000,
    async run({ page, url }) {
      await page.goto(url, { timeout: 120000 });
      await waitForReady(page);
      const ids = await page.locator('a[data-testid^="nav-"]').evaluateAll((links) => links.map((a) => a.dataset.testid.slice(4)));
      for (const id of ids) {
        if (await page.getByTestId('latent-pad').count()) break;
        await page.evaluate((h) => { window.location.hash = `#/${h}`; }, id);
        await page.waitForTimeout(200);
      }
      const pad = page.getByTestId('latent-pad').first();
      await pad.waitFor({ timeout: 10000 });
      await page.getByTestId(await page.evaluate(() => document.querySelector('[data-testid^="page-"]')?.getAttribute('data-testid'))).locator('h1').focus();
      await tabTo(page, 'latent-pad');
      const ring = await focusRing(page);
      if (ring.style === 'none' || !(ring.width >= 2)) throw new Error(`no visible focus on the latent pad (${JSON.stringify(ring)})`);
      const z = async () => (await pad.getAttribute('aria-valuetext')).match(/-?\d+\.\d+/g).map(Number);
      await page.keyboard.press('0');
      const [x0, y0] = await z();
      if (x0 !== 0 || y0 !== 0) throw new Error(`0 did not centre z: ${x0}, ${y0}`);
      await press(page, 'ArrowRight', 3);
      await page.keyboard.press('Shift+ArrowUp');
      const [x1, y1] = await z();
      if (Math.abs(x1 - 0.3) > 1e-9 || Math.abs(y1 - 0.5) > 1e-9) throw new Error(`after 3x Right and Shift+Up z is ${x1}, ${y1}, not 0.3, 0.5`);
    },
  },
  {
    name: 'prefers-reduced-motion: transitions and animations are cut to nothing',
    async run({ page, url }) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(url, { timeout: 120000 });
      await page.getByTestId('train-toggle').first().waitFor();
      const seconds = await page.evaluate(() => {
        const probe = document.createElement('div');
        probe.style.transition = 'opacity 2s';
        probe.style.animation = 'none 3s';
        document.body.append(probe);
        const s = getComputedStyle(probe);
        const out = [parseFloat(s.transitionDuration), parseFloat(s.animationDuration)];
        probe.remove();
        return out;
      });
      if (!(seconds[0] < 0.001 && seconds[1] < 0.001)) throw new Error(`a 2 s transition and 3 s animation compute to ${seconds.join(' s, ')} s`);
    },
  },
];
