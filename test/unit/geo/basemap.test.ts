import { readFileSync } from 'node:fs';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
  basemapStyle,
  boundarySource,
  followDeferredLevels,
  levelMinZoom,
  lineMinZoom,
  mapColors,
} from '../../../src/renderer/app/views/map/basemap';
import type { MapData } from '../../../src/renderer/app/views/map/mapData';

const root = path.resolve(import.meta.dirname, '../../..');
const topology = JSON.parse(readFileSync(path.join(root, 'resources/geo/boundaries.topo.json'), 'utf8')) as Topology;

/** The zoom from which each shape of `level` in `country` draws its lines. */
function zoomsOf(level: 'regions' | 'subdivisions', country: string): number[] {
  const object = topology.objects[level] as GeometryCollection<{ c?: string }>;
  return object.geometries
    .filter((g) => ((g.properties as { c?: string } | undefined)?.c ?? String(g.id).slice(0, 2)) === country)
    .map((g) => lineMinZoom((feature(topology, g) as { geometry: Polygon | MultiPolygon }).geometry, level));
}

const square = (west: number, south: number, side: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + side, south],
      [west + side, south + side],
      [west, south + side],
      [west, south],
    ],
  ],
});

describe('lineMinZoom: when a shape draws its border lines', () => {
  it('is 0 for countries, whatever their size', () => {
    expect(lineMinZoom(square(7.4, 43.7, 0.02), 'countries')).toBe(0);
  });

  it("is the level's own zoom for large shapes, later for small ones", () => {
    expect(lineMinZoom(square(0, 0, 10), 'regions')).toBe(levelMinZoom.regions);
    expect(lineMinZoom(square(0, 0, 10), 'subdivisions')).toBe(levelMinZoom.subdivisions);
    // 1 degree at the equator: 56 px wide from zoom 5.3, so from tile zoom 6.
    expect(lineMinZoom(square(0, 0, 1), 'regions')).toBe(6);
    // 0.1 degree: ten times smaller, 3.3 zooms later.
    expect(lineMinZoom(square(0, 0, 0.1), 'regions')).toBe(9);
    // Far north a degree of latitude is drawn taller (Mercator): the same square shows sooner.
    expect(lineMinZoom(square(0, 70, 0.4), 'regions')).toBeLessThan(lineMinZoom(square(0, 0, 0.4), 'regions'));
  });

  it('measures a multipolygon by the box around all its parts', () => {
    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 0.1).coordinates, square(4.9, 4.9, 0.1).coordinates],
    };
    expect(lineMinZoom(islands, 'regions')).toBe(lineMinZoom(square(0, 0, 5), 'regions'));
  });

  it("holds back Slovenia's municipalities and Italy's provinces, not France's régions", () => {
    // Tiles are cut at the nearest whole zoom: régions drawn from 4 show on a Europe view (zoom 3.5 and more).
    const regionZoom = (key: string) => {
      const g = (topology.objects.regions as GeometryCollection).geometries.find((x) => x.id === key)!;
      return lineMinZoom((feature(topology, g) as { geometry: Polygon | MultiPolygon }).geometry, 'regions');
    };
    for (const key of ['FR-NAQ', 'FR-OCC', 'FR-ARA', 'FR-GES', 'FR-BFC', 'FR-HDF', 'FR-BRE', 'DE-BY', 'DE-NI']) {
      expect(regionZoom(key), key).toBeLessThanOrEqual(4);
    }
    expect(zoomsOf('regions', 'FR').length).toBeGreaterThan(12);
    const slovenia = zoomsOf('regions', 'SI');
    expect(slovenia.length).toBeGreaterThan(150);
    expect(Math.min(...slovenia)).toBeGreaterThanOrEqual(7);
    const italy = zoomsOf('regions', 'IT').sort((a, b) => a - b);
    expect(italy.length).toBeGreaterThan(100);
    expect(Math.min(...italy)).toBeGreaterThanOrEqual(5);
    expect(italy[italy.length >> 1]).toBeGreaterThanOrEqual(6);
  });

  it('never draws subdivisions before their level', () => {
    expect(Math.min(...zoomsOf('subdivisions', 'FR'))).toBe(levelMinZoom.subdivisions);
  });
});

