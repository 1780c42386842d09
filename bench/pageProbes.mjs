// Reading the app through its data-testid hooks. Every required hook fails loudly: a bench
// that silently reports nothing after a UI change is worse than no bench.

export class MissingHookError extends Error {}

const hookSelector = (testId) => `[data-testid="${testId}"]`;

/** Waits for a hook; throws MissingHookError naming it when it never appears. */
export async function requireHook(page, testId, timeoutMs = 30000) {
  try {
    await page.locator(hookSelector(testId)).first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch {
    throw new MissingHookError(
      `bench: required hook [data-testid="${testId}"] is not on the page (waited ${timeoutMs} ms at ${page.url()}). `
      + 'The UI changed: restore the hook or update bench/.');
  }
}

/** The first number in a hook's text ("123.4 nats" -> 123.4); NaN while it shows "–". */
export async function readNumber(page, testId) {
  const text = await page.locator(hookSelector(testId)).first().textContent();
  const m = /-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(text ?? '');
  return m ? Number(m[0]) : NaN;
}

/** Waits until MNIST is loaded and train-toggle is enabled; returns ms since navigation start. */
export async function waitForReady(page, timeoutMs = 90000) {
  await requireHook(page, 'train-toggle', timeoutMs);
  const handle = await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-toggle"]');
    return b && !b.disabled ? performance.now() : null;
  }, null, { timeout: timeoutMs, polling: 'raf' });
  return handle.jsonValue();
}

/** Presses start and returns the in-page clock (performance.now()) at the click. */
export async function pressStart(page) {
  for (const id of ['metric-step', 'metric-speed', 'metric-test-nelbo', 'metric-loss']) await requireHook(page, id, 5000);
  return page.evaluate(() => {
    const b = document.querySelector('[data-testid="train-toggle"]');
    const t = performance.now();
    b.click();
    return t;
  });
}

/**
 * Records, inside the page, every change of step, speed and held-out -ELBO with its time, and
 * every main-thread long task. Sampling every 100 ms costs the main thread next to nothing.
 */
export async function installRecorder(page) {
  await page.evaluate(() => {
    const read = (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const m = /-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(el?.textContent ?? '');
      return m ? Number(m[0]) : NaN;
    };
    const rec = { samples: [], longTasks: [], since: performance.now() };
    let last = '';
    rec.timer = setInterval(() => {
      const s = { t: performance.now(), step: read('metric-step'), speed: read('metric-speed'), nelbo: read('metric-test-nelbo') };
      const key = `${s.step}|${s.speed}|${s.nelbo}`;
      if (key !== last) { rec.samples.push(s); last = key; }
    }, 100);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push({ t: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    window.__bench = rec;
  });
}

export async function readRecorder(page) {
  return page.evaluate(() => ({ samples: window.__bench.samples, longTasks: window.__bench.longTasks, now: performance.now() }));
}

/**
 * Looks for all of testIds on the current screen, then on every section the navigation links
 * to (routes live in the hash, so the worker keeps training while we look). Returns the href
 * where they were found, or null.
 */
export async function findSectionWith(page, testIds) {
  const present = () => page.evaluate((ids) => ids.every((id) => document.querySelector(`[data-testid="${id}"]`)), testIds);
  if (await present()) return page.url();
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[data-testid^="nav-"], a[href^="#/"]')]
    .map((a) => a.getAttribute('href')).filter((h) => h && h.startsWith('#')));
  for (const href of [...new Set(hrefs)]) {
    await page.evaluate((h) => { window.location.hash = h; }, href);
    await page.waitForTimeout(400);
    if (await present()) return page.url();
  }
  return null;
}

export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs, p) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
