// Posterior collapse on the KL page, as a reader does it: load the shipped model, start training,
// press End on beta. The KL must fall under 0.1 nats within 60 s and, after 10 s to settle, stay collapsed 15 s. Also:
// Home is 0, and one move (the 1 key, or the "1 · VAE" button) brings beta back to 1.
import { readNumber, waitForNumber, waitForReady } from './helpers.mjs';

const COLLAPSED_NATS = 0.1;

/** A screenshot of the training panel alone: full-page shots of #/kl are too tall to read. */
async function panelShot(page, name) {
  // A clip of the page, not an element shot: while training the panel never holds still.
  const panel = page.locator('.training-panel').first();
  // scrollIntoView from the page: Playwright's own waits for a stable box, which a training panel never is.
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await panel.boundingBox();
  if (box) await page.screenshot({ path: new URL(`./screenshots/${name}.png`, import.meta.url).pathname, clip: box });
}

async function loadShippedModel(page) {
  const before = await page.getByTestId('model-source').first().textContent();
  await page.getByTestId('model-load-pretrained').first().click();
  await page.waitForFunction((b) => {
    const t = document.querySelector('[data-testid="model-source"]')?.textContent ?? '';
    return t !== b;
  }, before, { timeout: 30000 });
}

/** The KL metric's value in nats; it must say nats whatever the loss settings. */
async function readKl(page) {
  const text = (await page.getByTestId('metric-kl').first().textContent()) ?? '';
  if (!/nats/.test(text)) throw new Error(`metric-kl does not read in nats: "${text}"`);
  return readNumber(page, 'metric-kl');
}

