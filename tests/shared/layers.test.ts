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

/** The src/ folders (first path segment under src/) each file of `folder` imports, by relative specifier. */
function importedFolders(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(SRC, folder))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = relative(SRC, normalize(join(dirname(file), match[1]!)));
      const top = target.split(/[\\/]/)[0]!;
      if (top === folder) continue;
      found.set(top, [...(found.get(top) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
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
});
