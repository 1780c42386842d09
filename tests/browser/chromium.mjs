// Finds Debian's Chromium, installing it when missing (a fresh CI machine has none; we are
// root there), and launches it with the flags shared/BROWSER-TESTING.md found to work.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

function findChromium() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function ensureChromium() {
  let path = findChromium();
  if (path) return path;
  console.log('Chromium not found: installing Debian\'s chromium package (apt-get)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  path = findChromium();
  if (!path) throw new Error('Chromium is still missing after apt-get install chromium');
  return path;
}

export async function launchChromium() {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    // No --use-gl flags: with them tfjs's webgl backend fails and silently falls back.
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic'],
  });
}
