#!/usr/bin/env node
// Issue 13's sample-efficiency sweep: the app's trainer (tfjs-wasm in Node, one thread) under
// each schedule of scripts/sweepJob.ts, three seeds, samples to held-out -ELBO < 165 and < 155.
// Usage: node scripts/sweep.mjs [--only 0,3] [--seeds 1,2,3] [--cap 500000] > bench/out/sweep.jsonl
import { createServer } from 'vite';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opt = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const vite = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'custom', logLevel: 'warn' });
try {
  const { runSweep, SCHEDULES } = await vite.ssrLoadModule('/scripts/sweepJob.ts');
  const only = opt('only', null);
  const schedules = only ? only.split(',').map((i) => SCHEDULES[Number(i)]) : SCHEDULES;
  await runSweep({
    schedules,
    seeds: opt('seeds', '1,2,3').split(',').map(Number),
    capSamples: Number(opt('cap', 500000)),
    evalEverySamples: Number(opt('eval-every', 3200)),
    log: (s) => console.log(s),
  });
} finally {
  await vite.close();
}
