/**
 * The sample plan's addresses read as the country writes them: no "Hauptstraße" in Birmingham, the number where
 * the country puts it. Checked against a plain list of each country's street words, not against the generator's table.
 */
import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src/model/sample/generateSample';

const streetWords: Record<string, RegExp> = {
  DE: /(straße|weg)$/i,
  AT: /(straße|gasse)$/i,
  FR: /^(rue|avenue|boulevard)\b/i,
  GB: /\b(Street|Road|Lane)$/,
  US: /\b(Street|Avenue|Road)$/,
  IT: /^(Via|Corso|Piazza)\b/,
  ES: /^(Calle|Gran|Avenida)\b/,
};

describe('sample addresses', () => {
  const { accounts } = generateSample({ accounts: 3000 });

  it('put each street in its own country, with the number where that country writes it', () => {
    let checked = 0;
    for (const account of accounts) {
      const country = String(account.country);
      const street = String(account.street);
      const words = streetWords[country];
      if (!words) continue;
      checked++;
      const numberFirst = /^\d+ /.test(street);
      const name = numberFirst ? street.replace(/^\d+ /, '') : street.replace(/ \d+$/, '');
      expect(name, `${street} (${country})`).toMatch(words);
      expect(numberFirst, `${street} (${country})`).toBe(['FR', 'GB', 'US'].includes(country));
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('never writes a German street in Britain or a British one in Germany', () => {
    const british = accounts.filter((a) => a.country === 'GB').map((a) => String(a.street));
    const german = accounts.filter((a) => a.country === 'DE').map((a) => String(a.street));
    expect(british.length).toBeGreaterThan(0);
    expect(german.length).toBeGreaterThan(0);
    expect(british.some((s) => /straße/i.test(s))).toBe(false);
    expect(german.some((s) => /Street|Road/.test(s))).toBe(false);
  });
});