describe('lakes: water over the land', () => {
  const read = (file: string) => JSON.parse(readFileSync(path.join(root, 'resources/geo', file), 'utf8')) as Topology;
  const shapes = (t: Topology, object: string) =>
    (feature(t, t.objects[object] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>).features;
  const lakes = shapes(read('lakes.topo.json'), 'lakes');
  const countries = shapes(topology, 'countries');
  // Ten country rings as merged at build time (mergeArcs) do not end where they start: closed for turf.
  const closed = (f: Feature<Polygon | MultiPolygon>): MultiPolygon => ({
    type: 'MultiPolygon',
    coordinates: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) =>
      p.map((ring) => (String(ring[0]) === String(ring[ring.length - 1]) ? ring : [...ring, ring[0]])),
    ),
  });
  const within = (list: Feature<Polygon | MultiPolygon>[], lon: number, lat: number) =>
    list.filter((f) => booleanPointInPolygon([lon, lat], closed(f))).map((f) => String(f.id));

  it('cover the Great Lakes and others that the boundaries draw as land', () => {
    const water: [string, number, number][] = [
      ['Lake Michigan', -87.0, 43.5],
      ['Lake Superior', -87.5, 47.5],
      ['Lake Huron', -82.3, 44.5],
      ['Lake Erie', -81.0, 42.2],
      ['Lake Ontario', -77.8, 43.6],
      ['Lake Victoria', 33.0, -1.0],
      ['Lake Baikal', 108.0, 53.0],
      ['Lake Geneva', 6.5, 46.45],
    ];
    for (const [name, lon, lat] of water) {
      // The countries (merged from Natural Earth admin-1) hold the lake: drawn alone, it is land.
      expect(within(countries, lon, lat), name).toHaveLength(1);
      expect(within(lakes, lon, lat), name).toHaveLength(1);
    }
    expect(lakes.length).toBeGreaterThan(200);
  });

  it('leave the land around them land', () => {
    for (const [lon, lat] of [
      [-87.9, 43.0], // Milwaukee
      [-87.75, 41.85], // Chicago
      [-83.05, 42.35], // Detroit
      [2.35, 48.86], // Paris
    ]) {
      expect(within(lakes, lon, lat), `${lon}, ${lat}`).toEqual([]);
    }
  });

  it('are drawn in the water colour over every shading, hatching and region line, under the country borders', () => {
    const square = (key: string, side = 1) => ({
      type: 'Feature' as const,
      id: key,
      properties: { key },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [0, 0],
            [side, 0],
            [side, side],
            [0, side],
            [0, 0],
          ],
        ],
      },
    });
    const collection = (keys: string[]) => ({
      type: 'FeatureCollection' as const,
      features: keys.map((k) => square(k)),
    });
    const data = {
      shapes: {
        countries: collection(['FR']),
        regions: collection(['FR-IDF']),
        subdivisions: collection(['FR-75']),
        counties: collection(['US-17031']),
      },
      lakes: { type: 'FeatureCollection', features: [square('lake-0'), square('lake-1', 12)] },
      lowCountries: [],
    } as unknown as MapData;
    const style = basemapStyle(data);
    const ids = style.layers.map((l) => l.id);
    const lakesAt = ids.indexOf('lakes');
    expect(lakesAt).toBeGreaterThan(Math.max(...ids.map((id, i) => (/^(shade|lines)-/.test(id) ? i : -1))));
    expect(lakesAt).toBe(ids.indexOf('borders') - 1);
    // The hatching of a region claimed twice stops at the lake shore too.
    expect(ids.indexOf('overlaps')).toBe(lakesAt - 1);
    const layer = style.layers[lakesAt] as { source: string; paint: Record<string, unknown> };
    expect(layer.paint['fill-color']).toBe(mapColors.water);
    // In the source of the land and the borders from the first frame (no mask set of a source of their own).
    expect(layer.source).toBe('world');
    const world = (style.sources.world as GeoJSONSourceSpecification).data as FeatureCollection;
    // A lake is drawn from the zoom where it is 6 px wide: a 1° lake from zoom 3 (8.9 px), a 12° one from the start.
    expect(world.features.map((f) => [f.properties!.key, f.properties!.level, f.properties!.lz])).toEqual([
      ['FR', 'countries', 0],
      ['lake-0', 'lakes', 3],
      ['lake-1', 'lakes', 0],
    ]);
    expect(JSON.stringify((style.layers[lakesAt] as { filter: unknown }).filter)).toContain('"lz"');
  });
});

