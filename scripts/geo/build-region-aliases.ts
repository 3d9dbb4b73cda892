/**
 * Builds src/shared/regionAliases.data.ts (run by hand after the boundaries or subdivisions change:
 * `npx tsx scripts/geo/build-region-aliases.ts`): which map boundary key names the same place as which canonical
 * ISO 3166-2 code of src/shared/places.ts when the two differ.
 *
 * Natural Earth keys some shapes by codes ISO has since replaced: Paris is "FR-75" on the map and "FR-75C" in
 * ISO 3166-2 (since 2021), the overseas départements are "FR-GP", "FR-MQ"... on the map and "FR-971"... in ISO,
 * the Czech kraje and Polish voivodeships keep their old letter codes, Mexico City is "MX-DIF" (ISO "MX-CMX"),
 * North Macedonia's municipalities keep their old numbers. A boundary-only
 * key is aliased when:
 * - it is in the hand-checked table below, or
 * - its English or French name is, after folding, the local or English name of exactly one ISO code of the same
 *   country that has no boundary of its own, at the level the country's map shapes are at (the level most of its
 *   ISO-keyed shapes have; first level when none), and no other boundary key claims that code.
 * Keys left unaliased (old Latvian municipalities merged since, Kosovo's and other disputed areas, Nepal's old
 * zones, which are not today's provinces) stay map keys: rules test them by point in polygon.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Topology } from 'topojson-specification';

const root = path.resolve(import.meta.dirname, '../..');

/** Checked by hand: the ISO code of today for the map's key. */
const handAliases: Record<string, string> = {
  'FR-75': 'FR-75C',
  'FR-GP': 'FR-971',
  'FR-MQ': 'FR-972',
  'FR-GF': 'FR-973',
  'FR-RE': 'FR-974',
  'FR-YT': 'FR-976',
  // Mexico City: the Distrito Federal became Ciudad de México in 2016 (same territory), ISO MX-DIF -> MX-CMX.
  'MX-DIF': 'MX-CMX',
  // Poland's 16 voivodeships: ISO 3166-2:PL renamed the letter codes to numbers in 2018, units unchanged.
  'PL-DS': 'PL-02', // Dolnośląskie, Lower Silesian
  'PL-KP': 'PL-04', // Kujawsko-Pomorskie, Kuyavian-Pomeranian
  'PL-LU': 'PL-06', // Lubelskie, Lublin
  'PL-LB': 'PL-08', // Lubuskie, Lubusz
  'PL-LD': 'PL-10', // Łódzkie, Łódź
  'PL-MA': 'PL-12', // Małopolskie, Lesser Poland
  'PL-MZ': 'PL-14', // Mazowieckie, Masovian
  'PL-OP': 'PL-16', // Opolskie, Opole
  'PL-PK': 'PL-18', // Podkarpackie
  'PL-PD': 'PL-20', // Podlaskie
  'PL-PM': 'PL-22', // Pomorskie, Pomeranian
  'PL-SL': 'PL-24', // Śląskie, Silesian
  'PL-SK': 'PL-26', // Świętokrzyskie
  'PL-WN': 'PL-28', // Warmińsko-Mazurskie, Warmian-Masurian
  'PL-WP': 'PL-30', // Wielkopolskie, Greater Poland
  'PL-ZP': 'PL-32', // Zachodniopomorskie, West Pomeranian
  // Czechia's 14 kraje under their older letter codes: the map's shapes are today's regions (Prague and Central
  // Bohemia apart; the shape named "Plzeň-" is the whole Plzeň region), ISO numbers them since 2011.
  'CZ-PR': 'CZ-10', // Praha
  'CZ-ST': 'CZ-20', // Středočeský, Central Bohemian
  'CZ-JC': 'CZ-31', // Jihočeský, South Bohemian
  'CZ-PL': 'CZ-32', // Plzeňský
  'CZ-KA': 'CZ-41', // Karlovarský
  'CZ-US': 'CZ-42', // Ústecký
  'CZ-LI': 'CZ-51', // Liberecký
  'CZ-KR': 'CZ-52', // Královéhradecký
  'CZ-PA': 'CZ-53', // Pardubický
  'CZ-VY': 'CZ-63', // Vysočina
  'CZ-JM': 'CZ-64', // Jihomoravský, South Moravian
  'CZ-OL': 'CZ-71', // Olomoucký
  'CZ-ZL': 'CZ-72', // Zlínský
  'CZ-MO': 'CZ-80', // Moravskoslezský, Moravian-Silesian
};
/** Countries whose map shapes are older units than ISO's of today with similar names (never aliased by name). */
const notByName = new Set(['NP', 'LV']);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const topology = JSON.parse(readFileSync(path.join(root, 'resources/geo/boundaries.topo.json'), 'utf8')) as Topology;
const rows = readFileSync(path.join(root, 'resources/geo/subdivisions.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => line.split('\t'));
const iso = new Map(rows.map((r) => [r[1], { country: r[0], level: Number(r[2]), names: [r[5], r[6]] }]));

const shapes = new Map<string, { en?: string; fr?: string }>();
for (const level of ['regions', 'subdivisions'] as const) {
  const object = topology.objects[level] as { geometries: { id?: string | number; properties?: object }[] };
  for (const g of object.geometries) shapes.set(String(g.id), (g.properties ?? {}) as { en?: string; fr?: string });
}

// The level each country's shapes are at: what most of its ISO-keyed shapes are.
const levelVotes = new Map<string, number[]>();
for (const key of shapes.keys()) {
  const code = iso.get(key);
  if (!code) continue;
  const votes = levelVotes.get(code.country) ?? [0, 0, 0];
  votes[code.level]++;
  levelVotes.set(code.country, votes);
}
const shapeLevel = (country: string) => {
  const votes = levelVotes.get(country);
  return votes && votes[2] > votes[1] ? 2 : 1;
};

const byName = new Map<string, Set<string>>();
for (const [code, entry] of iso) {
  if (shapes.has(code) || entry.level !== shapeLevel(entry.country)) continue;
  for (const name of entry.names) {
    if (!name) continue;
    const key = `${entry.country}|${fold(name)}`;
    if (!byName.has(key)) byName.set(key, new Set());
    byName.get(key)!.add(code);
  }
}

const found = new Map<string, string>();
for (const [key, props] of shapes) {
  if (iso.has(key) || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(key) || key in handAliases) continue;
  const country = key.slice(0, 2);
  if (notByName.has(country)) continue;
  const hits = new Set<string>();
  for (const name of [props.en, props.fr]) {
    if (name) for (const code of byName.get(`${country}|${fold(name)}`) ?? []) hits.add(code);
  }
  if (hits.size === 1) found.set(key, [...hits][0]);
}
const claims = new Map<string, number>();
for (const code of found.values()) claims.set(code, (claims.get(code) ?? 0) + 1);
const aliases: Record<string, string> = { ...handAliases };
for (const [key, code] of [...found].sort()) if (claims.get(code) === 1) aliases[key] = code;
for (const [key, code] of Object.entries(aliases)) {
  if (!shapes.has(key) || !iso.has(code)) throw new Error(`Alias ${key} -> ${code}: unknown key or code`);
}

const boundaryOnly = [...shapes.keys()].filter((k) => k.length > 2 && !iso.has(k) && !(k in aliases)).sort();
const body = `/**
 * Generated by scripts/geo/build-region-aliases.ts from resources/geo (do not edit): map boundary keys and the
 * canonical ISO 3166-2 codes they name when the two differ (${Object.keys(aliases).length} keys). Read through
 * src/shared/regionAliases.ts.
 */
export const boundaryAliases: Readonly<Record<string, string>> = ${JSON.stringify(aliases, null, 2)};

/** Map keys that name no ISO code of today (${boundaryOnly.length}): rules test them by point in polygon. */
export const boundaryOnlyKeys: readonly string[] = ${JSON.stringify(boundaryOnly)};
`;
writeFileSync(path.join(root, 'src/shared/regionAliases.data.ts'), body);
console.log(`${Object.keys(aliases).length} aliases, ${boundaryOnly.length} boundary-only keys left`);
