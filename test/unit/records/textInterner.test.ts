import { describe, expect, it } from 'vitest';
import { codesInDictionary, TextInterner } from '../../../src/model/records/textInterner';
import { dictionaryRow, dictionaryValues } from '../../../src/model/records/storage';

describe('TextInterner', () => {
  it('gives each distinct text one code, appending new texts to the dictionary it was given', () => {
    const values = ['', 'Paris', 'Lyon'];
    const interner = new TextInterner(values);
    expect(interner.code('Lyon')).toBe(2);
    expect(interner.code('Nice')).toBe(3);
    expect(interner.code('Nice')).toBe(3);
    expect(interner.code('')).toBe(0);
    expect(values).toEqual(['', 'Paris', 'Lyon', 'Nice']);
    expect(interner.find('Paris')).toBe(1);
    expect(interner.find('Marseille')).toBe(-1);
  });

  it('stays right through many growths, with texts that collide in their low bits', () => {
    const interner = new TextInterner();
    const texts = Array.from({ length: 50_000 }, (_, i) => `ID-${i}`);
    texts.forEach((t, i) => expect(interner.code(t)).toBe(i + 1));
    // Again, in another order: the same codes, nothing added.
    for (let i = texts.length - 1; i >= 0; i -= 7) expect(interner.code(texts[i])).toBe(i + 1);
    expect(interner.values).toHaveLength(50_001);
  });

  it('keeps the first code of a value a dictionary lists twice', () => {
    expect(new TextInterner(['', 'a', 'b', 'a']).find('a')).toBe(1);
  });
});

describe('codesInDictionary', () => {
  const dictionary = ['', ...Array.from({ length: 5_000 }, (_, i) => `v${i}`)];
  it('finds few texts in a large dictionary (one pass) and many texts (interned)', () => {
    expect(Array.from(codesInDictionary(dictionary, ['v10', 'nope', 'v10', '']))).toEqual([11, -1, 11, 0]);
    const many = Array.from({ length: 4_000 }, (_, i) => (i % 2 ? `v${i}` : `x${i}`));
    const codes = codesInDictionary(dictionary, many);
    expect(codes[1]).toBe(2);
    expect(codes[2]).toBe(-1);
  });
});

describe('stored dictionaries', () => {
  it('packs large dictionaries as UTF-8 text with offsets, and reads them back exactly', () => {
    for (const values of [
      ['', ...Array.from({ length: 3_000 }, (_, i) => `A-${i}`)],
      ['', ...Array.from({ length: 3_000 }, (_, i) => `Société ${i} 🏢 Zürich`)],
    ]) {
      const row = dictionaryRow(values);
      expect(row.values).toBeUndefined();
      expect(row.packed!.text).toBeInstanceOf(Uint8Array);
      expect(dictionaryValues({ kind: 'account', field: 'name', ...row })).toEqual(values);
    }
  });

  it('keeps small dictionaries, and text UTF-8 cannot carry, as strings', () => {
    expect(dictionaryRow(['', 'Retail'])).toEqual({ values: ['', 'Retail'] });
    const broken = ['', ...Array.from({ length: 2_000 }, (_, i) => (i === 7 ? 'cut \ud83c' : `n${i}`))];
    expect(dictionaryRow(broken)).toEqual({ values: broken });
  });
});
