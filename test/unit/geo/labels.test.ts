import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapLabels, type Box } from '../../../src/renderer/app/views/map/labels';
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
