// Issue 12, items 1-4: saves per tab, losses said in words, saving when hidden, links over saves.
import { readNumber, waitForNumber } from './helpers.mjs';

// This machine can be loaded far beyond its cores: allow slow page loads and MNIST downloads.
async function waitForReady(page) {
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-toggle"]');
    return b && !b.disabled;
  }, null, { timeout: 240000 });
}

/** Trains until the step reaches `atLeast`, pauses, and waits until a save holds the step shown. */
async function trainAndSave(page, atLeast) {
  await page.getByTestId('train-toggle').first().click();
  await waitForNumber(page, 'metric-step', (v) => v >= atLeast, 90000);
  await page.getByTestId('train-toggle').first().click();
  await page.waitForFunction(() => /resume/i.test(document.querySelector('[data-testid="train-toggle"]')?.textContent ?? ''), null, { timeout: 30000 });
  const until = Date.now() + 30000;
  while (Date.now() < until) {
    const shown = await readNumber(page, 'metric-step');
    // This tab's own save: another tab's (or an offered) save can hold the same step number.
    const saved = await savedSteps(page, await page.evaluate(() => sessionStorage.getItem('vae-lab:main:owner')));
    if (saved.includes(shown)) {
      if (process.env.SAVES_DEBUG) console.log(`    shown ${shown}, saved ${saved}`);
      return shown;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no save of the step shown (${await readNumber(page, 'metric-step')}; saves ${await savedSteps(page)})`);
}

/** The steps of every save of the main model in this browser (one per owner; or only `owner`'s), read from IndexedDB. */
function savedSteps(page, owner = null) {
  return page.evaluate((owner) => new Promise((resolve, reject) => {
    const req = indexedDB.open('vae-lab', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const s = db.transaction('saves').objectStore('saves');
      const keys = s.getAllKeys();
      keys.onsuccess = () => {
        const ptrs = keys.result.filter((k) => (owner ? k === `main:${owner}:current` : /^main:.*:current$/.test(k)));
        const out = [];
        if (!ptrs.length) { db.close(); resolve(out); return; }
        for (const k of ptrs) {
          const g = s.get(k);
          g.onsuccess = () => {
            out.push(g.result?.step ?? NaN);
            if (out.length === ptrs.length) { db.close(); resolve(out); }
          };
        }
      };
    };
  }), owner);
}

async function noteKind(page, timeout = 60000) {
  const el = page.getByTestId('restore-notice');
  await el.waitFor({ timeout });
  return el.getAttribute('data-kind');
}

export const tests = ([
  {
    name: 'two tabs keep their own saves: B saving twice and "Start fresh" in B leave A\'s model, and each reload opens its own',
    timeoutMs: 600000,
    async run({ page: a, url, context }) {
      await a.goto(url, { timeout: 120000 });
      await waitForReady(a);
      const stepA = await trainAndSave(a, 4);

      const b = await context.newPage();
      await b.goto(url, { timeout: 120000 });
      await waitForReady(b);
      // A is open: B gets a copy of A's model, and says so.
      if ((await noteKind(b)) !== 'copyOfOpenTab') throw new Error('B does not say it holds a copy of the open tab\'s model');
      await waitForNumber(b, 'metric-step', (v) => v === stepA, 20000);
      await b.getByTestId('restore-fresh').click();
      await waitForNumber(b, 'metric-step', (v) => v === 0 || Number.isNaN(v), 10000);
      await trainAndSave(b, 2);
      const stepB = await trainAndSave(b, (await readNumber(b, 'metric-step')) + 2);
      const steps = (await savedSteps(b)).sort((x, y) => x - y);
      if (steps.length !== 2 || !steps.includes(stepA) || !steps.includes(stepB)) throw new Error(`saves after B saved twice: ${steps} (A ${stepA}, B ${stepB})`);

      // A reloads: its own model, not B's newer one; B's is listed.
      await a.reload({ timeout: 120000 });
      await a.getByTestId('restore-banner').waitFor({ timeout: 60000 });
      await waitForNumber(a, 'metric-step', (v) => v === stepA, 20000);
      const listed = await a.getByTestId('other-save').allTextContents();
      if (listed.length !== 1 || !listed[0].includes(String(stepB))) throw new Error(`A lists ${JSON.stringify(listed)}, expected B's step ${stepB}`);
      // A saves again (now the newest); B reloads and still opens its own.
      const stepA2 = await trainAndSave(a, stepA + 2);
      await b.reload({ timeout: 120000 });
      await b.getByTestId('restore-banner').waitFor({ timeout: 60000 });
      await waitForNumber(b, 'metric-step', (v) => v === stepB, 20000);
      // "Start fresh" in B removes B's save only.
      await b.getByTestId('restore-fresh').click();
      await waitForNumber(b, 'metric-step', (v) => v === 0 || Number.isNaN(v), 10000);
      await b.waitForTimeout(500);
      const left = await savedSteps(b);
      if (left.length !== 1 || left[0] !== stepA2) throw new Error(`after Start fresh in B the saves are ${left}, expected only A's ${stepA2}`);
      await b.close();
      await a.reload({ timeout: 120000 });
      await waitForNumber(a, 'metric-step', (v) => v === stepA2, 60000);
    },
  },
  {
    name: 'a shared link wins over a save, which is offered; opening it restores it; a reload of the link\'s own model restores that',
    timeoutMs: 600000,
    async run({ page, url }) {
      await page.goto(url, { timeout: 120000 });
      await waitForReady(page);
      const saved = await trainAndSave(page, 4);
      await page.goto(`${url}?latent=8&beta=4`, { timeout: 120000 });
      await waitForReady(page);
      await page.getByTestId('saved-model-offer').waitFor({ timeout: 30000 });
      const offer = await page.getByTestId('saved-model-offer').textContent();
      if (!offer.includes(String(saved)) || !/latent size 2/.test(offer)) throw new Error(`the offer does not describe the save: ${offer}`);
      await page.waitForTimeout(1500); // a restore, if one were coming, would have landed by now
      if (await page.getByTestId('restore-banner').count()) throw new Error('the save was restored over the link');
      const latent = await page.getByTestId('latent-size').inputValue();
      if (latent !== '8') throw new Error(`the link asked for latent 8, the page shows ${latent}`);
      if (!/latent=8/.test(page.url()) || !/beta=4/.test(page.url())) throw new Error(`the URL was rewritten: ${page.url()}`);
      // The link's model trains and saves under its own key; the offered save is still there.
      const linkStep = await trainAndSave(page, 2);
      const steps = await savedSteps(page);
      if (!steps.includes(saved) || !steps.includes(linkStep)) throw new Error(`saves ${steps}: expected ${saved} and ${linkStep}`);
      // A reload of this tab's own URL restores its own (latent-8) model.
      await page.reload({ timeout: 120000 });
      await page.getByTestId('restore-banner').waitFor({ timeout: 60000 });
      await waitForNumber(page, 'metric-step', (v) => v === linkStep, 20000);
      if ((await page.getByTestId('latent-size').inputValue()) !== '8') throw new Error('the reload did not keep latent 8');
      // The earlier save is listed; opening it brings it back, latent 2, and the URL follows.
      await page.getByTestId('other-saves').click();
      await page.getByTestId('other-save-open').click();
      await page.getByTestId('confirm-replace').waitFor({ timeout: 3000 }).then(() => page.getByTestId('confirm-replace').getByRole('button', { name: /replace/i }).click()).catch(() => {});
      await waitForNumber(page, 'metric-step', (v) => v === saved, 20000);
      await page.waitForFunction(() => !/latent=8/.test(window.location.search), null, { timeout: 10000 });
      // And the offer itself opens a save: a fresh link again, then "Open my saved model".
      await page.goto(`${url}?latent=4`, { timeout: 120000 });
      await waitForReady(page);
      await page.getByTestId('saved-model-open').click({ timeout: 30000 });
      await page.getByTestId('restore-banner').waitFor({ timeout: 30000 });
      await page.getByTestId('saved-model-offer').waitFor({ state: 'detached', timeout: 10000 });
    },
  },
  {
    name: 'an unreadable newest save falls back to the older with a notice; a cleared store and no IndexedDB are said in words',
    timeoutMs: 600000,
    async run({ page, url, context }) {
      await page.goto(url, { timeout: 120000 });
      await waitForReady(page);
      const first = await trainAndSave(page, 3);
      const second = await trainAndSave(page, first + 2);
      if (second <= first) throw new Error(`two saves expected, steps ${first}, ${second}`);
      // Garbage in the slot the pointer names: a torn write, a bit flip, a bug.
      await page.evaluate(() => new Promise((resolve, reject) => {
        const req = indexedDB.open('vae-lab', 1);
        req.onsuccess = () => {
          const db = req.result;
          const t = db.transaction('saves', 'readwrite');
          const s = t.objectStore('saves');
          const keys = s.getAllKeys();
          keys.onsuccess = () => {
            const ptr = keys.result.find((k) => /^main:.*:current$/.test(k));
            const g = s.get(ptr);
            g.onsuccess = () => {
              const rec = s.get(ptr.replace(/current$/, g.result.slot));
              rec.onsuccess = () => s.put({ ...rec.result, bytes: new TextEncoder().encode('VAELAB\u0001\u0000garbage') }, ptr.replace(/current$/, g.result.slot));
            };
          };
          t.oncomplete = () => { db.close(); resolve(); };
          t.onerror = () => reject(t.error);
        };
      }));
      await page.reload({ timeout: 120000 });
      if ((await noteKind(page)) !== 'olderSlot') throw new Error('no notice of the fallback');
      await waitForNumber(page, 'metric-step', (v) => v === first, 20000);
      const text = await page.getByTestId('restore-notice').textContent();
      if (!/could not be read/.test(text)) throw new Error(`notice: ${text}`);

      // The browser clears the site's storage (eviction): the reload says the model is gone.
      await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('vae-lab'); r.onsuccess = r.onerror = r.onblocked = () => resolve(); }));
      await page.reload({ timeout: 120000 });
      if ((await noteKind(page)) !== 'evicted') throw new Error('eviction looked like a first visit');
      const gone = await page.getByTestId('restore-notice').textContent();
      if (!/is gone/.test(gone)) throw new Error(`notice: ${gone}`);

      // No IndexedDB at all (a private window in some browsers).
      const p = await context.newPage();
      await p.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
      await p.goto(url, { timeout: 120000 });
      if ((await noteKind(p)) !== 'noStorage') throw new Error('a browser without storage was not told');
      await p.close();
    },
  },
  {
    name: 'hiding the page saves at once; closing a tab mid-training loses only the last few seconds of training (measured)',
    timeoutMs: 600000,
    async run({ page, url, context }) {
      // Main-thread long tasks (> 50 ms) of every page of this test, to say what the saves cost the page.
      await context.addInitScript(() => {
        window.__longTasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration });
          }).observe({ type: 'longtask', buffered: false });
        } catch { /* no long task timing in this browser */ }
      });
      await page.goto(url, { timeout: 120000 });
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 3, 90000);
      const hiddenAt = await readNumber(page, 'metric-step');
      // Training saves every few seconds: one may hold this step already. The hide must save a newer one.
      const savedBefore = Math.max(-1, ...(await savedSteps(page)));
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      const t0 = Date.now();
      let steps = [];
      const fresh = () => steps.some((v) => v >= hiddenAt && v > savedBefore);
      while (Date.now() - t0 < 10000 && !fresh()) {
        await page.waitForTimeout(100);
        steps = await savedSteps(page);
      }
      if (!fresh()) throw new Error(`no save within 10 s of hiding (saves ${steps}, step at hide ${hiddenAt}, saved before ${savedBefore})`);
      console.log(`    hidden at step ${hiddenAt}: saved step ${steps[0]} after ${Date.now() - t0} ms`);
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });

      // Close the tab while it trains, at two moments after the last save we saw, and reopen. A
      // save begun as the tab closes does not land: what is lost is what trained since the last
      // save, so the cadence (every max(5 s, 20 x a save's duration)) bounds it. The bounds below
      // are written out, not read from the app: a cadence back at 30 s must fail at the 20 s wait.
      const lost = [];
      let p = page;
      for (const waitMs of [5000, 20000]) {
        await waitForNumber(p, 'metric-step', (v) => v > 0, 60000);
        const saved = Math.max(...(await savedSteps(p)));
        const startedAt = await readNumber(p, 'metric-step');
        const tasksFrom = await p.evaluate(() => performance.now());
        await p.waitForTimeout(waitMs);
        const atClose = await readNumber(p, 'metric-step');
        const secondsAtClose = Number(await p.evaluate(() => window.vaeLabDebug?.trainedSeconds?.() ?? NaN));
        const saveMs = Number(await p.evaluate(() => window.vaeLabDebug?.lastSaveMs?.() ?? NaN));
        const parts = await p.evaluate(() => window.vaeLabDebug?.lastSaveParts?.() ?? {});
        const longTasks = await p.evaluate((from) => (window.__longTasks ?? []).filter((e) => e.at >= from).map((e) => Math.round(e.ms)), tasksFrom);
        await p.close({ runBeforeUnload: true });
        p = await context.newPage();
        await p.goto(url, { timeout: 120000 });
        await waitForReady(p);
        await p.getByTestId('restore-banner').waitFor({ timeout: 60000 });
        const restored = await waitForNumber(p, 'metric-step', (v) => v > 0, 20000);
        const secondsRestored = Number(await p.evaluate(() => window.vaeLabDebug?.trainedSeconds?.() ?? NaN));
        const intervalS = Math.min(30, Math.max(5, (20 * saveMs) / 1000));
        const row = {
          waitMs, saveMs: Math.round(saveMs), mainMs: Math.round(parts.mainMs * 10) / 10, workerMs: Math.round(parts.workerMs),
          intervalS: Math.round(intervalS * 10) / 10, saved, atClose, restored, lostSteps: atClose - restored,
          lostSeconds: Math.round((secondsAtClose - secondsRestored) * 100) / 100,
          stepsPerSec: Math.round(((atClose - startedAt) / waitMs) * 1000 * 10) / 10, longTasks,
        };
        lost.push(row);
        console.log(`    close after ${waitMs / 1000} s: ${JSON.stringify(row)}`);
        if (restored < saved) throw new Error(`the reopened tab has step ${restored}, older than the last save ${saved}`);
        if (!Number.isFinite(saveMs)) throw new Error('no save landed while the tab trained');
        // What trained since the last save: at most the interval, plus the save's own time, plus a
        // generous margin for a shared, noisy machine (seconds of training time, not of wall time).
        if (row.lostSeconds > intervalS + saveMs / 1000 + 5) throw new Error(`a close lost ${row.lostSeconds} s of training (interval ${intervalS} s): ${JSON.stringify(row)}`);
        // 20 s of training with saves due every <= 15 s: a save made during the wait must be what reopened.
        if (waitMs >= 20000 && intervalS <= 15 && restored <= saved) throw new Error(`no save landed in ${waitMs / 1000} s of training (interval ${intervalS} s): ${JSON.stringify(row)}`);
        await p.getByTestId('train-toggle').first().click();
      }
      console.log(`    close losses: ${JSON.stringify(lost.map(({ waitMs, lostSteps, lostSeconds }) => ({ waitMs, lostSteps, lostSeconds })))}`);
    },
  },
]).filter((t) => !process.env.SAVES_ONLY || t.name.includes(process.env.SAVES_ONLY));
