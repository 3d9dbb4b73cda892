/**
 * Region keys: how a territory's geography, the shipped boundaries and the records' canonical places name a place.
 *
 * - Country: ISO 3166-1 alpha-2, upper case: "FR", "US".
 * - Subdivision: ISO 3166-2, upper case: "US-CA", "DE-BY", "FR-IDF" (a French région), "FR-75" (a département),
 *   "ES-CT" (a Spanish autonomous community), "ES-B" (a province).
 * - US county: "US-" and the county's 5-digit FIPS code (state 2 + county 3): "US-06037" (Los Angeles County).
 *   Never an ISO 3166-2 code (those have letters after "US-"), so the three kinds never collide.
 * - Postal prefixes are kept apart, in `geography.postalPrefixes`, as the country's normalised postal code start.
 *
 * The boundaries in resources/geo (built by scripts/geo/build-map-data.ts) are keyed the same way.
 */

export type RegionKind = 'country' | 'subdivision' | 'county';

const countryPattern = /^[A-Z]{2}$/;
const subdivisionPattern = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const countyPattern = /^US-\d{5}$/;
/** Map shapes without an ISO code (some disputed areas): "CY~ESB-5132", drawn and pickable, never a record's. */
const mapOnlyPattern = /^[A-Z]{2}~[A-Z0-9+?-]{1,12}$/;

/** Upper-cases and trims a key; "us-ca " -> "US-CA". */
export const normalizeRegionKey = (key: string): string => key.trim().toUpperCase();

/** What a key names, or null when it is not a region key at all. */
export function regionKindOf(key: string): RegionKind | null {
  if (countryPattern.test(key)) return 'country';
  if (countyPattern.test(key)) return 'county';
  if (subdivisionPattern.test(key) || mapOnlyPattern.test(key)) return 'subdivision';
  return null;
}

/** The country a key belongs to: "US-06037" -> "US", "FR-75" -> "FR", "DE" -> "DE". */
export const countryOfRegion = (key: string): string => key.slice(0, 2);

/** "US-06037" for a county's 5-digit FIPS code ("06037" or 6037). */
export const usCountyKey = (fips: string | number): string => `US-${String(fips).padStart(5, '0')}`;

/** The US state's 2-digit FIPS code of a county key: "US-06037" -> "06". */
export const usStateFipsOfCounty = (key: string): string => key.slice(3, 5);

/** US state FIPS code -> ISO 3166-2 ("06" -> "US-CA"), so a county knows its state. */
export const usStateByFips: Readonly<Record<string, string>> = {
  '01': 'US-AL',
  '02': 'US-AK',
  '04': 'US-AZ',
  '05': 'US-AR',
  '06': 'US-CA',
  '08': 'US-CO',
  '09': 'US-CT',
  '10': 'US-DE',
  '11': 'US-DC',
  '12': 'US-FL',
  '13': 'US-GA',
  '15': 'US-HI',
  '16': 'US-ID',
  '17': 'US-IL',
  '18': 'US-IN',
  '19': 'US-IA',
  '20': 'US-KS',
  '21': 'US-KY',
  '22': 'US-LA',
  '23': 'US-ME',
  '24': 'US-MD',
  '25': 'US-MA',
  '26': 'US-MI',
  '27': 'US-MN',
  '28': 'US-MS',
  '29': 'US-MO',
  '30': 'US-MT',
  '31': 'US-NE',
  '32': 'US-NV',
  '33': 'US-NH',
  '34': 'US-NJ',
  '35': 'US-NM',
  '36': 'US-NY',
  '37': 'US-NC',
  '38': 'US-ND',
  '39': 'US-OH',
  '40': 'US-OK',
  '41': 'US-OR',
  '42': 'US-PA',
  '44': 'US-RI',
  '45': 'US-SC',
  '46': 'US-SD',
  '47': 'US-TN',
  '48': 'US-TX',
  '49': 'US-UT',
  '50': 'US-VT',
  '51': 'US-VA',
  '53': 'US-WA',
  '54': 'US-WV',
  '55': 'US-WI',
  '56': 'US-WY',
  '60': 'US-AS',
  '66': 'US-GU',
  '69': 'US-MP',
  '72': 'US-PR',
  '78': 'US-VI',
};

/** The 13 metropolitan French régions (ISO 3166-2 since 2016) and their départements. */
export const frenchRegionDepartements: Readonly<Record<string, readonly string[]>> = {
  'FR-ARA': ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  'FR-BFC': ['21', '25', '39', '58', '70', '71', '89', '90'],
  'FR-BRE': ['22', '29', '35', '56'],
  'FR-CVL': ['18', '28', '36', '37', '41', '45'],
  'FR-20R': ['2A', '2B'],
  'FR-GES': ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  'FR-HDF': ['02', '59', '60', '62', '80'],
  'FR-IDF': ['75', '77', '78', '91', '92', '93', '94', '95'],
  'FR-NOR': ['14', '27', '50', '61', '76'],
  'FR-NAQ': ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  'FR-OCC': ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  'FR-PDL': ['44', '49', '53', '72', '85'],
  'FR-PAC': ['04', '05', '06', '13', '83', '84'],
};

const regionOfDepartement = new Map<string, string>(
  Object.entries(frenchRegionDepartements).flatMap(([region, departements]) =>
    departements.map((d) => [`FR-${d}`, region] as const),
  ),
);

/**
 * The region key one level up, if there is one: a French département's région ("FR-75" -> "FR-IDF"), a US
 * county's state ("US-06037" -> "US-CA"); a first-level subdivision's country ("DE-BY" -> "DE"); null for a
 * country.
 */
export function parentRegionOf(key: string): string | null {
  const kind = regionKindOf(key);
  if (kind === null || kind === 'country') return null;
  if (kind === 'county') return usStateByFips[usStateFipsOfCounty(key)] ?? 'US';
  return regionOfDepartement.get(key) ?? countryOfRegion(key);
}

/** Whether `key` is `ancestor` or lies inside it by the key hierarchy ("FR-75" is in "FR-IDF" and in "FR"). */
export function regionWithin(key: string, ancestor: string): boolean {
  for (let k: string | null = key; k !== null; k = parentRegionOf(k)) if (k === ancestor) return true;
  return false;
}
