// The app-side measurements, each in a fresh browser context (cold cache, new worker).
import {
  MissingHookError, findSectionWith, installRecorder, median, percentile, pressStart, readNumber,
  readRecorder, requireHook, waitForReady,
} from './pageProbes.mjs';

const BATCH = 128;

/** 'wasm-2-threads' pins wasm with two threads (?threads=2), more than the app picks on 2 cores. */
function withBackend(url, backend) {
  if (backend === 'auto') return url;
  if (backend === 'wasm-2-threads') return `${url}?backend=wasm&threads=2`;
  return `${url}?backend=${backend}`;
}

async function freshPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

/**
 * Bytes the server sent (bodies and headers, as they went over the wire) for one cold load,
 * page and worker requests alike (Playwright does not see the worker's fetch sizes), and ms
 * from navigation start to an enabled start button.
 */
export async function firstLoad(browser, url, wire) {
  const { context, page } = await freshPage(browser);
  try {
    const before = wire.snapshot();
    await page.goto(url);
    const readyMs = await waitForReady(page);
    const after = wire.snapshot();
    return { readyMs, bytes: after.bytes - before.bytes, requests: after.requests - before.requests };
  } finally {
    await context.close();
  }
}

/** Counts bytes written on every socket of a Node http server. */
export function wireCounter(httpServer) {
  const sockets = new Set();
  let requests = 0;
  httpServer.on('connection', (s) => sockets.add(s));
  httpServer.on('request', () => { requests += 1; });
  return {
    snapshot: () => ({ bytes: [...sockets].reduce((a, s) => a + s.bytesWritten, 0), requests }),
  };
}

async function backendShown(page) {
  await requireHook(page, 'backend-name', 5000);
  return (await page.locator('[data-testid="backend-name"]').first().textContent())?.trim();
}

async function assertBatch(page) {
  const batch = await page.locator('[data-testid="batch-size"]').first().inputValue().catch(() => null);
  if (batch !== null && Number(batch) !== BATCH) throw new Error(`bench: batch size is ${batch}, expected ${BATCH}`);
}

/**
 * Training throughput on one backend: median of the app's own samples/s readout after warm-up,
 * and, as a cross-check, steps completed x batch / wall time over the same window.
 */
