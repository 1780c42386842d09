import { readNumber, waitForNumber, waitForReady } from './helpers.mjs';
import { faults } from './server.mjs';

export const tests = [
  {
    name: 'a worker that aborts is reported in words, and "restart from the last save" brings the saved model back',
    timeoutMs: 180000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      const toggle = page.getByTestId('train-toggle').first();
      await toggle.click();
      await waitForNumber(page, 'metric-step', (v) => v >= 12, 60000);
      await toggle.click();
      await page.getByTestId('last-saved').waitFor({ timeout: 20000 });
      const saved = await readNumber(page, 'metric-step');
      await page.evaluate(() => window.vaeLabDebug.crashWorker());
      const banner = page.getByTestId('worker-crash');
      await banner.waitFor({ timeout: 15000 });
      const text = (await banner.textContent()) ?? '';
      if (!/training worker stopped/.test(text) || !/Aborted\(\)/.test(text) || !/last saved in this browser/.test(text)) {
        throw new Error(`the crash is not put in words: ${text}`);
      }
      if (!(await toggle.isDisabled())) throw new Error('start stayed enabled with a dead worker');
      await page.getByTestId('worker-restart').click();
      await banner.waitFor({ state: 'detached', timeout: 10000 });
      await page.waitForFunction(() => /restored from/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? ''), null, { timeout: 60000 });
      await waitForNumber(page, 'metric-step', (v) => v === saved, 20000);
      await waitForReady(page);
      await toggle.click();
      await waitForNumber(page, 'metric-step', (v) => v >= saved + 5, 60000);
      const loss = await readNumber(page, 'metric-loss');
      if (!Number.isFinite(loss) || loss > 400) throw new Error(`loss after the restart: ${loss}`);
    },
  },
  {
    name: 'an MNIST download cut mid-stream names the file, keeps what arrived, and a retry finishes the load',
    timeoutMs: 120000,
    async run({ page, url }) {
      faults.requests.length = 0;
      faults.cutOnce = { path: 'train-images-idx3-ubyte.gz', afterBytes: 3_000_000 };
      await page.goto(url);
      const error = page.getByTestId('data-error');
      await error.waitFor({ timeout: 60000 });
      const text = (await error.textContent()) ?? '';
      // Bytes still in flight when the connection drops are lost, so "after" is at most the 3 MB sent.
      const cut = /cut off after (\d+\.\d) of 9\.6 MB/.exec(text);
      if (!/train-images-idx3-ubyte\.gz/.test(text) || !cut || !(Number(cut[1]) > 0 && Number(cut[1]) <= 3)) throw new Error(`the failure does not name the file and the cut: ${text}`);
      if ((await error.getAttribute('data-file')) !== 'train-images-idx3-ubyte.gz') throw new Error('data-file names another file');
      const before = faults.requests.filter((p) => p.includes('/data/mnist/'));
      await page.getByTestId('data-retry').click();
      await waitForReady(page);
      const again = faults.requests.filter((p) => p.includes('/data/mnist/')).slice(before.length);
      if (again.length !== 2 || !again.every((p) => /manifest\.json|train-images/.test(p))) {
        throw new Error(`the retry fetched more than the cut file (and the manifest): ${again.join(', ')}`);
      }
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 3, 60000);
    },
  },
];
