/**
 * What the model host's page loads before its first call: the modules its entry imports statically, which the
 * build puts in the chunks the page preloads. The geo data files' URLs are not among them: the geocoder loads
 * their list with the first file it needs (bundledUrls.ts). Imported statically, that list and the chunk of map
 * data addresses the UI's map shares with it were preloaded by the model host's page, before any call needed them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative modules a file imports or re-exports at run time (type-only imports are erased). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const resolved = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
      (candidate) => existsSync(candidate) && !candidate.endsWith('/') && /\.tsx?$/.test(candidate),
    );
    if (resolved) found.push(resolved);
  }
  return found;
}

function startPath(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

describe("the model host's start", () => {
  const modules = startPath('src/renderer/model-host/main.ts');

  it('follows the static imports from the entry (the host, the database and its upgrades)', () => {
    const names = [...modules].map((m) => path.relative('src', m));
    expect(names).toContain(path.join('model', 'host', 'serve.ts'));
    expect(names).toContain(path.join('model', 'db', 'schema.ts'));
    expect(names).toContain(path.join('model', 'import', 'geo', 'bundledFiles.ts'));
  });

  it('names no bundled file URL: the geo files are listed on the first one the geocoder needs', () => {
    const withUrls = [...modules].filter((m) => /import\.meta\.glob\(|\?url['"]/.test(readFileSync(m, 'utf8')));
    expect(withUrls.map((m) => path.relative('src', m))).toEqual([]);
  });
});
