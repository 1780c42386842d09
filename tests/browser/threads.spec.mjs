// wasm threads: on the isolated page `vite preview` serves (COOP/COEP) the trainer gets half the
// logical cores (at most 4) or what ?threads pins; on a static host without those headers it
// must still train, on one thread.
import { readNumber, waitForNumber, waitForReady } from './helpers.mjs';

async function backendNote(page) {
  return (await page.locator('.backend-note').first().textContent())?.trim() ?? '';
}

async function trainsSomeSteps(page) {
  await page.getByTestId('train-toggle').first().click();
  await waitForNumber(page, 'metric-step', (v) => v >= 20, 90000);
  const loss = await readNumber(page, 'metric-loss');
  if (!Number.isFinite(loss)) throw new Error(`loss is ${loss}`);
  await page.getByTestId('train-toggle').first().click();
}

export const tests = [
  {
    name: 'automatic threads: half the logical cores, at most 4 (one here, on 2 cores), and it trains',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(url);
      await waitForReady(page);
      if (!(await page.evaluate(() => self.crossOriginIsolated))) throw new Error('vite preview should serve COOP/COEP');
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const expected = Math.max(1, Math.min(4, Math.floor(cores / 2)));
      const note = await backendNote(page);
      const threads = Number(/(\d+) threads?/.exec(note)?.[1]);
      if (threads !== expected) throw new Error(`expected ${expected} wasm threads on ${cores} cores, the note says "${note}"`);
      await trainsSomeSteps(page);
    },
  },
  {
    name: '?threads=2 on the isolated page: two wasm threads really start, and it trains',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.goto(`${url}?threads=2`);
      await waitForReady(page);
      const note = await backendNote(page);
      if (!/; 2 threads/.test(note)) throw new Error(`note says "${note}"`);
      await trainsSomeSteps(page);
    },
  },
  {
    name: 'static host without COOP/COEP, ?threads=2: still trains, on one thread, and says why',
    timeoutMs: 150000,
    async run({ page, url }) {
      await page.route('**/*', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['cross-origin-opener-policy'];
        delete headers['cross-origin-embedder-policy'];
        await route.fulfill({ response, headers });
      });
      await page.goto(`${url}?threads=2`);
      await waitForReady(page);
      if (await page.evaluate(() => self.crossOriginIsolated)) throw new Error('the headers were not removed');
      const note = await backendNote(page);
      if (!/1 thread \(threads need a cross-origin-isolated page\)/.test(note)) throw new Error(`note says "${note}"`);
      await trainsSomeSteps(page);
    },
  },
];
