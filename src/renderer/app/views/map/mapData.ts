/**
 * The offline boundaries (resources/geo, built by scripts/geo/build-map-data.ts) as the map draws them: GeoJSON per
 * level keyed by region key, names in English and French, label points, and which shapes touch (for colouring).
 * Fetched from the app's own origin on first use of the map; nothing comes from the network.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import boundariesUrl from '../../../../../resources/geo/boundaries.topo.json?url';
import citiesUrl from '../../../../../resources/geo/map-cities.json?url';
import countriesZ2Url from '../../../../../resources/geo/countries-z2.topo.json?url';
import countriesZ3Url from '../../../../../resources/geo/countries-z3.topo.json?url';
import lakesUrl from '../../../../../resources/geo/lakes.topo.json?url';
import countiesUrl from '../../../../../resources/geo/us-counties.topo.json?url';

export type BoundaryLevel = 'countries' | 'regions' | 'subdivisions' | 'counties';
export const boundaryLevels: readonly BoundaryLevel[] = ['countries', 'regions', 'subdivisions', 'counties'];

export interface PlaceName {
  key: string;
  en: string;
  fr: string;
  level: BoundaryLevel;
  /** Label point. */
  lon: number;
  lat: number;
  /** Country of a region (alpha-2). */
  country: string;
}

export interface City {
  /** English name (GeoNames', or the usual English one: "Cologne" for "Köln"). */
  name: string;
  /** French name ("Moscou", "Le Caire"; the English one where they are the same). */
  fr: string;
  lon: number;
  lat: number;
  population: number;
}

export interface MapData {
  shapes: Record<BoundaryLevel, FeatureCollection<Polygon | MultiPolygon, { key: string }>>;
  /** Every region key the map can draw, with its names and level (the finest level wins for a shared key). */
  places: Map<string, PlaceName>;
  /** Where each key is drawn for shading: the level whose source holds it. */
  levelOf: Map<string, BoundaryLevel>;
  /** Pairs of keys whose shapes share a border, per level. */
  touching: [string, string][];
  cities: City[];
  /** Natural Earth's large lakes, drawn as water over the boundaries (which cover them), keyed `lake-N`. */
  lakes: FeatureCollection<Polygon | MultiPolygon, { key: string }>;
  /**
   * The countries as drawn zoomed out, each set below its zoom (from the previous set's): simpler, without their
   * smallest islands (scripts/geo/lowZoomCountries.ts).
   */
  lowCountries: { below: number; shapes: FeatureCollection<Polygon | MultiPolygon, { key: string }> }[];
}

/**
 * Rings of Russia, Fiji or Alaska jump from +180 to -180 longitude; drawn as is they streak across the whole map.
 * Unwrapping each ring to continuous longitudes (past ±180 where needed) draws them whole.
 */
function unwrapRing(ring: Position[]): Position[] {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = ring[i - 1][0];
      if (lon - previous > 180) shift -= 360;
      else if (previous - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

export function unwrapGeometry(geometry: Geometry): Geometry {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === 'MultiPolygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

interface ShapeProps {
  en?: string;
  fr?: string;
  lx?: number;
  ly?: number;
  c?: string;
  name?: string;
}

function toShapes(
  topology: Topology,
  object: GeometryCollection,
  level: BoundaryLevel,
  data: Pick<MapData, 'places' | 'levelOf' | 'touching'>,
): FeatureCollection<Polygon | MultiPolygon, { key: string }> {
  const geometries = object.geometries as (GeometryObject<ShapeProps> & { id: string })[];
  const features: Feature<Polygon | MultiPolygon, { key: string }>[] = [];
  for (const g of geometries) {
    const key = String(g.id);
    const shape = feature(topology, g) as Feature<Polygon | MultiPolygon>;
    if (!shape.geometry) continue;
    features.push({
      type: 'Feature',
      id: undefined,
      properties: { key },
      geometry: unwrapGeometry(shape.geometry) as Polygon | MultiPolygon,
    });
    const p: ShapeProps = g.properties ?? {};
    if (!data.places.has(key) || level === 'subdivisions' || level === 'counties') {
      data.places.set(key, {
        key,
        en: p.en ?? p.name ?? key,
        fr: p.fr ?? p.name ?? key,
        level,
        lon: p.lx ?? NaN,
        lat: p.ly ?? NaN,
        country: p.c ?? key.slice(0, 2),
      });
    }
    if (!data.levelOf.has(key)) data.levelOf.set(key, level);
  }
  neighbors(geometries).forEach((list, i) => {
    for (const j of list) if (j > i) data.touching.push([String(geometries[i].id), String(geometries[j].id)]);
  });
  return { type: 'FeatureCollection', features };
}

/** A TopoJSON object's shapes keyed by their ids, unwrapped across the antimeridian. */
function keyedShapes(topology: Topology, object: string): FeatureCollection<Polygon | MultiPolygon, { key: string }> {
  const shapes = feature(topology, topology.objects[object] as GeometryCollection) as FeatureCollection<
    Polygon | MultiPolygon
  >;
  return {
    type: 'FeatureCollection',
    features: shapes.features
      .filter((f) => f.geometry)
      .map((f) => ({
        type: 'Feature',
        properties: { key: String(f.id) },
        geometry: unwrapGeometry(f.geometry) as Polygon | MultiPolygon,
      })),
  };
}

let loading: Promise<MapData> | null = null;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Map data ${url} could not be read (${response.status})`);
  return (await response.json()) as T;
}

/** Loaded once per window, on first use. */
export function loadMapData(): Promise<MapData> {
  loading ??= (async () => {
    const [world, us, cityRows, lakeTopology, z2, z3] = await Promise.all([
      fetchJson<Topology>(boundariesUrl),
      fetchJson<Topology>(countiesUrl),
      fetchJson<[string, number, number, number, string, string?][]>(citiesUrl),
      fetchJson<Topology>(lakesUrl),
      fetchJson<Topology>(countriesZ2Url),
      fetchJson<Topology>(countriesZ3Url),
    ]);
    const data = { places: new Map<string, PlaceName>(), levelOf: new Map<string, BoundaryLevel>(), touching: [] };
    const shapes = {
      countries: toShapes(world, world.objects.countries as GeometryCollection, 'countries', data),
      regions: toShapes(world, world.objects.regions as GeometryCollection, 'regions', data),
      subdivisions: toShapes(world, world.objects.subdivisions as GeometryCollection, 'subdivisions', data),
      counties: toShapes(us, us.objects.counties as GeometryCollection, 'counties', data),
    };
    // County names read "Los Angeles"; their label points are not shipped (they are named on hover only).
    for (const place of data.places.values()) {
      if (place.level === 'counties') place.country = 'US';
    }
    // Rows are [name, lon, lat, population, country, French name where it differs].
    const cities = cityRows.map(([name, lon, lat, population, , fr]) => ({
      name,
      fr: fr ?? name,
      lon,
      lat,
      population,
    }));
    const lakes = keyedShapes(lakeTopology, 'lakes');
    const lowCountries = [
      { below: 3, shapes: keyedShapes(z2, 'countries') },
      { below: 4, shapes: keyedShapes(z3, 'countries') },
    ];
    return { shapes, ...data, cities, lakes, lowCountries };
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** A key's name in the UI language, the key itself when the map does not know it. */
export function placeName(data: MapData | null, key: string, language: string): string {
  const place = data?.places.get(key);
  if (!place) return key;
  return language.startsWith('fr') ? place.fr : place.en;
}
