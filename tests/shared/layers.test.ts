import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The src/ folders (first path segment under src/) the files import, by relative specifier. */
function foldersImportedBy(files: string[], own: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = relative(SRC, normalize(join(dirname(file), match[1]!)));
      const top = target.split(/[\\/]/)[0]!;
      if (top === own) continue;
      found.set(top, [...(found.get(top) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

function importedFolders(folder: string): Map<string, string[]> {
  return foldersImportedBy(sourceFiles(join(SRC, folder)), folder);
}

const isFolder = (name: string) => statSync(join(SRC, name), { throwIfNoEntry: false })?.isDirectory() ?? false;

/** The README's drawing of which folder imports which: `from, from -> to (note), to`, `nothing`. */
function drawnArrows(): Map<string, string[]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /Which folder imports which[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no "Which folder imports which" drawing');
  const arrows = new Map<string, string[]>();
  for (const line of block.trim().split('\n')) {
    const [from = '', to = ''] = line.split('->');
    const targets = to.replace(/\([^)]*\)/g, '').split(',').map((t) => t.trim()).filter((t) => t && t !== 'nothing');
    for (const f of from.split(',')) arrows.set(f.trim(), targets.sort());
  }
  return arrows;
}

describe('layers', () => {
  // The page and the model share src/shared/ (types, weight layout, loss units) and src/math/;
  // the figures' toy math is in src/toy/. None of them may reach into the trained model's code.
  it.each(['plots', 'state', 'shared', 'settings', 'math', 'toy'])('src/%s imports nothing from src/model/', (folder) => {
    expect(importedFolders(folder).get('model') ?? []).toEqual([]);
  });

  // The settings schema defines the training settings' types with their bounds, so src/shared may
  // read it; the schema itself reads only the list of languages.
  it('src/shared, src/settings and src/math depend only on the floors below them', () => {
    expect([...importedFolders('math').keys()]).toEqual([]);
    expect([...importedFolders('shared').keys()].filter((k) => k !== 'math' && k !== 'settings')).toEqual([]);
    expect(importedFolders('settings').get('i18n') ?? []).toEqual(['src/settings/schema.ts']);
    expect([...importedFolders('settings').keys()].filter((k) => k !== 'i18n')).toEqual([]);
  });

  it('model code never imports React', () => {
    const offenders = sourceFiles(join(SRC, 'model')).filter((f) => /from ['"]react/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  // i18n is left out of the drawing (the README says who uses it); the shell is src/'s own files.
  it('the README\'s drawing is the imports, arrow for arrow, for every folder', () => {
    const drawn = drawnArrows();
    const folders = readdirSync(SRC).filter((n) => isFolder(n) && n !== 'i18n');
    expect([...drawn.keys()].sort()).toEqual(['shell', ...folders].sort());
    const shellFiles = readdirSync(SRC).filter((n) => /\.tsx?$/.test(n)).map((n) => join(SRC, n));
    for (const [from, imports] of [['shell', foldersImportedBy(shellFiles, '')], ...folders.map((f) => [f, importedFolders(f)] as const)] as const) {
      const actual = [...imports.keys()].filter((t) => isFolder(t) && t !== 'i18n').sort();
      expect(actual, `${from} -> ...`).toEqual(drawn.get(from));
    }
  });
});
