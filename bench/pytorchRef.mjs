// Finds (or installs) Debian's PyTorch and runs bench/pytorch_vae.py. Skips with a clear line,
// never silently, when torch cannot be had.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const here = import.meta.dirname;

function hasTorch(python) {
  return spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;
}

function findPython() {
  // Debian's python3 first: python3-torch installs there, not into pyenv's python3 on PATH.
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  return candidates.find((p) => (p.includes('/') ? existsSync(p) : true) && hasTorch(p)) ?? null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages, log) {
  if (!isRoot()) return false;
  log(`  installing ${packages.join(' ')} with apt-get (Debian packages)…`);
  const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

const dpkgHas = (pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;

/**
 * Returns { python } or { skipped }. Debian's torch calls whatever libblas.so.3 points to; the
 * reference (netlib) BLAS there is ~15x slower than OpenBLAS, which would make the peer a
 * strawman, so OpenBLAS is installed alongside it.
 */
export function ensureTorch(log) {
  let python = findPython();
  if (!python) {
    if (!aptInstall(['python3-torch', 'libopenblas0-pthread'], log)) {
      return { skipped: isRoot() ? 'apt-get install python3-torch failed' : 'python3-torch is missing and we are not root to install it' };
    }
    python = findPython();
    if (!python) return { skipped: 'python3-torch installed but `import torch` still fails' };
  }
  if (!dpkgHas('libopenblas0-pthread') && !dpkgHas('libopenblas0-openmp') && !dpkgHas('libopenblas0-serial')) {
    if (!aptInstall(['libopenblas0-pthread'], log)) log('  ! OpenBLAS missing and not installable: PyTorch will run on whatever BLAS is there (see results.pytorch.blas)');
  }
  return { python };
}

/**
 * Threads for the peer: a short run with 1 thread and one with every core, the faster wins,
 * judged by samples over the whole trial, stalls included. On a quiet 2-core machine 2 threads
 * win; when other jobs share the cores, OpenBLAS's spinning threads stall some steps (measured
 * here: 726 vs 18 ms per step; and a 2-thread run whose median step said 10,500 samples/s but
 * whose whole run managed 5,900), and a user would not keep that setting.
 */
export async function pickThreads(python, { cores, dataDir, log }) {
  const tried = {};
  for (const threads of [...new Set([1, cores])]) {
    const r = await runPytorch(python, { capSec: 8, dataDir, threads, log: () => {} });
    tried[threads] = r.meanSamplesPerSec ?? r.samplesPerSec;
  }
  const best = Number(Object.entries(tried).sort((a, b) => b[1] - a[1])[0][0]);
  log(`  threads tried (samples/s over a whole 8 s run): ${Object.entries(tried).map(([t, v]) => `${t}: ${v}`).join(', ')}; using ${best}`);
  return { threads: best, tried };
}

export function runPytorch(python, { capSec, dataDir, threads = 0, seed = 1, log }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, [resolve(here, 'pytorch_vae.py'), '--data', dataDir, '--max-seconds', String(capSec), '--threads', String(threads), '--seed', String(seed)],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    let lastLog = 0;
    child.stderr.on('data', (d) => {
      const lines = String(d).trim().split('\n');
      // Progress every ~30 s; Python errors in full.
      for (const line of lines.filter(Boolean)) {
        if (!line.startsWith('step ')) log(`  pytorch: ${line}`);
        else if (Date.now() - lastLog > 30000) { log(`  pytorch: ${line}`); lastLog = Date.now(); }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) { reject(new Error(`bench: pytorch_vae.py exited with ${code}`)); return; }
      try { resolvePromise(JSON.parse(last)); } catch (e) { reject(new Error(`bench: pytorch_vae.py printed no JSON: ${e.message}`)); }
    });
  });
}