describe('one source for every level', () => {
  const square = (key: string, west = 0) => ({
    type: 'Feature' as const,
    properties: { key },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [west, 0],
          [west + 1, 0],
          [west + 1, 1],
          [west, 1],
          [west, 0],
        ],
      ],
    },
  });
  const collection = (...features: ReturnType<typeof square>[]) => ({ type: 'FeatureCollection' as const, features });
  // Spain's provinces are subdivisions of their own; Ceuta is a first-level region and a subdivision under one key.
  const data = {
    shapes: {
      countries: collection(square('ES')),
      regions: collection(square('ES-AN'), square('ES-CE', 2)),
      subdivisions: collection(square('ES-SE'), square('ES-CE', 2)),
      counties: collection(square('US-17031', 5)),
    },
    lakes: collection(),
    lowCountries: [
      { below: 4, shapes: collection(square('ES', 0.1)) },
      { below: 3, shapes: collection(square('ES', 0.2)) },
    ],
  } as unknown as MapData;

  it('draws every boundary layer from it: one set of tile masks a frame', () => {
    const style = basemapStyle(data);
    const boundaryLayers = style.layers.filter((l) => /^(shade-|lines-|lakes$|borders$)/.test(l.id));
    expect(boundaryLayers).toHaveLength(9);
    expect(new Set(boundaryLayers.map((l) => (l as { source: string }).source))).toEqual(new Set([boundarySource]));
    expect(Object.keys(style.sources).sort()).toEqual(['areas', 'overlaps', boundarySource].sort());
  });

  /** A map that answers what followDeferredLevels asks, and keeps what it hands to the source. */
  function fakeMap(zoom: number) {
    const handlers = new Map<string, ((e?: unknown) => void)[]>();
    const given: string[][] = [];
    const map = {
      zoom,
      loaded: false,
      on(type: string, f: (e?: unknown) => void) {
        handlers.set(type, [...(handlers.get(type) ?? []), f]);
      },
      off(type: string, f: (e?: unknown) => void) {
        handlers.set(
          type,
          (handlers.get(type) ?? []).filter((g) => g !== f),
        );
      },
      getZoom: () => map.zoom,
      isSourceLoaded: () => map.loaded,
      getSource: () => ({
        setData: (c: FeatureCollection) =>
          given.push(
            c.features.map((f) => `${f.properties!.level}:${f.properties!.key}${f.properties!.copy ? '*' : ''}`),
          ),
      }),
      fire(type: string, e?: unknown) {
        for (const f of handlers.get(type) ?? []) f(e);
      },
    };
    return { map, given };
  }

  it('hands every level over once the land is drawn, and only then', () => {
    const { map, given } = fakeMap(2);
    let drawn = 0;
    followDeferredLevels(map as unknown as MapLibreMap, data, () => drawn++);
    map.fire('sourcedata', { sourceId: boundarySource });
    expect(given).toEqual([]);
    map.loaded = true;
    map.fire('sourcedata', { sourceId: 'overlaps' });
    expect(given).toEqual([]);
    map.fire('sourcedata', { sourceId: boundarySource });
    expect(drawn).toBe(1);
    // The copy of a region among the subdivisions is marked: it shares the region's state and draws nothing.
    // Spain's two zoomed-out shapes come along (the source holds them from the start).
    expect(given).toEqual([
      [
        'countries:ES',
        'regions:ES-AN',
        'regions:ES-CE',
        'subdivisions:ES-SE',
        'subdivisions:ES-CE*',
        'counties:US-17031',
        'countries:ES',
        'countries:ES',
      ],
    ]);
    map.zoom = 7;
    map.fire('moveend');
    map.fire('sourcedata', { sourceId: boundarySource });
    expect(given).toHaveLength(1);
    expect(drawn).toBe(1);
  });

  /** Enough of MapLibre's expressions to evaluate the countries' filter on a feature in a tile of `zoom`. */
  function evaluate(e: unknown, zoom: number, properties: Record<string, unknown>): unknown {
    if (!Array.isArray(e)) return e;
    const [op, ...args] = e as [string, ...unknown[]];
    const at = (i: number) => evaluate(args[i], zoom, properties);
    switch (op) {
      case 'all':
        return args.every((_, i) => at(i));
      case '!':
        return !at(0);
      case '==':
        return at(0) === at(1);
      case '<':
        return (at(0) as number) < (at(1) as number);
      case 'get':
        return properties[args[0] as string] ?? null;
      case 'has':
        return (args[0] as string) in properties;
      case 'zoom':
        return zoom;
      case 'case':
        for (let i = 0; i + 1 < args.length; i += 2) if (at(i)) return at(i + 1);
        return at(args.length - 1);
      default:
        throw new Error(`no ${op}`);
    }
  }

  it('draws the countries from their zoomed-out shapes below zoom 3, then 4, then their full shapes', () => {
    const style = basemapStyle(data);
    for (const id of ['shade-countries', 'borders']) {
      const { filter } = style.layers.find((l) => l.id === id) as { filter: unknown };
      const drawnAt = (zoom: number) =>
        (style.sources.world as GeoJSONSourceSpecification & { data: FeatureCollection }).data.features
          .filter((f) => evaluate(filter, zoom, f.properties!))
          .map((f) => `${f.properties!.key}:${f.properties!.low ?? 'full'}`);
      expect(drawnAt(0), id).toEqual(['ES:3']);
      expect(drawnAt(2), id).toEqual(['ES:3']);
      expect(drawnAt(3), id).toEqual(['ES:4']);
      expect(drawnAt(4), id).toEqual(['ES:full']);
      expect(drawnAt(9), id).toEqual(['ES:full']);
    }
  });

  it('shades and outlines a copy of a region only through the region', () => {
    const style = basemapStyle(data);
    const layer = (id: string) => style.layers.find((l) => l.id === id) as unknown as Record<string, unknown>;
    const shade = layer('shade-subdivisions') as { paint: Record<string, unknown[]> };
    expect(shade.paint['fill-opacity'].slice(0, 3)).toEqual(['case', ['has', 'copy'], 0]);
    expect(JSON.stringify((layer('lines-subdivisions') as { filter: unknown }).filter)).toContain(
      JSON.stringify(['!', ['has', 'copy']]),
    );
  });
});
