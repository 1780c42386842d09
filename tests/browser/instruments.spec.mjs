// The lab instruments on the built app: latent sliders decode at once while the model trains,
// beta at its end collapses the posterior (KL under 0.5 nats), the map selects a digit, the CVAE
// generates the chosen class. Screenshots at 1280 and 390 px wide.
import { readNumber, waitForNumber, waitForReady } from './helpers.mjs';

/** Goes through the contents until a page shows `testId`; returns that page's id. */
async function openPageWith(page, testId) {
  const ids = await page.locator('a[data-testid^="nav-"]').evaluateAll((links) => links.map((a) => a.dataset.testid.slice(4)));
  for (const id of ids.length ? ids : ['']) {
    if (id) await page.evaluate((h) => { window.location.hash = `#/${h}`; }, id);
    await page.waitForTimeout(150);
    if (await page.getByTestId(testId).count()) {
      await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
      return id;
    }
  }
  throw new Error(`no page shows data-testid="${testId}"`);
}

/** A short fingerprint of a canvas's pixels. */
async function canvasPixels(page, testId) {
  return page.getByTestId(testId).first().evaluate((c) => {
    const ctx = c.getContext('2d');
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      sum += data[i];
      hash = (hash * 31 + data[i]) | 0;
    }
    return { mean: sum / (data.length / 4), hash };
  });
}

async function startTraining(page, minSteps, timeoutMs = 90000) {
  const toggle = page.getByTestId('train-toggle').first();
  if (!/pause/i.test((await toggle.textContent()) ?? '')) await toggle.click();
  return waitForNumber(page, 'metric-step', (v) => v >= minSteps, timeoutMs);
}

async function expectNoSidewaysScroll(page, where) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (over > 1) throw new Error(`${where} is ${over} px wider than the screen`);
}

