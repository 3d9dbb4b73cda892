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

  it('falls back to city, then region, then the country, in English or French names', async () => {
    const geocoder = createGeocoder(geoSource);
    const [lyon, springfield, bavaria, quebec, france, nowhere] = await geocoder.geocodeAll([
      { city: 'Lyon', country: 'France', postalCode: '69001' },
      { city: 'Springfield', region: 'IL', country: 'US' },
      { region: 'Bavaria', country: 'Allemagne' },
      { region: 'QC', country: 'CA' },
      { city: 'Nowhere-sur-Rien', country: 'FRA' },
      { city: 'Lyon' },
    ]);
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
