#!/usr/bin/env node
// Trains the "skip ahead" models that ship with the app, seeded and reproducible, and writes
// them uint8-quantized to public/pretrained/ (committed: small, and produced only by this script).
// Usage: npm run pretrain [-- --steps 30000 --cvae-steps 2000 --only ae-latent2.vaelab,vae-latent2.vaelab]
// (the default step count is PRETRAIN_STEPS in scripts/pretrainJob.ts)
// (--only retrains the named files and keeps the other entries of index.json.)
// --continue N --only <files>: trains those committed unconditional files N more steps instead
// (see continueShipped in scripts/pretrainJob.ts for why this exists).
// Runs the app's own TypeScript model code through Vite's SSR loader, on tfjs's wasm backend.
import { createServer } from 'vite';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const steps = arg('steps', undefined);
const cvaeSteps = arg('cvae-steps', 2000);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : undefined;

const vite = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'custom', logLevel: 'warn' });
try {
  const { runPretrain } = await vite.ssrLoadModule('/scripts/pretrainJob.ts');
  const outDir = join(root, 'public', 'pretrained');
  mkdirSync(outDir, { recursive: true });
  const more = arg('continue', 0);
  const { continueShipped } = await vite.ssrLoadModule('/scripts/pretrainJob.ts');
  const results = [];
  if (more > 0) {
    for (const file of only ?? []) {
      const entry = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')).find((e) => e.file === file);
      const r = await continueShipped({ file, bytes: new Uint8Array(readFileSync(join(outDir, file))), steps: more, log: (s) => console.log(s) });
      results.push({ ...entry, ...r, file });
    }
  } else {
    results.push(...await runPretrain({ steps, cvaeSteps, only, log: (s) => console.log(s) }));
  }
  for (const r of results) {
    writeFileSync(join(outDir, r.file), r.bytes);
    console.log(`wrote public/pretrained/${r.file}: ${r.bytes.length} bytes, held-out -ELBO ${r.testNelbo.toFixed(1)} nats after ${r.steps} steps`);
  }
  const indexPath = join(outDir, 'index.json');
  const fresh = results.map((r) => ({
    file: r.file, label: r.label, steps: r.steps, testNelbo: Number(r.testNelbo.toFixed(2)), conditional: r.conditional,
    ...(r.kind ? { kind: r.kind } : {}),
  }));
  const kept = only && existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, 'utf8')).filter((e) => !fresh.some((f) => f.file === e.file)) : [];
  writeFileSync(indexPath, JSON.stringify([...kept, ...fresh], null, 2));
} finally {
  await vite.close();
}