export const tests = [
  {
    name: 'latent sliders and keys decode into decoded-digit at once while training',
    timeoutMs: 180000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      const where = await openPageWith(page, 'latent-slider-0');
      await startTraining(page, 5);
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask', buffered: false });
      });

      const before = await canvasPixels(page, 'decoded-digit');
      const slider = page.getByTestId('latent-slider-0').first();
      await slider.focus();
      await page.keyboard.press('End');
      const value = await slider.inputValue();
      if (Number(value) !== 3) throw new Error(`End key left latent-slider-0 at ${value}`);
      const afterKey = await canvasPixels(page, 'decoded-digit');
      if (afterKey.hash === before.hash) throw new Error('decoded-digit did not change after the End key');

      // Drag latent-slider-1 from one end to the other with the mouse, sampling the canvas on the way.
      const s1 = page.getByTestId('latent-slider-1').first();
      await s1.scrollIntoViewIfNeeded();
      const box = await s1.boundingBox();
      if (!box) throw new Error('latent-slider-1 has no box');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 4, y);
      await page.mouse.down();
      const seen = new Set();
      for (let k = 0; k <= 8; k++) {
        await page.mouse.move(box.x + 4 + ((box.width - 8) * k) / 8, y, { steps: 2 });
        seen.add((await canvasPixels(page, 'decoded-digit')).hash);
      }
      await page.mouse.up();
      if (seen.size < 4) throw new Error(`dragging latent-slider-1 showed only ${seen.size} different digits`);
      const decodeMs = Number(await page.getByTestId('decoded-digit').first().getAttribute('data-decode-ms'));
      if (!(decodeMs < 16)) throw new Error(`one decode + paint took ${decodeMs} ms`);

      // With z held still, a new snapshot from the learning model redraws the digit.
      const still = await canvasPixels(page, 'decoded-digit');
      await startTraining(page, (await readNumber(page, 'metric-step')) + 15);
      await page.waitForTimeout(1800);
      const later = await canvasPixels(page, 'decoded-digit');
      if (later.hash === still.hash) throw new Error('decoded-digit did not follow a new snapshot');
      // What one input event costs on the main thread: React's onChange, the store write, the CPU
      // decode and the paint, all inside the event. Long tasks are only logged: on this shared
      // 2-core machine they measure the other processes as much as the page.
      const cost = await page.getByTestId('latent-slider-1').first().evaluate((input) => {
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const times = [];
        for (let k = 0; k < 120; k++) {
          const t = performance.now();
          setValue.call(input, String(-3 + (6 * k) / 119));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return { median: times[60], p90: times[108] };
      });
      const longTasks = await page.evaluate(() => window.__longTasks);
      console.log(`    page #/${where}: decode+paint ${decodeMs} ms; input event to painted digit median ${cost.median.toFixed(2)} ms, p90 ${cost.p90.toFixed(2)} ms; ${seen.size} digits in a drag; long tasks (incl. the test's own canvas reads): ${longTasks.join(', ') || 'none'}`);
      if (!(cost.median < 8)) throw new Error(`an input event takes ${cost.median.toFixed(1)} ms (median) to decode and paint`);
      await shot('instruments-sliders-1280');
    },
  },
  {
    name: 'beta (kl-weight) at its end makes the KL fall under 0.5 nats within 40 s',
    timeoutMs: 260000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      const where = await openPageWith(page, 'kl-weight');
      // Some training at beta = 1 first, so the posterior carries information to lose. KL peaks
      // near 15 nats around step 40 and is ~10 by step 60, which collapsed in ~65 steps at beta 20 (the old top); collapse.spec.mjs checks the 0.1-nat collapse at the top of the range.
      await startTraining(page, 60, 150000);
      const klBefore = await readNumber(page, 'metric-kl');
      const beta = page.getByTestId('kl-weight').first();
      await beta.focus();
      await page.keyboard.press('End');
      const max = Number(await beta.getAttribute('max'));
      if (Number(await beta.inputValue()) !== max) throw new Error(`End left kl-weight at ${await beta.inputValue()}, max ${max}`);
      const t0 = Date.now();
      const stepAtEnd = await readNumber(page, 'metric-step');
      const kl = await waitForNumber(page, 'metric-kl', (v) => v < 0.5, 40000).catch(async (err) => {
        const steps = (await readNumber(page, 'metric-step')) - stepAtEnd;
        throw new Error(`${err.message}; ${steps} steps in 40 s at beta ${max} (started at KL ${klBefore})`);
      });
      const seconds = (Date.now() - t0) / 1000;
      const steps = (await readNumber(page, 'metric-step')) - stepAtEnd;
      console.log(`    page #/${where}: KL ${klBefore} -> ${kl} nats in ${seconds.toFixed(1)} s (${steps} steps) at beta ${max}`);
      if (await page.getByTestId('kl-bars').count()) {
        await page.waitForTimeout(500);
        const active = await page.getByTestId('kl-bars').first().locator('rect[data-active="true"]').count();
        if (active !== 0) throw new Error(`KL bars still show ${active} active dimensions after the collapse`);
      }
      await shot('instruments-collapse-1280');
    },
  },
  {
    name: 'the latent map selects a digit under the pointer and outlines its posterior',
    timeoutMs: 120000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      await openPageWith(page, 'latent-map');
      await startTraining(page, 20);
      const map = page.getByTestId('latent-map').first();
      await map.locator('[data-role="hit-area"]').waitFor();
      await map.scrollIntoViewIfNeeded(); // starting training scrolled to the button
      const box = await map.locator('[data-role="hit-area"]').boundingBox();
      // Scan from the centre outward until the pointer is over a digit (the tooltip shows).
      let found = null;
      outer: for (let r = 0; r < 0.45; r += 0.03) {
        for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r]]) {
          const x = box.x + box.width * (0.5 + dx);
          const y = box.y + box.height * (0.5 + dy);
          await page.mouse.move(x, y);
          if (await page.getByTestId('latent-map-tooltip').count()) {
            found = { x, y };
            break outer;
          }
        }
      }
      if (!found) throw new Error('hovering the map never showed a digit');
      await page.mouse.click(found.x, found.y);
      await map.locator('[data-item="selected"] [data-role="posterior-2sigma"]').first().waitFor({ timeout: 5000 });
      const text = await page.getByTestId('latent-map-selected').first().textContent();
      if (!/selected: digit \d/.test(text ?? '')) throw new Error(`selection caption reads "${text}"`);
    },
  },
  {
    name: 'drawing a digit: soft strokes, a reconstruction, its ellipse on the map; the manifold grid refreshes',
    timeoutMs: 150000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      await startTraining(page, 30);
      await openPageWith(page, 'draw-pad');
      const pad = page.getByTestId('draw-pad').first();
      await pad.scrollIntoViewIfNeeded();
      const box = await pad.boundingBox();
      // A "7": a bar across the top, then a diagonal down.
      const at = (fx, fy) => [box.x + fx * box.width, box.y + fy * box.height];
      await page.mouse.move(...at(0.3, 0.25));
      await page.mouse.down();
      for (const [fx, fy] of [[0.5, 0.25], [0.7, 0.25], [0.6, 0.5], [0.5, 0.78]]) await page.mouse.move(...at(fx, fy), { steps: 6 });
      await page.mouse.up();
      await page.waitForFunction(() => /μ = \(/.test(document.querySelector('[data-testid="draw-mu"]')?.textContent ?? ''), null, { timeout: 5000 });
      const ink = await page.getByTestId('draw-pad').first().evaluate((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const levels = new Set();
        for (let i = 0; i < d.length; i += 4) levels.add(d[i]);
        return levels.size;
      });
      if (ink < 5) throw new Error(`the stroke has only ${ink} grey levels: not a soft brush`);
      const recon = await canvasPixels(page, 'draw-recon');
      if (!(recon.mean > 5)) throw new Error(`the reconstruction is blank (mean ${recon.mean})`);
      const maps = page.locator('[data-testid="latent-map"]:has([data-item="extra-0"])');
      if ((await page.getByTestId('latent-map').count()) && !(await maps.count())) console.log('    (no map with showDrawn on the draw-pad page)');
      await pad.locator('xpath=ancestor::figure[1]').screenshot({ path: new URL('./screenshots/instruments-draw-1280.png', import.meta.url).pathname });
      await page.getByTestId('draw-clear').first().click();
      if ((await page.getByTestId('draw-mu').first().textContent()) !== '–') throw new Error('clear left the encoding');

      await openPageWith(page, 'manifold-grid');
      const grid = page.getByTestId('manifold-grid').first();
      await page.waitForFunction(() => document.querySelector('[data-testid="manifold-grid"]')?.dataset.step, null, { timeout: 10000 });
      const step1 = Number(await grid.getAttribute('data-step'));
      await page.waitForFunction((s) => Number(document.querySelector('[data-testid="manifold-grid"]')?.dataset.step) > s, step1, { timeout: 15000 });
      await shot('instruments-grid-1280');
    },
  },
  {
    name: 'CVAE: the class buttons change the generated digit',
    timeoutMs: 150000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      await openPageWith(page, 'cvae-class');
      await page.getByTestId('cvae-digit').first().waitFor();
      await waitForReady(page);
      await startTraining(page, 30);
      const group = page.getByTestId('cvae-class').first();
      await group.getByRole('button', { name: '1', exact: true }).click();
      const one = await canvasPixels(page, 'cvae-digit');
      await group.getByRole('button', { name: '8', exact: true }).click();
      if ((await group.getByRole('button', { name: '8', exact: true }).getAttribute('aria-pressed')) !== 'true') throw new Error('8 is not pressed');
      const eight = await canvasPixels(page, 'cvae-digit');
      if (one.hash === eight.hash) throw new Error('cvae-digit is the same for classes 1 and 8');
      await shot('instruments-cvae-1280');
    },
  },
  {
    name: 'instrument pages fit a 390 px phone',
    viewport: { width: 390, height: 844 },
    timeoutMs: 150000,
    async run({ page, url, shot }) {
      await page.goto(url);
      await waitForReady(page);
      await startTraining(page, 40);
      for (const testId of ['latent-slider-0', 'manifold-grid', 'draw-pad', 'loss-chart', 'kl-bars', 'cvae-class']) {
        const id = await openPageWith(page, testId);
        await page.waitForTimeout(600);
        await expectNoSidewaysScroll(page, `#/${id}`);
        const box = await page.getByTestId(testId).first().boundingBox();
        if (!box || box.x < 0 || box.x + box.width > 391) throw new Error(`${testId} on #/${id} overflows the phone: ${JSON.stringify(box)}`);
        await shot(`instruments-${testId}-390`);
      }
    },
  },
];
