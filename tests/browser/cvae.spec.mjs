// The conditional VAE page through the reader's controls: choose the kind (cvae-kind), skip ahead
// to the shipped model of that kind, read the class accuracy of its samples (cvae-accuracy, the
// worker's classifier on 1,000 prior samples), pick classes, set the offset to 0. Screenshots of
// both models at 1280 and 390 px. With CVAE_TRAIN_SECONDS=120 it also trains each kind from
// scratch for that long and reports (the standard CVAE must reach 90%).
import { readNumber, waitForReady } from './helpers.mjs';

async function canvasHash(page, testId) {
  return page.getByTestId(testId).first().evaluate((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i]) | 0;
    return hash;
  });
}

/** The accuracy of the model now showing: waits for a reading taken at `step` or later. */
async function accuracyAt(page, minStep, timeoutMs) {
  const el = page.getByTestId('cvae-accuracy').first();
  await page.waitForFunction((s) => {
    const e = document.querySelector('[data-testid="cvae-accuracy"]');
    return e && /%/.test(e.textContent ?? '') && Number(e.dataset.step) >= s;
  }, minStep, { timeout: timeoutMs, polling: 500 });
  return { accuracy: await readNumber(page, 'cvae-accuracy'), step: Number(await el.getAttribute('data-step')) };
}

async function chooseKind(page, kind) {
  await page.getByTestId('cvae-kind').first().selectOption(kind);
  await waitForReady(page);
}

async function loadShipped(page, kind) {
  await chooseKind(page, kind);
  await page.getByTestId('model-load-pretrained').first().click();
  // A kind change starts a new model "from scratch"; the loaded one names where it came from.
  await page.waitForFunction(() => !/from scratch/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? 'from scratch'), null, { timeout: 30000 });
  const kindNow = await page.getByTestId('cvae-kind').first().inputValue();
  if (kindNow !== kind) throw new Error(`loading the shipped ${kind} model left cvae-kind at ${kindNow}`);
  const step = await readNumber(page, 'metric-step');
  return accuracyAt(page, Math.max(1, step), 900000);
}

async function openCvae(page, url) {
  await page.goto(`${url}#/cvae`);
  await page.getByTestId('cvae-kind').first().waitFor();
  await waitForReady(page);
}

export const tests = [
  {
    name: 'CVAE: the shipped standard CVAE writes the asked-for class; the essay\'s is measured',
    timeoutMs: 1200000,
    async run({ page, url, shot }) {
      await openCvae(page, url);
      const standard = await loadShipped(page, 'standard');
      console.log(`    shipped standard CVAE: class accuracy of samples ${standard.accuracy}% at step ${standard.step}`);
      if (!(standard.accuracy >= 90)) throw new Error(`standard CVAE: ${standard.accuracy}% of samples in their class, want >= 90%`);
      const prose = await readNumber(page, 'cvae-accuracy-prose');
      if (prose !== standard.accuracy) throw new Error(`the prose quotes ${prose}%, the reading is ${standard.accuracy}%`);

      // Classes steer the digit; latent-zero puts the offset back at 0.
      const group = page.getByTestId('cvae-class').first();
      await page.getByTestId('latent-slider-0').first().fill('1.5');
      await group.getByRole('button', { name: '3', exact: true }).click();
      const three = await canvasHash(page, 'cvae-digit');
      await group.getByRole('button', { name: '7', exact: true }).click();
      if ((await group.getByRole('button', { name: '7', exact: true }).getAttribute('aria-pressed')) !== 'true') throw new Error('7 is not pressed');
      if (three === await canvasHash(page, 'cvae-digit')) throw new Error('cvae-digit is the same for classes 3 and 7');
      await page.getByTestId('latent-zero').first().click();
      const zeros = await page.locator('[data-testid^="latent-slider-"]').evaluateAll((els) => els.map((e) => Number(e.value)));
      if (zeros.some((v) => v !== 0)) throw new Error(`latent-zero left the offset at ${zeros}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="cvae-class-rows-canvas"]')?.dataset.step, null, { timeout: 10000 });
      await shot('cvae-standard-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 1) throw new Error(`the CVAE page is ${over} px wider than a 390 px phone`);
      await shot('cvae-standard-390');
      await page.setViewportSize({ width: 1280, height: 900 });

      const essay = await loadShipped(page, 'essay');
      console.log(`    shipped essay's CVAE: class accuracy of samples ${essay.accuracy}% at step ${essay.step}`);
      if (!(essay.accuracy >= 0 && essay.accuracy <= 100)) throw new Error(`essay's CVAE accuracy unreadable: ${essay.accuracy}`);
      await shot('cvae-essay-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      await shot('cvae-essay-390');
    },
  },
  ...(process.env.CVAE_TRAIN_SECONDS ? [{
    name: `CVAE: each kind trained here for ${process.env.CVAE_TRAIN_SECONDS} s`,
    timeoutMs: 3600000,
    async run({ page, url }) {
      const seconds = Number(process.env.CVAE_TRAIN_SECONDS);
      await openCvae(page, url);
      const results = [];
      for (const [kind, latent] of [['standard', 2], ['essay', 2], ['essay', 8]]) {
        await chooseKind(page, kind);
        await page.getByTestId('cvae-latent').first().selectOption(String(latent));
        await waitForReady(page);
        await page.getByTestId('train-toggle').first().click();
        await page.waitForTimeout(seconds * 1000);
        await page.getByTestId('train-toggle').first().click();
        const step = await readNumber(page, 'metric-step');
        const r = await accuracyAt(page, step, 900000);
        results.push({ kind, latent, ...r });
        console.log(`    ${kind} CVAE, latent ${latent}, ${seconds} s of training: ${r.accuracy}% at step ${r.step}`);
      }
      const std = results[0];
      if (!(std.accuracy >= 90)) throw new Error(`standard CVAE after ${seconds} s: ${std.accuracy}%, want >= 90%`);
    },
  }] : []),
];
