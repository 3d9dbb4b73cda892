import { describe, expect, it } from 'vitest';
import { AddressIndex } from '../../../src/model/import/places';

describe('AddressIndex', () => {
  it('gives four codes the address they were first given, as a Map keyed by them would, through its growth', () => {
    const index = new AddressIndex(4);
    const reference = new Map<string, number>();
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 50_000; i++) {
      // Codes of small and large dictionaries, 0 (empty) among them, and codes above 2^31.
      const codes = [next(3_000), next(5), next(60), next(8)];
      if (i % 1000 === 0) codes[0] = 0xffff_fff0 + next(15);
      const key = codes.join(',');
      const expected = reference.get(key) ?? reference.size;
      expect(index.add(codes[0], codes[1], codes[2], codes[3], reference.size)).toBe(expected);
      reference.set(key, expected);
    }
    expect(reference.size).toBeGreaterThan(10_000);
    expect(reference.size).toBeLessThan(50_000);
  });
});
