/**
 * The French resources say what the English ones say: the same keys (the type checker sees a missing French key,
 * not an extra one) and the same {{placeholders}}, so no French text shows a raw "{{name}}" or drops a value. A
 * plural form may leave out or add {{count}}: i18next always passes it ("1 territory", "1 territoire" as
 * "{{count}} territoire").
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/app/i18n/en';
import { fr } from '../../../src/renderer/app/i18n/fr';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else leaves(value, path, out);
  }
  return out;
}

const isPluralForm = (key: string) => /_(zero|one|two|few|many|other)$/.test(key);

function placeholders(text: string, key: string): string[] {
  const names = new Set([...text.matchAll(/{{\s*([^}\s,]+)[^}]*}}/g)].map((match) => match[1]));
  if (isPluralForm(key)) names.delete('count');
  return [...names].sort();
}

const english = leaves(en as Tree);
const french = leaves(fr as unknown as Tree);

describe('the French resources', () => {
  it('have exactly the English keys', () => {
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([]);
    expect(english.size).toBeGreaterThan(1000);
  });

  it('use the same placeholders as the English text of each key', () => {
    const differing = [...english]
      .filter(([key, text]) => placeholders(text, key).join() !== placeholders(french.get(key) ?? '', key).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('are all words: no empty text in either language', () => {
    expect([...english, ...french].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
