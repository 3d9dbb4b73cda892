/**
 * The sample plan's city table (src/model/sample/cities.json) is data the type checker cannot see into: each row
 * must be a city as SampleCity reads it, or the sample plan spreads accounts over nonsense.
 */
import { describe, expect, it } from 'vitest';
import { sampleCities } from '../../../src/model/sample/cities';

describe('sample cities', () => {
  it('are rows of name, country, region of that country, coordinates, postal code and population', () => {
    const wrong = sampleCities.filter(
      (row) =>
        row.length !== 7 ||
        typeof row[0] !== 'string' ||
        row[0].trim() === '' ||
        !/^[A-Z]{2}$/.test(row[1]) ||
        !row[2].startsWith(`${row[1]}-`) ||
        typeof row[3] !== 'number' ||
        Math.abs(row[3]) > 90 ||
        typeof row[4] !== 'number' ||
        Math.abs(row[4]) > 180 ||
        typeof row[5] !== 'string' ||
        row[5] === '' ||
        !Number.isInteger(row[6]) ||
        row[6] <= 0,
    );
    expect(wrong).toEqual([]);
  });

  it('lie in Europe or North America, each once', () => {
    const outside = sampleCities.filter(([, , , lat, lon]) => lat < 25 || lat > 71 || lon < -125 || lon > 30);
    expect(outside).toEqual([]);
    const names = sampleCities.map(([name, country]) => `${name}, ${country}`);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(sampleCities.map((row) => row[1]))).toEqual(
      new Set([
        'FR',
        'DE',
        'AT',
        'CH',
        'GB',
        'IE',
        'NL',
        'BE',
        'LU',
        'ES',
        'PT',
        'IT',
        'SE',
        'DK',
        'NO',
        'FI',
        'US',
        'CA',
      ]),
    );
  });
});
