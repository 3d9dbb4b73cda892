import { describe, expect, it } from 'vitest';
import { createGeocoder, type GeoFileName } from '../../../src/model/import/geo/geocoder';
import { geoSource } from './helpers';

describe('offline geocoding', () => {
  it('finds US ZIP codes (ZIP+4 and lost zeros too) and Canadian postal codes by their FSA', async () => {
    const geocoder = createGeocoder(geoSource);
    const [boston, plus4, zeros, toronto] = await geocoder.geocodeAll([
      { postalCode: '02134', country: 'USA' },
      { postalCode: '90210-1234', country: 'United States' },
      { postalCode: '2134', country: 'US' },
      { postalCode: 'm5v 2t6', country: 'Canada' },
    ]);
    expect(boston).toMatchObject({ precision: 'postal', country: 'US' });
    expect(boston!.latitude).toBeCloseTo(42.35, 1);
    expect(plus4!.longitude).toBeCloseTo(-118.4, 1);
    expect(zeros).toEqual(boston);
    expect(toronto).toMatchObject({ precision: 'postal', country: 'CA' });
    expect(toronto!.latitude).toBeCloseTo(43.64, 1);
  });

  it('finds French and German postal codes near where they are (positions known independently of the data)', async () => {
    const geocoder = createGeocoder(geoSource);
    // [postal code, country as written, latitude, longitude] of well-known places, from a map, not from our files.
    const known: [string, string, number, number][] = [
      ['75001', 'France', 48.862, 2.336], // Paris 1er, the Louvre
      ['75016', 'FR', 48.857, 2.27], // Paris 16e, Passy
      ['69001', 'France', 45.767, 4.834], // Lyon 1er
      ['33000', 'France', 44.838, -0.579], // Bordeaux
      ['67000', 'France', 48.583, 7.746], // Strasbourg
      ['F-13001', 'France', 43.3, 5.38], // Marseille 1er, written with the old country prefix
      ['10115', 'Germany', 52.532, 13.385], // Berlin Mitte
      ['80331', 'Deutschland', 48.137, 11.575], // München Altstadt
      ['20095', 'DE', 53.551, 10.0], // Hamburg Altstadt
      ['50667', 'Allemagne', 50.938, 6.957], // Köln Altstadt
      ['1067', 'Germany', 51.051, 13.738], // Dresden 01067, its leading zero lost by a spreadsheet
    ];
    const points = await geocoder.geocodeAll(known.map(([postalCode, country]) => ({ postalCode, country })));
    known.forEach(([code, , lat, lon], i) => {
      expect(points[i], code).toMatchObject({ precision: 'postal' });
      // Within about 5 km: a postal code's position is the mean of the places it serves.
      expect(Math.abs(points[i]!.latitude - lat), code).toBeLessThan(0.05);
      expect(Math.abs(points[i]!.longitude - lon), code).toBeLessThan(0.07);
    });
    // The region comes with the code (GeoNames admin-1: 02 is Bavaria), so no region column is needed.
    expect(points[7]).toMatchObject({ country: 'DE', admin1: '02' });
  });

  it('finds the postal codes of the overseas départements where they are', async () => {
    const geocoder = createGeocoder(geoSource);
    // [postal code, latitude, longitude] of each département's main town, from a map, not from our files.
    const known: [string, number, number][] = [
      ['97110', 16.241, -61.533], // Pointe-à-Pitre, Guadeloupe
      ['97200', 14.607, -61.073], // Fort-de-France, Martinique
      ['97300', 4.937, -52.326], // Cayenne, Guyane
      ['97400', -20.882, 55.45], // Saint-Denis, La Réunion
      ['97600', -12.78, 45.228], // Mamoudzou, Mayotte
    ];
    const points = await geocoder.geocodeAll(known.map(([postalCode]) => ({ postalCode, country: 'France' })));
    known.forEach(([code, lat, lon], i) => {
      expect(points[i], code).toMatchObject({ precision: 'postal', country: 'FR', admin1: code.slice(0, 3) });
      expect(Math.abs(points[i]!.latitude - lat), code).toBeLessThan(0.05);
      expect(Math.abs(points[i]!.longitude - lon), code).toBeLessThan(0.05);
    });
  });

  it('has no postal positions for Great Britain yet: an outward code falls back to the city', async () => {
    const geocoder = createGeocoder(geoSource);
    const [london] = await geocoder.geocodeAll([{ postalCode: 'SW1A 1AA', city: 'London', country: 'UK' }]);
    expect(london).toMatchObject({ precision: 'city', country: 'GB' });
    expect(Math.abs(london!.latitude - 51.507)).toBeLessThan(0.05);
  });

  it('falls back to city, then region, then the country, in English or French names', async () => {
    const geocoder = createGeocoder(geoSource);
    const [lyon, springfield, bavaria, quebec, france, nowhere] = await geocoder.geocodeAll([
      { city: 'Lyon', country: 'France', postalCode: '6900' },
      { city: 'Springfield', region: 'IL', country: 'US' },
      { region: 'Bavaria', country: 'Allemagne' },
      { region: 'QC', country: 'CA' },
      { city: 'Nowhere-sur-Rien', country: 'FRA' },
      { city: 'Lyon' },
    ]);
    // "6900" is no French postal code (nor 06900): the city is used.
    expect(lyon).toMatchObject({ precision: 'city', country: 'FR' });
    expect(lyon!.latitude).toBeCloseTo(45.75, 1);
    expect(springfield).toMatchObject({ precision: 'city' });
    expect(springfield!.latitude).toBeCloseTo(39.8, 0); // Illinois' capital, not Springfield MA
    expect(bavaria).toMatchObject({ precision: 'region', country: 'DE' });
    expect(quebec).toMatchObject({ precision: 'region', country: 'CA' });
    expect(france).toMatchObject({ precision: 'country', country: 'FR' });
    expect(nowhere).toBeNull();
  });

  it('uses the default country for rows that name none', async () => {
    const geocoder = createGeocoder(geoSource);
    const [found] = await geocoder.geocodeAll([{ postalCode: '10001' }], 'United States');
    expect(found).toMatchObject({ precision: 'postal', country: 'US' });
  });

  it('loads each data file only when a lookup needs it, and once', async () => {
    const read: GeoFileName[] = [];
    const geocoder = createGeocoder((name) => {
      read.push(name);
      return geoSource(name);
    });
    await geocoder.geocodeAll([{ country: 'France' }]);
    expect(read).toEqual(['countries.tsv']);
    await geocoder.geocodeAll([{ postalCode: '02134', country: 'US' }, { country: 'Germany' }]);
    expect(read).toEqual(['countries.tsv', 'postal-us.tsv']);
    await geocoder.geocodeAll([{ city: 'Paris', country: 'FR' }]);
    expect(read.sort()).toEqual(['cities.tsv', 'countries.tsv', 'postal-us.tsv', 'regions.tsv']);
    expect(await geocoder.resolveCountry('États-Unis')).toBe('US');
  });
});
