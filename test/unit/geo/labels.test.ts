import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { insidePolygons, MapLabels, type Box } from '../../../src/renderer/app/views/map/labels';
import type { MapData, PlaceName } from '../../../src/renderer/app/views/map/mapData';

/** A 400 × 300 px map of the world at zoom 2: longitude and latitude map linearly to pixels. */
function fakeMap(): MapLibreMap {
  const container = { clientWidth: 400, clientHeight: 300 };
  return {
    getContainer: () => container,
    getZoom: () => 2,
    getCenter: () => ({ lng: 0, lat: 0 }),
    getBearing: () => 0,
    getPitch: () => 0,
    getBounds: () => ({ getWest: () => -180, getEast: () => 180, getSouth: () => -90, getNorth: () => 90 }),
    project: ([lon, lat]: [number, number]) => ({ x: ((lon + 180) / 360) * 400, y: ((90 - lat) / 180) * 300 }),
  } as unknown as MapLibreMap;
}

/** A canvas whose 2D context records the texts filled, with 6 px per character. */
function fakeCanvas() {
  const drawn: { text: string; x: number; y: number }[] = [];
  const ctx = {
    setTransform: () => undefined,
    clearRect: () => drawn.splice(0),
    measureText: (text: string) => ({ width: text.length * 6 }),
    strokeText: () => undefined,
    fillText: (text: string, x: number, y: number) => drawn.push({ text, x, y }),
    beginPath: () => undefined,
    arc: () => undefined,
    fill: () => undefined,
  };
  const canvas = { width: 0, height: 0, style: {}, getContext: () => ctx } as unknown as HTMLCanvasElement;
  return { canvas, drawn };
}

const country = (key: string, en: string, fr: string, lon: number, lat: number): PlaceName => ({
  key,
  en,
  fr,
  level: 'countries',
  lon,
  lat,
  country: key,
});

const data = {
  places: new Map([
    ['ES', country('ES', 'Spain', 'Espagne', -3.7, 40.4)],
    ['BR', country('BR', 'Brazil', 'Brésil', -51.9, -14.2)],
  ]),
  cities: [],
} as unknown as MapData;

describe('map labels', () => {
  beforeEach(() => vi.stubGlobal('window', { devicePixelRatio: 1 }));
  afterEach(() => vi.unstubAllGlobals());

  it('names places in the language asked for', () => {
    const { canvas, drawn } = fakeCanvas();
    const labels = new MapLabels(canvas, fakeMap(), data);
    labels.draw('en');
    expect(drawn.map((d) => d.text).sort()).toEqual(['BRAZIL', 'SPAIN']);
    labels.draw('fr');
    expect(drawn.map((d) => d.text).sort()).toEqual(['BRÉSIL', 'ESPAGNE']);
  });

  it('names cities in the language asked for, switching when the language changes', () => {
    const { canvas, drawn } = fakeCanvas();
    const withCities = {
      ...data,
      cities: [
        { name: 'Moscow', fr: 'Moscou', lon: 37.6, lat: 55.8, population: 10_000_000 },
        { name: 'Tokyo', fr: 'Tokyo', lon: 139.7, lat: 35.7, population: 10_000_000 },
      ],
    } as unknown as MapData;
    const labels = new MapLabels(canvas, fakeMap(), withCities);
    labels.draw('fr');
    expect(drawn.map((d) => d.text)).toEqual(expect.arrayContaining(['Moscou', 'Tokyo']));
    expect(drawn.map((d) => d.text)).not.toContain('Moscow');
    labels.draw('en');
    expect(drawn.map((d) => d.text)).toEqual(expect.arrayContaining(['Moscow', 'Tokyo']));
    expect(drawn.map((d) => d.text)).not.toContain('Moscou');
  });

  it('leaves out a name that a panel over the map would hide, and draws it again once the panel is gone', () => {
    const { canvas, drawn } = fakeCanvas();
    const labels = new MapLabels(canvas, fakeMap(), data);
    // Spain's label is centred near (196, 83): a toolbar across the top 100 px covers it, not Brazil's.
    const toolbar: Box = { x0: 0, y0: 0, x1: 400, y1: 100 };
    labels.draw('en', [toolbar]);
    expect(drawn.map((d) => d.text)).toEqual(['BRAZIL']);
    labels.draw('en', []);
    expect(drawn.map((d) => d.text).sort()).toEqual(['BRAZIL', 'SPAIN']);
  });
});

