import { createServer } from 'node:http';
import { waitForNumber, waitForReady } from './helpers.mjs';

// The runner fails any test whose page requests another origin or logs a console error; these
// tests add the policies themselves (as headers on the page and on each worker's script, the
// page's also as <meta>) and their violation events, on the page and inside the workers.

/** Directives of a policy string, name -> list of sources. */
function directives(policy) {
  return new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name, v]));
}

function expectSources(policy, name, wanted, what) {
  const got = directives(policy).get(name);
  if (!got || got.slice().sort().join(' ') !== wanted.slice().sort().join(' ')) {
    throw new Error(`${what}: ${name} should be "${wanted.join(' ')}", got "${got?.join(' ')}" in: ${policy}`);
  }
}

/** The page runs no wasm and no blob: script; the workers compile wasm and fetch their own origin only. */
function checkPagePolicy(policy, what) {
  expectSources(policy, 'default-src', ["'self'"], what);
  expectSources(policy, 'script-src', ["'self'"], what);
  expectSources(policy, 'connect-src', ["'self'"], what);
  expectSources(policy, 'style-src', ["'self'"], what);
  expectSources(policy, 'style-src-attr', ["'unsafe-inline'"], what);
  expectSources(policy, 'object-src', ["'none'"], what);
}

function checkWorkerPolicy(policy, what) {
  expectSources(policy, 'default-src', ["'none'"], what);
  expectSources(policy, 'script-src', ["'self'", "'wasm-unsafe-eval'", 'blob:'], what);
  expectSources(policy, 'worker-src', ['blob:'], what);
  expectSources(policy, 'connect-src', ["'self'"], what);
}

/**
 * Another origin (another port) that would answer anyone: CORS and CORP allow it, so a fetch
 * that reaches it succeeds. Counts the requests that arrive, to tell "blocked by the policy"
 * from "failed on the network".
 */
async function startForeignOrigin() {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Content-Type': 'text/plain',
    });
    res.end('exfiltrated');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    hits: () => hits,
    close: () => new Promise((r) => server.close(r)),
  };
}

/**
 * Runs in a worker (Playwright evaluates it there): fetch the foreign origin and report what the
 * policy said. Then the same from a blob: worker this worker starts, the way tfjs-wasm starts its
 * threads, which must inherit this worker's policy.
 */
async function probeFromWorker(target) {
  const probe = async (url) => {
    const seen = [];
    const listen = (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, policy: e.originalPolicy });
    self.addEventListener('securitypolicyviolation', listen);
    let outcome;
    try {
      const res = await fetch(url, { mode: 'cors' });
      outcome = `fetched: ${res.status} ${await res.text()}`;
    } catch (err) {
      outcome = `rejected: ${err}`;
    }
    await new Promise((r) => setTimeout(r, 200));
    self.removeEventListener('securitypolicyviolation', listen);
    return { outcome, seen };
  };
  const own = await probe(`${target}/from-worker`);
  const source = `const probe = ${probe.toString()}; probe(${JSON.stringify(`${target}/from-blob-thread`)}).then((r) => postMessage(r));`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const thread = await new Promise((resolve) => {
    const w = new Worker(blobUrl);
    w.onmessage = (e) => { resolve(e.data); w.terminate(); };
    w.onerror = (e) => { resolve({ outcome: `blob worker failed to start: ${e.message}`, seen: [] }); w.terminate(); };
  });
  URL.revokeObjectURL(blobUrl);
  return { own, thread };
}

function expectBlocked(result, target, what) {
  if (!result.outcome.startsWith('rejected')) throw new Error(`${what}: the foreign fetch was not refused (${result.outcome})`);
  const hit = result.seen.find((v) => v.directive === 'connect-src' && v.blocked.startsWith(target));
  if (!hit) throw new Error(`${what}: no connect-src violation reported for ${target}: ${JSON.stringify(result.seen)}`);
  checkWorkerPolicy(hit.policy, `${what}, the policy that refused it`);
}

export const tests = [
  {
    name: 'the page and worker scripts carry their own policies as headers; a foreign fetch inside the trainer worker and a blob: thread it starts is refused and reported; wasm on 2 threads still trains',
    timeoutMs: 240000,
    async run({ page, url }) {
      const foreign = await startForeignOrigin();
      try {
        const workerScripts = new Map();
        page.on('response', (r) => {
          if (/\/assets\/workers\/\w+-[\w-]+\.js$/.test(new URL(r.url()).pathname)) workerScripts.set(r.url(), r.headers()['content-security-policy']);
        });
        const response = await page.goto(`${url}?backend=wasm&threads=2`);
        checkPagePolicy(response.headers()['content-security-policy'], 'the page header');
        expectSources(response.headers()['content-security-policy'], 'frame-ancestors', ["'none'"], 'the page header');
        checkPagePolicy(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), 'the page <meta>');
        await waitForReady(page);
        const note = (await page.locator('.backend-note').first().textContent())?.trim() ?? '';
        if (!/; 2 threads/.test(note)) throw new Error(`wasm should run 2 threads here, the note says "${note}"`);
        const trainerUrl = [...workerScripts.keys()].find((u) => /trainWorker-/.test(u));
        if (!trainerUrl) throw new Error(`the trainer's script was not served from assets/workers/: ${[...workerScripts.keys()].join(', ')}`);
        checkWorkerPolicy(workerScripts.get(trainerUrl), 'the trainer script header');

        const trainer = page.workers().find((w) => w.url() === trainerUrl);
        if (!trainer) throw new Error(`trainer worker not found among ${page.workers().map((w) => w.url()).join(', ')}`);
        const { own, thread } = await trainer.evaluate(probeFromWorker, foreign.origin);
        expectBlocked(own, foreign.origin, 'the trainer worker');
        expectBlocked(thread, foreign.origin, 'a blob: worker started by the trainer');
        if (foreign.hits() !== 0) throw new Error(`${foreign.hits()} request(s) reached the other origin`);

        await page.getByTestId('train-toggle').first().click();
        await waitForNumber(page, 'metric-step', (v) => v >= 20, 90000);
        const loss = Number(/-?\d+(\.\d+)?/.exec(await page.getByTestId('metric-loss').first().textContent() ?? '')?.[0]);
        if (!Number.isFinite(loss)) throw new Error(`loss is ${loss}`);
        await page.getByTestId('train-toggle').first().click();
      } finally {
        await foreign.close();
      }
    },
  },
  {
    name: 'the built site carries a strict CSP and a full walk breaks none of it',
    timeoutMs: 240000,
    async run({ page, url }) {
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await page.goto(url);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      checkPagePolicy(csp, 'the page <meta>');
      if (/unsafe-eval|https?:|\*/.test(csp)) throw new Error(`CSP too loose: ${csp}`);
      await waitForReady(page);
      await page.getByTestId('train-toggle').first().click();
      await waitForNumber(page, 'metric-step', (v) => v >= 5, 60000);
      const links = [...new Set(await page.locator('[data-testid="nav"] [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))];
      if (links.length < 8) throw new Error(`expected at least 8 nav links, found ${links.length}`);
      for (const id of links) {
        const link = page.getByTestId(id).first();
        if (!(await link.isVisible())) {
          const toggle = page.getByTestId('nav-toggle');
          if (await toggle.count()) await toggle.first().click();
        }
        await link.click();
        await page.getByTestId(`page-${id.slice(4)}`).waitFor({ timeout: 20000 });
        await page.waitForTimeout(800);
      }
      await page.getByTestId('page-cvae').waitFor();
      const violations = await page.evaluate(() => window.__cspViolations);
      if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
    },
  },
];