export async function throughput(browser, url, backend, { warmupSec, warmSteps, measureSec, log }) {
  const { context, page, errors } = await freshPage(browser);
  try {
    await page.goto(withBackend(url, backend));
    await waitForReady(page);
    const running = await backendShown(page);
    // The note beside the backend name says why it was picked and how many wasm threads run.
    const note = (await page.locator('.backend-note').first().textContent().catch(() => ''))?.replace(/^\s*·\s*/, '').trim() ?? '';
    if (backend !== 'auto' && running !== backend.replace(/-.*/, '')) {
      log(`  ! asked for ${backend}, the app runs ${running} (it fell back); reported under ${backend} anyway, flagged`);
    }
    await assertBatch(page);
    await installRecorder(page);
    const tStart = await pressStart(page);
    // Warm-up: at least warmupSec and 5 steps (webgl compiles shaders, wasm JITs).
    // Then up to 25 steps so the app's 20-step speed window has left step 1's evaluation
    // behind, unless the backend is too slow to get there within a minute.
    const warmDeadline = Date.now() + 60000;
    await page.waitForTimeout(warmupSec * 1000);
    while ((await readNumber(page, 'metric-step')) < warmSteps && Date.now() < warmDeadline) await page.waitForTimeout(500);
    if ((await readNumber(page, 'metric-step')) < 3) {
      throw new Error(`bench: ${backend}: fewer than 3 training steps after warm-up (errors: ${errors.join(' | ') || 'none'})`);
    }
    const from = (await readRecorder(page)).now;
    await page.waitForTimeout(measureSec * 1000);
    const { samples, longTasks } = await readRecorder(page);
    const window = samples.filter((s) => s.t >= from);
    const speeds = window.map((s) => s.speed).filter((v) => Number.isFinite(v) && v > 0);
    if (!speeds.length) throw new Error(`bench: ${backend}: metric-speed never showed a number while training`);
    const first = samples.filter((s) => s.t <= from).at(-1) ?? window[0];
    const last = window.at(-1);
    const stepRate = last && first && last.t > first.t ? ((last.step - first.step) * BATCH) / ((last.t - first.t) / 1000) : null;
    return {
      backend, running, note,
      samplesPerSec: round(median(speeds), 1),
      readings: speeds.length,
      stepCountSamplesPerSec: round(stepRate, 1),
      steps: last?.step ?? null,
      longTasks: longTasks.filter((l) => l.t >= tStart).length,
      errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * Time to quality from pressing start, from scratch (fresh page = new weights): wall seconds
 * until the held-out -ELBO readout first shows < 165 and < 155 nats, with the app's own
 * evaluation cost included (a reader waits for it too). Long tasks are counted over the run.
 */
export async function timeToQuality(browser, url, { capSec, log }) {
  const { context, page, errors } = await freshPage(browser);
  try {
    await page.goto(url);
    await waitForReady(page);
    const backend = await backendShown(page);
    await assertBatch(page);
    await installRecorder(page);
    const tStart = await pressStart(page);
    const reached = { 165: null, 155: null };
    const deadline = Date.now() + capSec * 1000;
    let lastLog = 0;
    let rec;
    while (Date.now() < deadline) {
      await page.waitForTimeout(2000);
      rec = await readRecorder(page);
      for (const s of rec.samples) {
        for (const k of [165, 155]) {
          if (!reached[k] && Number.isFinite(s.nelbo) && s.nelbo < k) {
            reached[k] = { seconds: round((s.t - tStart) / 1000, 1), step: s.step };
          }
        }
      }
      const cur = rec.samples.at(-1);
      if (Date.now() - lastLog > 30000 && cur) {
        log(`  ${((rec.now - tStart) / 1000).toFixed(0)} s: step ${cur.step}, held-out -ELBO ${cur.nelbo} nats, ${cur.speed} samples/s`);
        lastLog = Date.now();
      }
      if (reached[155]) break;
      if (errors.length) throw new Error(`bench: the page reported errors while training: ${errors.join(' | ')}`);
    }
    if (!rec?.samples.some((s) => Number.isFinite(s.nelbo))) {
      throw new Error('bench: metric-test-nelbo never showed a number while training (the held-out evaluation hook is broken)');
    }
    const minutes = (rec.now - tStart) / 60000;
    const longTasks = rec.longTasks.filter((l) => l.t >= tStart);
    const cur = rec.samples.at(-1);
    return {
      backend,
      capSec,
      trainedSec: round((rec.now - tStart) / 1000, 1),
      finalStep: cur?.step ?? null,
      finalNelbo: cur?.nelbo ?? null,
      secondsTo165: reached[165]?.seconds ?? null,
      stepTo165: reached[165]?.step ?? null,
      secondsTo155: reached[155]?.seconds ?? null,
      stepTo155: reached[155]?.step ?? null,
      longTasks: longTasks.length,
      longTaskMaxMs: longTasks.length ? round(Math.max(...longTasks.map((l) => l.ms)), 0) : 0,
      longTasksPerMin: round(longTasks.length / minutes, 2),
      curve: rec.samples.filter((s, i, a) => Number.isFinite(s.nelbo) && s.nelbo !== a[i - 1]?.nelbo)
        .map((s) => ({ seconds: round((s.t - tStart) / 1000, 1), step: s.step, nelbo: s.nelbo })),
    };
  } finally {
    await context.close();
  }
}

/**
 * Slider-to-pixels latency while training: set latent-slider-0 to a new value, dispatch the
 * input event, and time until decoded-digit's canvas pixels differ. Pixels are compared right
 * after the event and then at every macrotask (MessageChannel, no 4 ms clamp) so the figure is
 * not rounded up to animation frames. A weight snapshot landing during a trial could also change
 * the pixels; with snapshots every ~1.5 s and trials of a few ms that is rare.
 * Returns { skipped } when the slider hooks are not in the app yet.
 */
export async function sliderLatency(browser, url, { trials, warmSteps, log }) {
  const { context, page, errors } = await freshPage(browser);
  try {
    await page.goto(url);
    await waitForReady(page);
    await page.waitForTimeout(1000);
    const where = await findSectionWith(page, ['latent-slider-0', 'decoded-digit']);
    if (!where) {
      return { skipped: 'no [data-testid="latent-slider-0"] + [data-testid="decoded-digit"] on any section (sliders not built yet)' };
    }
    // Train from whatever screen holds the start button, then come back to the sliders.
    const sliderUrl = where;
    if (!(await page.locator('[data-testid="train-toggle"]').count())) await findSectionWith(page, ['train-toggle']);
    await installRecorder(page);
    const tStart = await pressStart(page);
    while ((await readNumber(page, 'metric-step')) < warmSteps) await page.waitForTimeout(500);
    if (page.url() !== sliderUrl) await page.evaluate((h) => { window.location.hash = new URL(h).hash; }, sliderUrl);
    await requireHook(page, 'latent-slider-0', 5000);
    await requireHook(page, 'decoded-digit', 5000);
    const result = await page.evaluate(runSliderTrials, { trials, timeoutMs: 1000 });
    const rec = await readRecorder(page);
    if (result.error) throw new MissingHookError(`bench: ${result.error}`);
    const ok = result.latencies.filter((v) => v !== null);
    if (ok.length < trials / 2) {
      throw new Error(`bench: decoded-digit's pixels changed after only ${ok.length} of ${trials} slider moves (within 1 s each)`);
    }
    log(`  ${ok.length}/${trials} slider moves changed the digit; ${result.timeouts} did not within 1 s`);
    const longTasks = rec.longTasks.filter((l) => l.t >= tStart);
    return {
      where: new URL(sliderUrl).hash || '/',
      trials, changed: ok.length, timeouts: result.timeouts,
      p50Ms: round(percentile(ok, 50), 2), p95Ms: round(percentile(ok, 95), 2), maxMs: round(Math.max(...ok), 2),
      canvas: result.canvas, probeReadbackMedianMs: round(result.readbackMedianMs, 2), lastDecodeMs: round(result.decodeMs, 2),
      longTasksWhileSliding: longTasks.length,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Runs inside the page (serialized by Playwright): no closures over Node values. */
export async function runSliderTrials({ trials, timeoutMs }) {
  const host = document.querySelector('[data-testid="latent-slider-0"]');
  const input = host?.matches('input') ? host : host?.querySelector('input');
  if (!input) return { error: 'latent-slider-0 holds no <input>; the bench drives the slider through its input element' };
  const digit = document.querySelector('[data-testid="decoded-digit"]');
  const canvas = digit?.matches('canvas') ? digit : digit?.querySelector('canvas');
  if (!canvas) return { error: 'decoded-digit is not (and holds no) <canvas>; the bench reads its pixels' };
  const scratch = document.createElement('canvas');
  scratch.width = canvas.width;
  scratch.height = canvas.height;
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  const pixels = () => {
    ctx.clearRect(0, 0, scratch.width, scratch.height);
    ctx.drawImage(canvas, 0, 0);
    return ctx.getImageData(0, 0, scratch.width, scratch.height).data;
  };
  const differs = (a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
    return false;
  };
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const min = Number(input.min || 0);
  const max = Number(input.max || 100);
  const latencies = [];
  const readbackMs = [];
  let timeouts = 0;
  const WARMUP = 3; // the first moves pay for first paints and JIT; not counted
  for (let i = 0; i < trials + WARMUP; i++) {
    // Alternate between the two halves of the range so every move is a visible change.
    const frac = i % 2 ? 0.05 + 0.35 * Math.random() : 0.6 + 0.35 * Math.random();
    const before = pixels();
    // The move is delivered as a task, the way a real input event waits behind whatever task the
    // page is running (a metrics flush, a plot redraw), not dispatched synchronously from here.
    const t0 = performance.now();
    const ms = await new Promise((resolve) => {
      const check = () => {
        // The pixels read here are the ones the canvas held when the check began: the probe's
        // own read-back (a copy through a second canvas, ~ms on a software GPU) is not the app's latency.
        const seenAt = performance.now();
        const now = pixels();
        readbackMs.push(performance.now() - seenAt);
        if (differs(before, now)) { resolve(seenAt - t0); return true; }
        if (performance.now() - t0 > timeoutMs) { resolve(null); return true; }
        return false;
      };
      let moved = false;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!moved) {
          moved = true;
          setValue.call(input, String(min + frac * (max - min)));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }
        if (!check()) channel.port2.postMessage(0); else channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
    if (i >= WARMUP) {
      if (ms === null) timeouts += 1;
      latencies.push(ms);
    }
    // A drag delivers input events tens of ms apart.
    await new Promise((r) => setTimeout(r, 30 + Math.random() * 50));
  }
  readbackMs.sort((a, b) => a - b);
  return { latencies, timeouts, canvas: `${canvas.width}x${canvas.height}`, readbackMedianMs: readbackMs[Math.floor(readbackMs.length / 2)] ?? null, decodeMs: Number(canvas.dataset.decodeMs ?? NaN) };
}

function round(x, digits) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Issue 11's costs on the shipped model, idle (not training): the held-out importance-weighted
 * estimate (1,000 test digits x 1,000 samples from q) as the worker times it, then one digit's
 * whole picture (grid, log p(x), both ELBOs, best Gaussian) for `digits` digits, median.
 */
export async function posteriorCosts(browser, url, { digits, log }) {
  const { context, page, errors } = await freshPage(browser);
  try {
    await page.goto(`${url}#/elbo`);
    await waitForReady(page);
    await requireHook(page, 'true-posterior', 10000);
    await page.getByTestId('model-load-pretrained').first().click();
    await page.waitForFunction(() => /trained in advance/.test(document.querySelector('[data-testid="model-source"]')?.textContent ?? ''), null, { timeout: 60000 });
    const until = Date.now() + 900_000;
    let iwaeTitle = null;
    while (Date.now() < until) {
      const el = page.getByTestId('metric-test-iwae').first();
      if (Number.isFinite(await readNumber(page, 'metric-test-iwae'))) {
        iwaeTitle = await el.locator('xpath=..').getAttribute('title');
        break;
      }
      await page.waitForTimeout(1000);
    }
    const iwaeSec = Number(/took ([\d.]+) s/.exec(iwaeTitle ?? '')?.[1]);
    const iwaeNats = await readNumber(page, 'metric-test-iwae');
    log(`  IWAE -log p(x) ${iwaeNats} nats in ${iwaeSec} s`);
    const times = [];
    for (let d = 1; d <= digits; d++) {
      await page.getByTestId('digit-input').fill(String(d));
      await page.getByTestId('digit-input').press('Enter');
      await page.waitForFunction((n) => document.querySelector('[data-testid="true-posterior"]')?.getAttribute('data-digit') === String(n), d, { timeout: 120000 });
      times.push(Number(await page.getByTestId('true-posterior').getAttribute('data-ms')));
    }
    log(`  one digit's picture: ${times.join(', ')} ms`);
    return { iwaeSec, iwaeNats, digitMs: times, digitMedianMs: median(times), errors };
  } finally {
    await context.close();
  }
}
