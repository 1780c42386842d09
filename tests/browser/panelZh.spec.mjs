// Issue 16, the training panel in Chinese: its controls, metrics, backend note and model menu
// are Chinese in a real browser (the worker's English note included), and fit at 1280 and 390 px.
import { waitForReady } from './helpers.mjs';

const HAN = /\p{Script=Han}/u;

async function panelProblem(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('.training-panel');
    if (!panel) return 'no training panel';
    const width = document.documentElement.clientWidth;
    for (const el of panel.querySelectorAll('button, select, input, label, .metric')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1) return `${el.outerHTML.slice(0, 80)} sticks out (${r.left.toFixed(0)}..${r.right.toFixed(0)} of ${width})`;
    }
    return null;
  });
}

export const tests = [
  {
    name: 'the training panel in Chinese: no English labels left, the backend note worded, fits at 1280 and 390 px',
    timeoutMs: 120000,
    async run({ page, url }) {
      await page.goto(`${url}?lang=zh#/`);
      await waitForReady(page);
      const panel = page.locator('.training-panel').first();
      const text = await panel.innerText();
      if (!HAN.test(text)) throw new Error(`panel has no Chinese: ${text.slice(0, 200)}`);
      for (const english of ['Start training', 'Reset', 'Showing', 'learning rate', 'batch size', 'Skip ahead', 'Export', 'Import', 'beta (KL weight)', 'Keys:', 'from scratch']) {
        if (text.includes(english)) throw new Error(`English left in the panel: "${english}"`);
      }
      const note = await panel.locator('.backend').first().getAttribute('title');
      if (note && !HAN.test(note)) throw new Error(`backend note not worded in Chinese: ${note}`);
      const problem = await panelProblem(page);
      if (problem) throw new Error(`1280: ${problem}`);
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: new URL('./screenshots/panel-zh-1280.png', import.meta.url).pathname });
      await page.setViewportSize({ width: 390, height: 844 });
      const narrow = await panelProblem(page);
      if (narrow) throw new Error(`390: ${narrow}`);
      await panel.screenshot({ path: new URL('./screenshots/panel-zh-390.png', import.meta.url).pathname });
    },
  },
];
