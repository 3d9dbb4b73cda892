// The docs and the code's comments name files of the repository, so that a reader can open them: every name must
// lead to a file (or folder) that exists, and nothing may point outside the repository (issue #13: the docs belong
// to the repository). A file moved or renamed without its mentions fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the repository's own files live (what a doc or a comment may name). */
const topFolders = ['src', 'test', 'bench', 'scripts', 'docs', 'resources', 'bin', '.ci'];
const skipped = new Set(['node_modules', 'screenshots', '.profiles', '.data', '.dist']);

function walk(folder: string, into: string[]): string[] {
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      into.push(`${relative}/`);
      walk(relative, into);
    } else into.push(relative);
  }
  return into;
}

const rootFiles = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => e.name);
const files = [...rootFiles, ...topFolders.flatMap((folder) => walk(folder, [`${folder}/`]))];
const known = new Set(files.map((f) => f.replace(/\/$/, '')));
// Folders git ignores are the outputs a doc may name (where the e2e screenshots land), absent from a fresh clone.
for (const line of readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')) {
  if (/^[\w.-]+(\/[\w.-]+)*\/$/.test(line)) known.add(line.replace(/\/$/, ''));
}

/**
 * Whether a name leads to a file or folder: from the repository's root, from the citing file's folder, or as the
 * end of exactly one path ("service/index.ts" for src/model/service/index.ts). A name that ends several paths
 * does not say which it means.
 */
function resolves(name: string, from: string): boolean {
  const clean = name.replace(/\/$/, '');
  if (known.has(clean)) return true;
  const relative = path.posix.normalize(path.posix.join(path.posix.dirname(from), clean));
  if (known.has(relative)) return true;
  const tail = `/${clean.replace(/^(\.\.?\/)+/, '')}`;
  return new Set(files.filter((f) => f.replace(/\/$/, '').endsWith(tail))).size === 1;
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const docs = ['README.md', ...files.filter((f) => /^docs\/[^/]+\.md$/.test(f))];
/** The team's design notes and the machine's folders, which the product must not cite (spelled so as not to match here). */
const outside = new RegExp(`\\b(?:${['ARCHITECTURE', 'DOMAIN'].join('|')})\\.md\\b|/${'work'}/`);

/** The names a Markdown file gives: paths from a top folder anywhere, code spans that look like paths, links. */
function namesInMarkdown(text: string): string[] {
  const names: string[] = [];
  const fromTop = new RegExp(`(?<![\\w./-])(?:${topFolders.join('|').replace('.', '\\.')})/[\\w.@/-]*\\w`, 'g');
  for (const m of text.matchAll(fromTop)) names.push(m[0]);
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    const span = m[1];
    if (/^[\w.@-]+(\/[\w.@-]+)*\/[\w.@-]+\.\w+$/.test(span) || /^[\w.@-]+(\/[\w.@-]+)+\/$/.test(span)) names.push(span);
  }
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!/^(https?:|#|mailto:)/.test(m[1])) names.push(m[1].replace(/#.*$/, ''));
  }
  return names;
}

describe('the docs', () => {
  it('are linked from the README', () => {
    const readme = read('README.md');
    for (const doc of docs.filter((d) => d !== 'README.md')) expect(readme, doc).toContain(`(${doc})`);
  });

  for (const doc of docs) {
    it(`${doc} names only files and folders that exist, inside the repository`, () => {
      const text = read(doc);
      const names = namesInMarkdown(text);
      expect(names.length).toBeGreaterThan(0);
      const missing = names.filter((name) => !resolves(name, doc));
      expect(missing).toEqual([]);
      const escaping = names.filter((name) =>
        path.posix.normalize(path.posix.join(path.posix.dirname(doc), name)).startsWith('..'),
      );
      expect(escaping).toEqual([]);
      expect(text).not.toMatch(outside);
    });
  }
});

describe("the code's comments", () => {
  const code = [
    ...rootFiles.filter((f) => /\.(ts|js|mjs)$/.test(f)),
    ...files.filter((f) => /^(src|test|bench)\/.*\.(ts|tsx|js|mjs)$/.test(f)),
  ];
  const pathLike =
    /(?<![\w@:./-])((?:\.{1,2}\/)*[A-Za-z_][\w.-]*(?:\/[\w.-]+)+\.(?:ts|tsx|js|mjs|cjs|json|css|html|md|sh|tsv|svg|png))\b/g;

  it('name only files that exist', () => {
    const missing: string[] = [];
    for (const file of code) {
      read(file)
        .split('\n')
        .forEach((line, i) => {
          const comment = /^\s*(\/\/|\/\*|\*)/.test(line)
            ? line
            : line
                .split(/\s\/\/\s/)
                .slice(1)
                .join(' ');
          for (const m of comment.matchAll(pathLike))
            if (!resolves(m[1], file)) missing.push(`${file}:${i + 1} ${m[1]}`);
        });
    }
    expect(code.length).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });

  it('point nowhere outside the repository', () => {
    const outsiders = code.filter((file) => outside.test(read(file)));
    expect(outsiders).toEqual([]);
  });
});

// A check of the checker: a name that moved is caught, and a short name must say which file it means.
describe('resolving a name', () => {
  it('finds names from the root, from the citing folder and by their unique end', () => {
    expect(resolves('src/model/db/schema.ts', 'docs/architecture.md')).toBe(true);
    expect(resolves('./schema.ts', 'src/model/db/revisions.ts')).toBe(true);
    expect(resolves('records/storage.ts', 'src/model/service/context.ts')).toBe(true);
    expect(resolves('src/model/records/blocks.ts', 'docs/architecture.md')).toBe(false);
    expect(resolves('index.ts', 'docs/architecture.md')).toBe(false);
    expect(resolves('src/renderer/app/data/', 'docs/architecture.md')).toBe(true);
  });
});