describe('map labels: a country whose label point is hidden', () => {
  beforeEach(() => vi.stubGlobal('window', { devicePixelRatio: 1 }));
  afterEach(() => vi.unstubAllGlobals());

  // Canada as a box from 140°W to 50°W, 42°N to 80°N, with a lake cut out (a hole) from 100°W to 80°W; its label
  // point at 96°W, 60°N. The fake map draws 0.9° of longitude and 0.6° of latitude per pixel.
  const ring = (w: number, s: number, e: number, n: number) => [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  const canada = {
    type: 'Feature' as const,
    properties: { key: 'CA' },
    geometry: { type: 'Polygon' as const, coordinates: [ring(-140, 42, -50, 80), ring(-100, 50, -80, 70)] },
  };
  const withCanada = (shapes: 'low' | 'none') =>
    ({
      places: new Map([
        ['CA', country('CA', 'Canada', 'Canada', -96, 60)],
        ['BR', country('BR', 'Brazil', 'Brésil', -51.9, -14.2)],
      ]),
      cities: [],
      lowCountries: shapes === 'low' ? [{ below: 3, shapes: { type: 'FeatureCollection', features: [canada] } }] : [],
    }) as unknown as MapData;
  // A legend over the map's left side, down to 40°N: Canada's label point (x 93, y 50) is under it.
  const legend: Box = { x0: 0, y0: 0, x1: 100, y1: 83 };

  it('is named at the point of its visible part nearest its own, clear of the panel and inside the country', () => {
    const { canvas, drawn } = fakeCanvas();
    new MapLabels(canvas, fakeMap(), withCanada('low')).draw('en', [legend]);
    const named = drawn.find((d) => d.text === 'CANADA');
    expect(named).toBeDefined();
    const x0 = named!.x - 2;
    const x1 = named!.x + 'CANADA'.length * 6 + 2;
    // Clear of the legend, within Canada's extent (x 44 to 144, y 17 to 80) and not in its lake.
    expect(x0).toBeGreaterThanOrEqual(legend.x1);
    const lon = ((x0 + x1) / 2 / 400) * 360 - 180;
    const lat = 90 - (named!.y / 300) * 180;
    expect(lon).toBeGreaterThan(-140);
    expect(lon).toBeLessThan(-50);
    expect(lat).toBeGreaterThan(42);
    expect(lat).toBeLessThan(80);
    expect(lon > -100 && lon < -80 && lat > 50 && lat < 70).toBe(false);
    // Nearest its own label point: just right of the legend, not far east.
    expect(x0).toBeLessThan(legend.x1 + 30);
    expect(drawn.map((d) => d.text)).toContain('BRAZIL');
  });

  it('is left out when its whole visible part is under the panel, or when its outline is unknown', () => {
    const { canvas, drawn } = fakeCanvas();
    new MapLabels(canvas, fakeMap(), withCanada('low')).draw('en', [{ x0: 0, y0: 0, x1: 200, y1: 100 }]);
    expect(drawn.map((d) => d.text)).toEqual(['BRAZIL']);
    new MapLabels(canvas, fakeMap(), withCanada('none')).draw('en', [legend]);
    expect(drawn.map((d) => d.text)).toEqual(['BRAZIL']);
  });
});

describe('insidePolygons', () => {
  it('counts holes out and every polygon of a multipolygon in', () => {
    const square = (w: number, s: number, side: number) => [
      [w, s],
      [w + side, s],
      [w + side, s + side],
      [w, s + side],
      [w, s],
    ];
    const polygons = [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 1)]];
    expect(insidePolygons(polygons, 1, 1)).toBe(true);
    expect(insidePolygons(polygons, 5, 5)).toBe(false);
    expect(insidePolygons(polygons, 20.5, 0.5)).toBe(true);
    expect(insidePolygons(polygons, 15, 5)).toBe(false);
  });
});
