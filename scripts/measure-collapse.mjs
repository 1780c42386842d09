#!/usr/bin/env node
// Measures posterior collapse from the shipped pretrained VAE at several betas (tfjs wasm in node),
// the numbers behind BETA_MAX and the KL page's "See it" paragraph.
// Usage: node scripts/measure-collapse.mjs [--steps 400] [--betas 20,50,100] [--lrs 0.01,0.001]
import { createServer } from 'vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const vite = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'custom', logLevel: 'warn' });
try {
  const { runCollapse } = await vite.ssrLoadModule('/scripts/collapseJob.ts');
  const runs = await runCollapse({
    file: resolve(root, 'public/pretrained/vae-latent2.vaelab'),
    betas: arg('betas', '20,50,100').split(',').map(Number),
    learningRates: arg('lrs', '0.01,0.001').split(',').map(Number),
    steps: Number(arg('steps', 400)),
    thresholdNats: 0.1,
    log: (s) => console.log(s),
  });
  console.table(runs);
} finally {
  await vite.close();
}
