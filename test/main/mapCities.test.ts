import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cldrFrenchNames, plainTransliteration } from '../../scripts/geo/mapCityNames';

type Row = [string, number, number, number, string, string?];
const rows = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../resources/geo/map-cities.json'), 'utf8'),
) as Row[];
const find = (country: string, en: string) => rows.find((r) => r[4] === country && r[0] === en);
const french = (r: Row) => r[5] ?? r[0];

describe('map-cities.json: city labels in English and French', () => {
  // Written by hand from general knowledge (a second source, not the build's output): country, the usual English
  // name, the usual French name.
  const expected: [string, string, string][] = [
    ['MX', 'Mexico City', 'Mexico'],
    ['US', 'New York City', 'New York'],
    ['RU', 'Moscow', 'Moscou'],
    ['GB', 'London', 'Londres'],
    ['CN', 'Beijing', 'Pékin'],
    ['EG', 'Cairo', 'Le Caire'],
    ['AT', 'Vienna', 'Vienne'],
    ['PL', 'Warsaw', 'Varsovie'],
    ['DE', 'Munich', 'Munich'],
    ['DE', 'Cologne', 'Cologne'],
    ['PT', 'Lisbon', 'Lisbonne'],
    ['BE', 'Brussels', 'Bruxelles'],
    ['RU', 'Saint Petersburg', 'Saint-Pétersbourg'],
    ['GR', 'Athens', 'Athènes'],
    ['DK', 'Copenhagen', 'Copenhague'],
    ['ES', 'Barcelona', 'Barcelone'],
    ['ES', 'Seville', 'Séville'],
    ['DZ', 'Algiers', 'Alger'],
    ['SG', 'Singapore', 'Singapour'],
    ['ZA', 'Cape Town', 'Le Cap'],
    ['FR', 'Paris', 'Paris'],
    ['DE', 'Berlin', 'Berlin'],
  ];

  it.each(expected)('%s %s is "%s" in French', (country, en, fr) => {
    const row = find(country, en);
    expect(row, `${country} ${en}`).toBeDefined();
    expect(french(row!)).toBe(fr);
  });

  it('carries a French name only where it differs from the English one, and stays small', () => {
    for (const row of rows) {
      expect(row.length === 5 || (row.length === 6 && typeof row[5] === 'string' && row[5] !== row[0])).toBe(true);
    }
    const withFrench = rows.filter((r) => r.length === 6).length;
    expect(withFrench).toBeGreaterThan(100);
    expect(withFrench).toBeLessThan(rows.length / 4);
    expect(JSON.stringify(rows).length).toBeLessThan(80_000);
  });

  it('names cities as English maps do, not in their local form or with transliteration marks', () => {
    const names = new Set(rows.map((r) => r[0]));
    for (const local of ['Köln', 'Nürnberg', 'Sevilla', 'Antwerpen', 'Göteborg', 'Sūrat', 'Allahābād']) {
      expect(names.has(local), local).toBe(false);
    }
    for (const usual of ['Cologne', 'Nuremberg', 'Antwerp', 'Gothenburg', 'Surat', 'Allahabad', 'Rostov-on-Don']) {
      expect(names.has(usual), usual).toBe(true);
    }
  });
});

describe('map-cities.json: cities, not their districts', () => {
  const names = new Set(rows.map((r) => `${r[4]} ${r[0]}`));

  it("has no section of a city (GeoNames' PPLX): Bucharest's sectors, Hamburg's boroughs, Madrid's districts", () => {
    for (const district of [
      'RO Sector 2',
      'RO Sector 6',
      'DE Wandsbek',
      'DE Altona',
      'DE Eimsbüttel',
      'DE Hamburg-Nord',
      'ES Eixample',
      'ES Carabanchel',
      'IL West Jerusalem',
      'PS East Jerusalem',
    ]) {
      expect(names.has(district), district).toBe(false);
    }
  });

  it('keeps the cities those districts belong to', () => {
    for (const city of ['RO Bucharest', 'DE Hamburg', 'ES Madrid', 'ES Barcelona', 'IL Jerusalem', 'IQ Mosul']) {
      expect(names.has(city), city).toBe(true);
    }
  });
});

describe('CLDR time-zone cities matched to GeoNames cities', () => {
  const zones = {
    en: new Map([['Asia/Calcutta', 'Kolkata']]),
    fr: new Map([
      ['America/Mexico_City', 'Mexico'],
      ['Asia/Calcutta', 'Calcutta'],
      ['Africa/Tripoli', 'Tripoli (Libye)'],
      ['Europe/London', 'Londres'],
    ]),
    country: new Map([
      ['America/Mexico_City', 'MX'],
      ['America/New_York', 'US'],
      ['Asia/Calcutta', 'IN'],
      ['Africa/Tripoli', 'LY'],
      ['Europe/London', 'GB'],
    ]),
  };
  const city = (name: string, country: string, population = 1e6) => ({ name, country, population });

  it('matches by the English exemplar city, or that and " City", within the zone country', () => {
    const names = cldrFrenchNames(
      [
        city('Mexico City', 'MX'),
        city('New York City', 'US'),
        city('Kolkata', 'IN'),
        city('Tripoli', 'LY'),
        city('Tripoli', 'LB'),
        city('London', 'CA'),
      ],
      zones,
    );
    expect(Object.fromEntries(names)).toEqual({
      'MX Mexico City': 'Mexico',
      // No French name listed: CLDR's fallback, the zone id's last part.
      'US New York City': 'New York',
      'IN Kolkata': 'Calcutta',
      // Without CLDR's "(Libye)"; Lebanon's Tripoli and Ontario's London are not the zones' cities.
      'LY Tripoli': 'Tripoli',
    });
  });

  it('names the most populous of namesakes in the zone country', () => {
    const names = cldrFrenchNames([city('London', 'GB', 300_000), city('London', 'GB', 8_000_000)], zones);
    expect(names.get('GB London')).toBe('Londres');
  });

  it('drops transliteration marks: macrons everywhere, emphatic dots only in Arabic-script countries', () => {
    expect(plainTransliteration('Allahābād', 'IN')).toBe('Allahabad');
    expect(plainTransliteration('Ḩamāh', 'SY')).toBe('Hamah');
    expect(plainTransliteration('Şanlıurfa', 'TR')).toBe('Şanlıurfa');
    expect(plainTransliteration('Constanţa', 'RO')).toBe('Constanţa');
  });
});
