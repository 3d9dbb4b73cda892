/**
 * Canonical places from the text a file gives: the ISO 3166-1 country of "Deutschland", "Allemagne", "U.S.A.";
 * the ISO 3166-2 subdivision of "Bavaria", "DE-BY", "IL", "Île-de-France" WITHIN the record's country (a bare "DE"
 * is Delaware only in the US; a state is never read as a country). Built from resources/geo/countries.tsv and
 * subdivisions.tsv (scripts/geo/build-geo-data.mjs: country, code, level, parent, GeoNames admin-1 id, local,
 * English, lookup names, French and German names); pure and synchronous once built.
 */
import { ISO_SUBDIVISION, placeKey } from '../../../shared/places';
import type { GeoFileSource } from './geocoder';

export interface Subdivision {
  /** ISO 3166-2 code: "US-DE", "FR-75C". */
  code: string;
  /** 1: state, province, Land, région, nation; 2: département, province, county. */
  level: 1 | 2;
  /** First-level parent of a level-2 subdivision ("FR-IDF" of "FR-75C"); '' when level 1 or unknown. */
  parent: string;
  /** Name as ISO lists it, in the local language ("Bayern", "Île-de-France"). */
  name: string;
  /** English name (CLDR) where it differs or is known ("Bavaria"); '' otherwise. */
  englishName: string;
  /** French name (CLDR, Natural Earth) where it differs from the local one ("Bavière", "Californie"); '' otherwise. */
  frenchName: string;
}

/** A subdivision's name in the UI's language: English or French where the data has one, else the local name. */
export function subdivisionName(language: 'en' | 'fr', s: Subdivision): string {
  return (language === 'en' ? s.englishName : s.frenchName) || s.name;
}

export type SubdivisionMatch =
  { found: true; subdivision: Subdivision } | { found: false; ambiguous: readonly string[] } | null;

export interface PlaceResolver {
  /** ISO alpha-2 of a country name or code in any of the shipped languages; null if none. */
  country(text: string): string | null;
  /**
   * The subdivision a text names within `country`; "US-CA"-style codes are taken as written (and must belong to
   * `country` when one is known). Without a country only a written ISO 3166-2 code is accepted.
   */
  subdivision(country: string | null, text: string): SubdivisionMatch;
  /** A subdivision by its ISO 3166-2 code. */
  byCode(code: string): Subdivision | null;
  /** The ISO 3166-2 first-level subdivision of a GeoNames admin-1 id ("DE", "02" -> "DE-BY"). */
  byAdmin1(country: string, admin1: string): string | null;
  /** The level-2 subdivision a postal code implies where the code says it (French départements). */
  subregionOfPostal(country: string, postalKey: string): Subdivision | null;
  /** Every subdivision of a country, level 1 first. */
  subdivisionsOf(country: string): readonly Subdivision[];
  /** Every country of the shipped data (ISO alpha-2). */
  countryCodes(): readonly string[];
}

const AMBIGUOUS = '';

export function createPlaceResolver(countriesTsv: string, subdivisionsTsv: string): PlaceResolver {
  const countries = new Map<string, string>();
  const countryCodes: string[] = [];
  for (const line of countriesTsv.split('\n')) {
    if (line === '') continue;
    const [code, , , names] = line.split('\t');
    countryCodes.push(code);
    for (const name of names.split('|')) if (!countries.has(name)) countries.set(name, code);
    countries.set(code.toLowerCase(), code);
  }

  const byCode = new Map<string, Subdivision>();
  /** "US|delaware" -> code; '' when two subdivisions of the same level share the name. */
  const byName = new Map<string, string>();
  /** "FR|saint martin" -> every subdivision of the country with that name (level 1 first): an ambiguous name's candidates. */
  const named = new Map<string, string[]>();
  const admin1 = new Map<string, string>();
  const ofCountry = new Map<string, Subdivision[]>();
  const rows = subdivisionsTsv
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => line.split('\t'));
  // Level 1 first, so a name shared by a region and one of its départements ("Madrid") is the region.
  rows.sort((a, b) => Number(a[2]) - Number(b[2]));
  for (const [country, code, level, parent, admin, local, english, names, french = ''] of rows) {
    const list = names.split('|');
    const subdivision: Subdivision = {
      code,
      level: level === '2' ? 2 : 1,
      parent,
      name: local,
      englishName: english,
      frenchName: french,
    };
    byCode.set(code, subdivision);
    let forCountry = ofCountry.get(country);
    if (!forCountry) ofCountry.set(country, (forCountry = []));
    forCountry.push(subdivision);
    if (admin) admin1.set(`${country}|${admin}`, code);
    for (const name of list) {
      const key = `${country}|${name}`;
      const codes = named.get(key);
      if (!codes) named.set(key, [code]);
      else if (!codes.includes(code)) codes.push(code);
      const known = byName.get(key);
      if (known === undefined) byName.set(key, code);
      else if (known !== code && known !== AMBIGUOUS && byCode.get(known)!.level === subdivision.level)
        byName.set(key, AMBIGUOUS);
    }
  }

  function subdivision(country: string | null, text: string): SubdivisionMatch {
    const written = text
      .trim()
      .toUpperCase()
      .replace(/\s*[-_ ]\s*/, '-');
    if (ISO_SUBDIVISION.test(written)) {
      const found = byCode.get(written);
      if (found && (!country || written.startsWith(`${country}-`))) return { found: true, subdivision: found };
    }
    if (!country) return null;
    const key = placeKey(text);
    if (key === '') return null;
    let name = `${country}|${key}`;
    let code = byName.get(name);
    // "CA-ON" written with the country's own prefix but a separator the ISO form lacks, or "Bundesland Bayern".
    if (code === undefined && key.startsWith(`${country.toLowerCase()} `))
      code = byName.get((name = `${country}|${key.slice(3)}`));
    if (code === undefined) return null;
    if (code === AMBIGUOUS) return { found: false, ambiguous: named.get(name) ?? [] };
    return { found: true, subdivision: byCode.get(code)! };
  }

  function subregionOfPostal(country: string, postal: string): Subdivision | null {
    if (country !== 'FR' || !/^\d{5}$/.test(postal)) return null;
    let department = postal.slice(0, 2);
    if (department === '20') department = Number(postal.slice(0, 3)) < 202 ? '2A' : '2B';
    else if (department === '97' || department === '98') department = postal.slice(0, 3);
    return byCode.get(`FR-${department}`) ?? byCode.get(`FR-${department}C`) ?? null;
  }

  return {
    country: (text) => {
      const key = placeKey(text);
      return key === '' ? null : (countries.get(key) ?? null);
    },
    subdivision,
    byCode: (code) => byCode.get(code) ?? null,
    byAdmin1: (country, id) => admin1.get(`${country}|${id}`) ?? null,
    subregionOfPostal,
    subdivisionsOf: (country) => ofCountry.get(country) ?? [],
    countryCodes: () => countryCodes,
  };
}

/** Reads the two files the resolver needs. */
export async function loadPlaceResolver(source: GeoFileSource): Promise<PlaceResolver> {
  const [countries, subdivisions] = await Promise.all([source('countries.tsv'), source('subdivisions.tsv')]);
  return createPlaceResolver(countries, subdivisions);
}
