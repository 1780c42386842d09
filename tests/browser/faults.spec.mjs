import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readNumber, waitForNumber, waitForReady } from './helpers.mjs';

const pretrained = resolve(import.meta.dirname, '../../public/pretrained/vae-latent2.vaelab');

async function errorText(page, timeout = 15000) {
  const el = page.getByTestId('error-message');
  await el.waitFor({ timeout });
  return el.textContent();
}

export const tests = [
  {
    name: 'a paused model survives a reload, with a "restored from" notice and a way to start fresh',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 12, 60000);
      await page.getByTestId('train-toggle').first().click();
      await page.getByTestId('last-saved').waitFor({ timeout: 20000 });
      const step = await readNumber(page, 'metric-step');
      await page.reload();
      await page.getByTestId('restore-banner').waitFor({ timeout: 60000 });
      await waitForNumber(page, 'metric-step', (v) => v === step, 20000);
      const source = await page.getByTestId('model-source').textContent();
      if (!/restored from/i.test(source)) throw new Error(`model-source does not say restored: ${source}`);
      await page.getByTestId('restore-fresh').click();
      await waitForNumber(page, 'metric-step', (v) => v === 0 || Number.isNaN(v), 10000);
      await page.getByTestId('restore-banner').waitFor({ state: 'detached', timeout: 10000 });
    },
  },
  {
    name: 'a bad model file is refused with a clear message and the current model stays',
    timeoutMs: 120000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 5, 60000);
      await page.getByTestId('train-toggle').first().click();
      await page.waitForFunction(() => /resume/i.test(document.querySelector('[data-testid="train-toggle"]')?.textContent ?? ''));
      await page.waitForTimeout(300);
      const step = await readNumber(page, 'metric-step');
      const input = page.getByTestId('model-import');
      const good = readFileSync(pretrained);
      const cases = [
        [{ name: 'notes.vaelab', mimeType: 'text/plain', buffer: Buffer.from('hello, not a model') }, /not a VAE Lab model file/],
        [{ name: 'cut.vaelab', mimeType: 'application/octet-stream', buffer: good.subarray(0, good.length - 5000) }, /truncated/],
        [{ name: 'future.vaelab', mimeType: 'application/octet-stream', buffer: (() => { const b = Buffer.from(good); b.writeUInt16LE(9, 6); return b; })() }, /newer than this app reads/],
      ];
      for (const [file, pattern] of cases) {
        await input.setInputFiles(file);
        const text = await errorText(page);
        if (!pattern.test(text) || !/unchanged/.test(text)) throw new Error(`${file.name}: unexpected message "${text}"`);
        await page.getByRole('button', { name: 'dismiss' }).click();
        const now = await readNumber(page, 'metric-step');
        if (now !== step) throw new Error(`${file.name}: the model changed (step ${step} -> ${now})`);
      }
      // A good file loads, and the panel says which model is showing.
      await input.setInputFiles({ name: 'good.vaelab', mimeType: 'application/octet-stream', buffer: good });
      await page.waitForFunction(() => /imported from good\.vaelab/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? ''), null, { timeout: 20000 });
    },
  },
  {
    name: 'the shipped trained model loads at once (skip ahead) and survives a reload',
    timeoutMs: 90000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      await page.getByTestId('model-load-pretrained').click();
      await page.waitForFunction(() => /trained in advance/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? ''), null, { timeout: 20000 });
      const nelbo = await waitForNumber(page, 'metric-test-nelbo', (v) => Number.isFinite(v), 10000);
      if (!(nelbo < 165)) throw new Error(`pretrained model's held-out -ELBO is ${nelbo}`);
      // A loaded model is saved at once, so a reload keeps it too.
      await page.getByTestId('last-saved').waitFor({ timeout: 20000 });
      await page.reload();
      await page.getByTestId('restore-banner').waitFor({ timeout: 60000 });
      await page.waitForFunction(() => /trained in advance/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? ''), null, { timeout: 20000 });
    },
  },
  {
    name: 'malformed and hostile URL values fall back to defaults with a notice',
    timeoutMs: 90000,
    async run({ page, url }) {
      await page.goto(`${url}?beta=NaN&lr=1e308&batch=-5&latent=%3Cscript%3Ealert(1)%3C%2Fscript%3E&backend=javascript:alert(1)`);
      await waitForReady(page);
      const notices = await page.getByTestId('notice').allTextContents();
      if (notices.length !== 5) throw new Error(`expected 5 notices, got ${notices.length}: ${notices.join(' | ')}`);
      if (await page.locator('script:not([src])').count()) throw new Error('an inline script appeared in the page');
      const beta = await readNumber(page, 'kl-weight-value');
      if (beta !== 1) throw new Error(`beta should fall back to 1, shows ${beta}`);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 3, 60000);
    },
  },
  {
    name: 'a NaN loss stops training, restores good weights and says what to change',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(`${url}?lr=1&beta=0&recon=mse&latent=16`);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      const text = await errorText(page, 120000);
      if (!/diverged/.test(text) || !/learning rate/i.test(text)) throw new Error(`unexpected message: ${text}`);
      const toggle = (await page.getByTestId('train-toggle').first().textContent()) ?? '';
      if (/pause/i.test(toggle)) throw new Error('training kept running after NaN');
      const loss = await readNumber(page, 'metric-loss');
      if (!Number.isFinite(loss)) throw new Error(`the panel shows a non-finite loss: ${loss}`);
    },
  },
  {
    name: 'a lost WebGL context moves training to wasm and keeps going',
    timeoutMs: 180000,
    async run({ page, url }) {
      await page.goto(`${url}?backend=webgl`);
      await waitForReady(page);
      const backend = (await page.getByTestId('backend-name').textContent())?.trim();
      if (backend !== 'webgl') throw new Error(`pinned webgl but got ${backend}`);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 25, 120000);
      await page.evaluate(() => window.vaeLabDebug.loseContext());
      await page.waitForFunction(() => document.querySelector('[data-testid="backend-name"]')?.textContent?.trim() === 'wasm', null, { timeout: 30000 });
      const notice = (await page.getByTestId('notice').allTextContents()).join(' ');
      if (!/WebGL context was lost/.test(notice)) throw new Error(`no notice about the lost context: ${notice}`);
      const after = await readNumber(page, 'metric-step');
      if (after < 20) throw new Error(`weights were not kept: step went back to ${after}`);
      await waitForNumber(page, 'metric-step', (v) => v >= after + 10, 60000);
      const loss = await readNumber(page, 'metric-loss');
      if (!Number.isFinite(loss) || loss > 400) throw new Error(`loss after recovery: ${loss}`);
    },
  },
  {
    name: 'tensor count stays flat through training, settings changes and a reset',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 10, 60000);
      const first = await readNumber(page, 'metric-tensors');
      await page.getByTestId('batch-size').selectOption('64');
      await page.getByTestId('kl-weight').focus();
      await page.keyboard.press('End');
      await waitForNumber(page, 'metric-step', (v) => v >= 60, 90000);
      const later = await readNumber(page, 'metric-tensors');
      if (later !== first) throw new Error(`tensors grew while training: ${first} -> ${later}`);
      await page.getByTestId('train-reset').click();
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 5 && v < 60, 60000);
      const afterReset = await readNumber(page, 'metric-tensors');
      if (afterReset !== first) throw new Error(`tensors after reset: ${first} -> ${afterReset}`);
    },
  },
  {
    name: 'rapid start/pause, reset, latent-size and beta changes and page switches mid-step: one loop, flat tensors',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      const toggle = page.getByTestId('train-toggle').first();
      await toggle.click();
      await waitForNumber(page, 'metric-step', (v) => v >= 10, 60000);
      const baseline = await readNumber(page, 'metric-tensors');
      // Clicks land while steps run; an even number leaves it running.
      for (let i = 0; i < 8; i++) await toggle.click({ delay: 0 });
      await page.getByTestId('latent-size').selectOption('8');
      await page.getByTestId('kl-weight').focus();
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
      await page.getByTestId('train-reset').click();
      await toggle.click();
      for (const id of ['kl', 'essence', 'posterior']) {
        await page.evaluate((h) => { window.location.hash = `#/${h}`; }, id);
        await page.waitForTimeout(150);
      }
      await page.evaluate(() => { window.location.hash = '#/'; });
      await page.getByTestId('latent-size').selectOption('2');
      await toggle.click();
      const seen = new Set();
      const start = await readNumber(page, 'metric-step');
      const until = Date.now() + 60000;
      while (Date.now() < until) {
        const loops = await page.getByTestId('metric-tensors').getAttribute('data-active-loops');
        if (loops) seen.add(loops);
        if ((await readNumber(page, 'metric-step')) >= start + 30) break;
        await page.waitForTimeout(100);
      }
      if ([...seen].some((l) => l !== '1')) throw new Error(`training loops seen at once: ${[...seen].join(', ')}`);
      if (!seen.has('1')) throw new Error('training did not resume after the changes');
      const after = await readNumber(page, 'metric-tensors');
      if (after !== baseline) throw new Error(`tensors: ${baseline} before, ${after} after`);
      const loss = await readNumber(page, 'metric-loss');
      if (!Number.isFinite(loss)) throw new Error(`loss ${loss}`);
    },
  },
];
