import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { cldrCountryName, spanishCommunityKey, spanishCommunityNames } from '../../scripts/geo/mapPlaceNames';
import { countryName } from '../../src/shared/countryNames';

const topo = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../resources/geo/boundaries.topo.json'), 'utf8'),
) as Topology;
type Named = { id: string; properties: { en: string; fr: string } };
const names = (object: string) =>
  new Map(
    ((topo.objects[object] as GeometryCollection).geometries as unknown as Named[]).map((g) => [
      g.id,
      [g.properties.en, g.properties.fr],
    ]),
  );
const countries = names('countries');
const regions = names('regions');

describe('boundaries.topo.json: names as a planner says them', () => {
  // Written by hand from general knowledge (not the build's output): the everyday English and French names.
  const expectedCountries: [string, string, string][] = [
    ['RU', 'Russia', 'Russie'],
    ['MD', 'Moldova', 'Moldavie'],
    ['MK', 'North Macedonia', 'Macédoine du Nord'],
    ['CN', 'China', 'Chine'],
    ['TZ', 'Tanzania', 'Tanzanie'],
    ['IR', 'Iran', 'Iran'],
    ['SY', 'Syria', 'Syrie'],
    ['LA', 'Laos', 'Laos'],
    ['US', 'United States', 'États-Unis'],
    ['GB', 'United Kingdom', 'Royaume-Uni'],
    ['ES', 'Spain', 'Espagne'],
    ['DE', 'Germany', 'Allemagne'],
    ['FR', 'France', 'France'],
    ['TW', 'Taiwan', 'Taïwan'],
    ['FM', 'Micronesia', 'Micronésie'],
    ['BN', 'Brunei', 'Brunei'],
    ['CZ', 'Czechia', 'Tchéquie'],
    ['FK', 'Falkland Islands', 'Îles Malouines'],
  ];

  it.each(expectedCountries)('country %s is "%s" / "%s"', (code, en, fr) => {
    expect(countries.get(code)).toEqual([en, fr]);
  });

  it("has none of ISO's official forms", () => {
    const all = [...countries.values()].flat().join('\n');
    for (const official of ['Federation', 'Republic of', ', ', 'People', 'Islamic', '(French part)', 'Province of']) {
      expect(all, official).not.toContain(official);
    }
  });

  it('names the countries as the rest of the UI does (Intl.DisplayNames through src/shared/countryNames.ts)', () => {
    // Both are the Unicode CLDR's names; a Node or Electron whose ICU carries another CLDR version than the build's
    // (48) may differ on a few: rebuild the map data then.
    for (const [code, [en, fr]] of countries) {
      expect([code, en, fr]).toEqual([code, countryName('en', code), countryName('fr', code)]);
    }
  });

  // Written by hand: the usual English and French names of Spain's autonomous communities (keyed by today's ISO
  // codes, as the records' places are: Navarre is ES-NC, its province ES-NA).
  const expectedCommunities: [string, string, string][] = [
    ['ES-AN', 'Andalusia', 'Andalousie'],
    ['ES-AR', 'Aragon', 'Aragon'],
    ['ES-PV', 'Basque Country', 'Pays basque'],
    ['ES-CL', 'Castile and León', 'Castille-et-León'],
    ['ES-CM', 'Castile-La Mancha', 'Castille-La Manche'],
    ['ES-CT', 'Catalonia', 'Catalogne'],
    ['ES-EX', 'Extremadura', 'Estrémadure'],
    ['ES-GA', 'Galicia', 'Galice'],
    ['ES-CN', 'Canary Islands', 'Îles Canaries'],
    ['ES-IB', 'Balearic Islands', 'Îles Baléares'],
    ['ES-NC', 'Navarra Chartered Community', 'Communauté forale de Navarre'],
    ['ES-MC', 'Murcia Region', 'Région de Murcie'],
    ['ES-VC', 'Valencian Community', 'Communauté valencienne'],
    ['ES-AS', 'Asturias', 'Asturies'],
    ['ES-RI', 'La Rioja', 'La Rioja'],
    ['ES-CE', 'Ceuta', 'Ceuta'],
  ];

  it.each(expectedCommunities)('Spanish community %s is "%s" / "%s"', (key, en, fr) => {
    expect(regions.get(key)).toEqual([en, fr]);
  });

  it('names no Spanish community in Spanish in either language', () => {
    const spanish = ['Andalucía', 'Aragón', 'País Vasco', 'Cataluña', 'Castilla y León', 'Comunidad', 'Región de'];
    for (const [key, pair] of regions) {
      if (!key.startsWith('ES-')) continue;
      for (const name of pair) for (const s of spanish) expect(name, key).not.toContain(s);
    }
  });
});

describe('the build rules on small inputs', () => {
  const territories = {
    RU: 'Russia',
    HK: 'Hong Kong SAR China',
    'HK-alt-short': 'Hong Kong',
    US: 'United States',
    'US-alt-short': 'US',
    BA: 'Bosnia & Herzegovina',
    'BA-alt-short': 'Bosnia',
  };

  it("takes CLDR's short form only where it is the everyday name", () => {
    expect(cldrCountryName(territories, 'RU')).toBe('Russia');
    expect(cldrCountryName(territories, 'HK')).toBe('Hong Kong');
    expect(cldrCountryName(territories, 'US')).toBe('United States');
    expect(cldrCountryName(territories, 'BA')).toBe('Bosnia & Herzegovina');
    expect(cldrCountryName(territories, 'XK')).toBe('XK');
  });

  it("finds a community's CLDR name under today's ISO code and falls back to Natural Earth's Spanish name", () => {
    const cldr = { esnc: 'Navarra Chartered Community', espv: 'Basque Country', esce: 'Ceuta¹' };
    const french = new Map([['ES-PV', 'Pays basque']]);
    expect(spanishCommunityNames('ES-NA', 'Navarra', cldr, french)).toEqual(['Navarra Chartered Community', 'Navarra']);
    expect(spanishCommunityNames('ES-PV', 'País Vasco', cldr, french)).toEqual(['Basque Country', 'Pays basque']);
    expect(spanishCommunityNames('ES-CE', 'Ceuta', cldr, french)).toEqual(['Ceuta', 'Ceuta']);
    expect(spanishCommunityNames('ES-ML', 'Melilla', cldr, french)).toEqual(['Melilla', 'Melilla']);
  });

  it("keys a community by today's ISO code, not Natural Earth's older one that is now its province's", () => {
    expect(['ES-NA', 'ES-MU', 'ES-PM', 'ES-LO'].map(spanishCommunityKey)).toEqual(['ES-NC', 'ES-MC', 'ES-IB', 'ES-RI']);
    expect(['ES-PV', 'ES-CT', 'ES-CE'].map(spanishCommunityKey)).toEqual(['ES-PV', 'ES-CT', 'ES-CE']);
  });
});

describe('countryName: the UI names countries as the map does', () => {
  it('in English and French, with the short form for Hong Kong, never an abbreviation', () => {
    expect(countryName('en', 'RU')).toBe('Russia');
    expect(countryName('fr', 'MD')).toBe('Moldavie');
    expect(countryName('en', 'HK')).toBe('Hong Kong');
    expect(countryName('fr', 'HK')).toBe('Hong Kong');
    expect(countryName('en', 'US')).toBe('United States');
    expect(countryName('fr', 'GB')).toBe('Royaume-Uni');
    expect(countryName('en', 'not a code')).toBe('not a code');
  });
});
