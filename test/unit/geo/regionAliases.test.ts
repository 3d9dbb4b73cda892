/**
 * One key per place: the map's boundary keys against the canonical ISO 3166-2 codes of places.ts (resources/geo
 * subdivisions.tsv), read from the shipped files. A region picked on the map and a region resolved from an
 * account's text must be the same key, for rules, shading and Start from data alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { regionKindOf } from '../../../src/shared/geography';
import { boundaryAliases, boundaryOnlyKeys } from '../../../src/shared/regionAliases.data';
import { boundaryKeyOf, canonicalRegionKey, isShapeOnlyKey } from '../../../src/shared/regionAliases';
import { subdivisionName } from '../../../src/model/import/geo/placeResolver';
import { places } from '../import/helpers';

const root = path.resolve(import.meta.dirname, '../../..');
const topology = JSON.parse(readFileSync(path.join(root, 'resources/geo/boundaries.topo.json'), 'utf8')) as Topology;
const boundaryKeys = new Set<string>();
for (const level of ['countries', 'regions', 'subdivisions'] as const) {
  const object = topology.objects[level] as { geometries: { id?: string | number }[] };
  for (const g of object.geometries) boundaryKeys.add(String(g.id));
}
const canonical = new Set(
  readFileSync(path.join(root, 'resources/geo/subdivisions.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t')[1]),
);

describe('map keys and canonical places', () => {
  it('sorts every map subdivision key: canonical already, aliased to one canonical code, or shape-only', () => {
    const subdivisionKeys = [...boundaryKeys].filter((k) => k.length > 2);
    const notCanonical = subdivisionKeys.filter((k) => !canonical.has(k));
    // About 656 shapes carry keys ISO 3166-2 no longer has (or never had).
    expect(notCanonical.length).toBeGreaterThan(600);
    for (const key of notCanonical) {
      const aliased = key in boundaryAliases;
      expect(aliased !== boundaryOnlyKeys.includes(key), key).toBe(true);
      if (aliased) expect(canonical.has(boundaryAliases[key]), key).toBe(true);
      else expect(isShapeOnlyKey(key), key).toBe(true);
    }
    expect(Object.keys(boundaryAliases).length + boundaryOnlyKeys.length).toBe(notCanonical.length);
  });

  it('maps every canonical code that has a boundary to it, and back', () => {
    let withBoundary = 0;
    for (const code of canonical) {
      const key = boundaryKeyOf(code);
      if (!boundaryKeys.has(key)) continue;
      withBoundary++;
      expect(canonicalRegionKey(key), code).toBe(code);
    }
    expect(withBoundary).toBeGreaterThan(3_500);
    // No two map keys name one code, and no alias points at a code that has a shape of its own.
    const codes = Object.values(boundaryAliases);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(boundaryKeys.has(code), code).toBe(false);
  });

  it('knows Paris and the overseas départements under their ISO codes of today', () => {
    expect(canonicalRegionKey('FR-75')).toBe('FR-75C');
    expect(boundaryKeyOf('FR-75C')).toBe('FR-75');
    expect(
      ['FR-GP', 'FR-MQ', 'FR-GF', 'FR-RE', 'FR-YT'].map((k) => [
        canonicalRegionKey(k),
        boundaryKeyOf(canonicalRegionKey(k)),
      ]),
    ).toEqual([
      ['FR-971', 'FR-GP'],
      ['FR-972', 'FR-MQ'],
      ['FR-973', 'FR-GF'],
      ['FR-974', 'FR-RE'],
      ['FR-976', 'FR-YT'],
    ]);
    // Keys that are the same on both sides pass through.
    for (const key of ['FR', 'FR-IDF', 'FR-69', 'US-CA', 'DE-BY', 'US-06037']) {
      expect(canonicalRegionKey(key)).toBe(key);
      expect(boundaryKeyOf(key)).toBe(key);
    }
  });

  it("gives a map pick and an account's place text the same key", () => {
    const pick = (key: string) => canonicalRegionKey(key);
    // "Paris" as a région's département, from text and from a postal code.
    expect(places.subdivision('FR', 'Paris')).toMatchObject({ found: true, subdivision: { code: pick('FR-75') } });
    expect(places.subregionOfPostal('FR', '75008')?.code).toBe(pick('FR-75'));
    expect(places.subregionOfPostal('FR', '97110')?.code).toBe(pick('FR-GP'));
    expect(places.subdivision('FR', 'Guadeloupe')).toMatchObject({ found: true, subdivision: { code: pick('FR-GP') } });
    expect(places.subdivision('FR', 'La Réunion')).toMatchObject({ found: true, subdivision: { code: pick('FR-RE') } });
    expect(places.subdivision('FR', 'Rhône')).toMatchObject({ found: true, subdivision: { code: pick('FR-69') } });
    expect(places.subdivision('US', 'California')).toMatchObject({ found: true, subdivision: { code: pick('US-CA') } });
  });

  it('knows Mexico City, the Polish voivodeships and the Czech kraje under their ISO codes of today', () => {
    // Written by hand from ISO 3166-2:MX (MX-DIF became MX-CMX in 2016), :PL (numbers since 2018, in the
    // alphabetical order of the Polish names) and :CZ (numbers since 2011).
    const expected: [string, string][] = [
      ['MX-DIF', 'MX-CMX'],
      ['PL-DS', 'PL-02'], // Dolnośląskie
      ['PL-LD', 'PL-10'], // Łódzkie
      ['PL-MZ', 'PL-14'], // Mazowieckie
      ['PL-SL', 'PL-24'], // Śląskie
      ['PL-WP', 'PL-30'], // Wielkopolskie
      ['PL-ZP', 'PL-32'], // Zachodniopomorskie
      ['CZ-PR', 'CZ-10'], // Praha
      ['CZ-ST', 'CZ-20'], // Středočeský
      ['CZ-PL', 'CZ-32'], // Plzeňský
      ['CZ-VY', 'CZ-63'], // Vysočina
      ['CZ-JM', 'CZ-64'], // Jihomoravský
      ['CZ-MO', 'CZ-80'], // Moravskoslezský
    ];
    for (const [key, code] of expected) {
      expect([key, canonicalRegionKey(key), boundaryKeyOf(code), isShapeOnlyKey(key)]).toEqual([key, code, key, false]);
    }
    // Records carry today's codes: the place resolver gives the code the map's key stands for.
    expect(places.subdivision('MX', 'Ciudad de México')).toMatchObject({ subdivision: { code: 'MX-CMX' } });
    expect(places.subdivision('PL', 'Mazowieckie')).toMatchObject({
      subdivision: { code: canonicalRegionKey('PL-MZ') },
    });
    expect(places.subdivision('CZ', 'Jihomoravský kraj')).toMatchObject({
      subdivision: { code: canonicalRegionKey('CZ-JM') },
    });
  });

  it('takes counties and map-only shapes as shape-only keys, never ISO codes', () => {
    expect(isShapeOnlyKey('US-06037')).toBe(true);
    expect(isShapeOnlyKey('CY~ESB-5132')).toBe(true);
    expect(regionKindOf('CY~ESB-5132')).toBe('subdivision');
    expect(isShapeOnlyKey('LV-084')).toBe(true);
    expect(isShapeOnlyKey('FR-75')).toBe(false);
    expect(isShapeOnlyKey('US-CA')).toBe(false);
    expect(isShapeOnlyKey('FR')).toBe(false);
  });
});

describe("the map's first-level regions are the first-level places", () => {
  type Shape = { id: string; arcs: unknown; properties: { c: string; en: string } };
  const shapesOf = (level: 'regions' | 'subdivisions') =>
    (topology.objects[level] as unknown as { geometries: Shape[] }).geometries;
  const [regions, subdivisions] = [shapesOf('regions'), shapesOf('subdivisions')];
  // Read again, simply: code → level and parent, from the same file places.ts reads.
  const isoRows = readFileSync(path.join(root, 'resources/geo/subdivisions.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
  const isoLevel = new Map(isoRows.map((r) => [r[1], Number(r[2])]));
  const isoParent = new Map(isoRows.map((r) => [r[1], r[3]]));
  const codesAt = (country: string, level: number) =>
    isoRows.filter((r) => r[0] === country && Number(r[2]) === level).map((r) => r[1]);
  const keysOf = (shapes: Shape[], country: string) =>
    shapes.filter((g) => g.id.startsWith(`${country}-`)).map((g) => g.id);

  it("keys Spain's communities by today's ISO codes: Navarre ES-NC, Murcia ES-MC, the Balearics ES-IB, La Rioja ES-RI", () => {
    expect(keysOf(regions, 'ES').sort()).toEqual(codesAt('ES', 1).sort());
    const byKey = new Map(regions.map((g) => [g.id, g.properties.en]));
    expect(byKey.get('ES-NC')).toContain('Navarra');
    expect(byKey.get('ES-MC')).toContain('Murcia');
    expect(byKey.get('ES-IB')).toBe('Balearic Islands');
    expect(byKey.get('ES-RI')).toBe('La Rioja');
  });

  it('keeps the provinces, the level below, under their own codes (Ceuta and Melilla have no provinces)', () => {
    expect(keysOf(subdivisions, 'ES').sort()).toEqual([...codesAt('ES', 2), 'ES-CE', 'ES-ML'].sort());
    for (const province of ['ES-NA', 'ES-MU', 'ES-PM', 'ES-LO']) {
      expect(keysOf(regions, 'ES'), province).not.toContain(province);
      expect(keysOf(regions, 'ES'), province).toContain(isoParent.get(province));
    }
  });

  it('names Spain\'s communities in French and English as the map does (the French pickers say "Andalousie")', () => {
    const mapNames = new Map(regions.map((g) => [g.id, g.properties as unknown as { en: string; fr: string }]));
    for (const code of codesAt('ES', 1)) {
      const s = places.byCode(code)!;
      expect([code, subdivisionName('en', s), subdivisionName('fr', s)]).toEqual([
        code,
        mapNames.get(code)!.en,
        mapNames.get(code)!.fr,
      ]);
    }
    expect(subdivisionName('fr', places.byCode('ES-AN')!)).toBe('Andalousie');
    expect(subdivisionName('fr', places.byCode('ES-NC')!)).toBe('Communauté forale de Navarre');
  });

  it('resolves every map region of Mexico, Poland and Czechia to one first-level code of today, each code once', () => {
    for (const [country, count] of [
      ['MX', 32],
      ['PL', 16],
      ['CZ', 14],
    ] as const) {
      const keys = keysOf(regions, country);
      expect([country, keys.length]).toEqual([country, count]);
      const codes = keys.map(canonicalRegionKey);
      // One-to-one: the map's units are exactly today's first-level units.
      expect(codes.sort()).toEqual(codesAt(country, 1).sort());
      for (const key of keys) {
        expect([key, isoLevel.get(canonicalRegionKey(key)), boundaryKeyOf(canonicalRegionKey(key))]).toEqual([
          key,
          1,
          key,
        ]);
      }
      // The subdivisions level draws the same shapes under the same keys.
      expect(keysOf(subdivisions, country).sort()).toEqual(keys.sort());
    }
  });

  it('pairs each old Polish and Czech key with the unit of the same name (second check of the hand table)', () => {
    // A word of the map's English name starts like ISO's local or English name once folded ("Lower Silesian
    // Voivodeship" / "Lower Silesia", "Hradec Králové" / "Královéhradecký kraj"), after three exonyms.
    const fold = (text: string) =>
      text
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/ł/gi, 'l')
        .toLowerCase();
    const exonyms: [string, string][] = [
      ['south ', 'jiho'], // South Bohemian / Jihočeský, South Moravian / Jihomoravský
      ['central bohemian', 'stredocesky'],
      ['masov', 'mazov'], // Masovian / Mazowieckie, Mazovia
    ];
    const names = new Map(isoRows.map((r) => [r[1], [fold(r[5]), fold(r[6])]]));
    const pairs = regions.filter((g) => /^(PL|CZ)-/.test(g.id));
    expect(pairs.length).toBe(16 + 14);
    for (const g of pairs) {
      const mapName = exonyms.reduce((name, [from, to]) => name.replace(from, to), fold(g.properties.en));
      const isoNames = names.get(canonicalRegionKey(g.id))!;
      const ok = mapName
        .split(/[ -]+/)
        .some((word) => word.length >= 3 && isoNames.some((name) => name.startsWith(word.slice(0, 3))));
      expect([g.id, g.properties.en, canonicalRegionKey(g.id), ok]).toEqual([
        g.id,
        g.properties.en,
        canonicalRegionKey(g.id),
        true,
      ]);
    }
  });

  it('has every region of the countries whose regions are merged from subdivisions (France, Spain) at the first level', () => {
    const subdivisionKeys = new Set(subdivisions.map((g) => g.id));
    const mergedCountries = new Set(regions.filter((g) => !subdivisionKeys.has(g.id)).map((g) => g.properties.c));
    expect([...mergedCountries].sort()).toEqual(['ES', 'FR']);
    const keys = regions.filter((g) => mergedCountries.has(g.properties.c) && !isShapeOnlyKey(g.id)).map((g) => g.id);
    expect(keys.length).toBe(19 + 13 + 5);
    for (const key of keys) expect([key, isoLevel.get(canonicalRegionKey(key))]).toEqual([key, 1]);
  });
});