export const tests = [
  {
    name: 'from the shipped model, End on beta takes the KL under 0.1 nats within 60 s; 10 s later it stays collapsed for 15 s (median under 0.1, every reading under 0.3)',
    timeoutMs: 180000,
    async run({ page, url }) {
      await page.goto(`${url}#/kl`);
      await waitForReady(page);
      await loadShippedModel(page);
      const stepLoaded = await readNumber(page, 'metric-step');
      await page.getByTestId('train-toggle').first().click();
      // A few steps at beta = 1 first, so the KL shown is the loaded model's own.
      await waitForNumber(page, 'metric-step', (v) => v >= stepLoaded + 3, 60000);
      const klBefore = await readKl(page);
      if (!(klBefore > 1)) throw new Error(`the shipped model's KL is ${klBefore} nats before the test: nothing to collapse`);
      const beta = page.getByTestId('kl-weight').first();
      await beta.focus();
      await page.keyboard.press('End');
      const max = Number(await beta.getAttribute('max'));
      if (Number(await beta.inputValue()) !== max) throw new Error(`End left kl-weight at ${await beta.inputValue()}, max ${max}`);
      const t0 = Date.now();
      const stepAtEnd = await readNumber(page, 'metric-step');
      let kl = await readKl(page);
      while (!(kl < COLLAPSED_NATS)) {
        if (Date.now() - t0 > 60000) {
          throw new Error(`KL still ${kl} nats 60 s after End (beta ${max}, ${(await readNumber(page, 'metric-step')) - stepAtEnd} steps)`);
        }
        await page.waitForTimeout(100);
        kl = await readKl(page);
      }
      const seconds = (Date.now() - t0) / 1000;
      const steps = (await readNumber(page, 'metric-step')) - stepAtEnd;
      // The 31,000-step model's KL first dips under 0.1 and flickers around it for ~100 steps
      // (node: highest 0.29 after the first dip) before it settles, as the KL page says.
      await page.waitForTimeout(10000);
      let worst = await readKl(page);
      const readings = [worst];
      const holdFrom = Date.now();
      const stepAtCollapse = await readNumber(page, 'metric-step');
      while (Date.now() - holdFrom < 15000) {
        await page.waitForTimeout(250);
        const k = await readKl(page);
        readings.push(k);
        worst = Math.max(worst, k);
        // Single batches still flicker a little above 0.1; a KL back in whole nats is no collapse.
        if (!(k < 0.3)) throw new Error(`KL rose back to ${k} nats ${((Date.now() - holdFrom) / 1000).toFixed(1)} s into the hold`);
      }
      const median = [...readings].sort((a, b) => a - b)[Math.floor(readings.length / 2)];
      if (!(median < COLLAPSED_NATS)) throw new Error(`median KL over the 15 s hold ${median} nats, not under ${COLLAPSED_NATS}`);
      const held = (await readNumber(page, 'metric-step')) - stepAtCollapse;
      if (held < 10) throw new Error(`only ${held} training steps in the 15 s hold: the check saw too little training`);
      const lr = await page.getByTestId('learning-rate').first().inputValue();
      console.log(`    beta ${max}, learning rate ${lr}: KL ${klBefore} -> under ${COLLAPSED_NATS} nats in ${seconds.toFixed(1)} s (${steps} steps); 10 s later held 15 s (${held} steps, median ${median}, highest ${worst})`);
      // Only the panel: a full-page shot of a page this busy timed out on the shared machine.
      await panelShot(page, 'collapse-panel-1280');
    },
  },
  {
    name: 'beta: Home is 0, the 1 key and the "1 · VAE" button return to 1 in one move, arrows walk the ladder',
    timeoutMs: 90000,
    async run({ page, url, shot }) {
      await page.goto(`${url}#/kl`);
      await waitForReady(page);
      const beta = page.getByTestId('kl-weight').first();
      const value = async () => Number(await beta.inputValue());
      await beta.focus();
      await page.keyboard.press('Home');
      if ((await value()) !== 0) throw new Error(`Home set beta to ${await value()}`);
      if ((await readNumber(page, 'kl-weight-value')) !== 0) throw new Error('the beta readout did not follow Home');
      await page.keyboard.press('1');
      if ((await value()) !== 1) throw new Error(`the 1 key set beta to ${await value()}`);
      await page.keyboard.press('End');
      const max = Number(await beta.getAttribute('max'));
      if ((await value()) !== max) throw new Error(`End set beta to ${await value()}`);
      await page.getByTestId('kl-weight-set-1').first().click();
      if ((await value()) !== 1) throw new Error(`the 1 button set beta to ${await value()}`);
      await beta.focus();
      const walked = [];
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('ArrowRight');
        walked.push(await value());
      }
      await page.keyboard.press('ArrowLeft');
      walked.push(await value());
      if (walked.join(',') !== '2,5,10,5') throw new Error(`arrows walked ${walked.join(', ')} from 1`);
      if (!new URL(page.url()).search.includes('beta=5')) throw new Error(`the URL does not follow beta: ${page.url()}`);
      await shot('collapse-kl-1280');
      // External checks may set the value directly: it must be taken as it is, with no snapping.
      await beta.evaluate((input) => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '0.8');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      if ((await value()) !== 0.8) throw new Error(`setting 0.8 directly gave ${await value()}`);
    },
  },
  {
    name: 'the panel labels squared error and the pixel-mean bug in their own units, the KL in nats',
    timeoutMs: 120000,
    async run({ page, url }) {
      await page.goto(`${url}?recon=mse#/kl`);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 3, 60000);
      const text = async (id) => (await page.getByTestId(id).first().textContent()) ?? '';
      if (/nats/.test(await text('metric-recon'))) throw new Error(`squared error labelled in nats: ${await text('metric-recon')}`);
      if (/nats/.test(await text('metric-loss'))) throw new Error(`squared error + beta KL labelled in nats: ${await text('metric-loss')}`);
      await readKl(page);
      await page.getByTestId('recon-loss').first().selectOption('bce');
      await page.getByTestId('recon-reduction').first().selectOption('mean');
      await page.waitForFunction(() => /nats\/pixel/.test(document.querySelector('[data-testid="metric-recon"]')?.textContent ?? ''), null, { timeout: 10000 });
      await readKl(page);
    },
  },
  {
    name: 'binarized pixels: the select and the URL say so, training runs and scores a held-out -ELBO',
    timeoutMs: 150000,
    async run({ page, url, shot }) {
      await page.goto(`${url}?pixels=binarized#/kl`);
      await waitForReady(page);
      if ((await page.getByTestId('pixels').first().inputValue()) !== 'binarized') throw new Error('?pixels=binarized did not reach the select');
      await page.getByTestId('train-toggle').first().click();
      const nelbo = await waitForNumber(page, 'metric-test-nelbo', (v) => Number.isFinite(v) && v > 0, 90000);
      await page.getByTestId('train-toggle').first().click();
      await page.getByTestId('pixels').first().selectOption('grey');
      if (new URL(page.url()).search.includes('pixels')) throw new Error(`grey (the default) should leave the URL: ${page.url()}`);
      console.log(`    binarized: held-out -ELBO ${nelbo} nats after the first evaluation`);
      await page.getByTestId('kl-weight').first().scrollIntoViewIfNeeded();
      await shot('collapse-controls-1280');
      await panelShot(page, 'pixels-panel-1280');
    },
  },
  {
    name: 'the beta control at 390 px',
    viewport: { width: 390, height: 844 },
    timeoutMs: 90000,
    async run({ page, url, shot }) {
      await page.goto(`${url}#/kl`);
      await waitForReady(page);
      const beta = page.getByTestId('kl-weight').first();
      await beta.scrollIntoViewIfNeeded();
      const box = await beta.boundingBox();
      if (!box || box.width < 200) throw new Error(`the beta slider is ${box?.width} px wide at 390 px`);
      await shot('collapse-kl-390');
      await panelShot(page, 'collapse-panel-390');
    },
  },
];
