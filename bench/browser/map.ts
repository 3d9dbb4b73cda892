/**
 * The Map view's hot paths, timed in Chromium (SwiftShader) with the app's own code: the basemap from
 * resources/geo, the WebGL points layer fed with typed arrays from a worker, feature-state shading of US counties,
 * and the engine's assignment of points to territory polygons over a grid index.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Polygon as GeoPolygon } from '../../src/shared/domain';
import type { Territory } from '../../src/shared/domain';
import { assignPointsToAreas, buildGeoAreaIndex } from '../../src/model/engine/geo/areas';
import {
  basemapStyle,
  followDeferredLevels,
  hatchImage,
  mapColors,
  skipInvisibleSky,
} from '../../src/renderer/app/views/map/basemap';
import { MapLabels } from '../../src/renderer/app/views/map/labels';
import { loadMapData, type MapData } from '../../src/renderer/app/views/map/mapData';
import { Shading } from '../../src/renderer/app/views/map/mapShading';
import { pointColors, PointsLayer, toMercator } from '../../src/renderer/app/views/map/pointsLayer';

maplibregl.setWorkerUrl(workerUrl);

interface Points {
  recordIds: Uint32Array;
  lonLat: Float32Array;
  territoryOfPoint: Int32Array;
  territoryIds: string[];
}

/** Time the place names took on each frame since the last `mapLabelsMs`. */
let labelMs: number[] = [];

/** The median time the place names took per frame since the last call (then forgets them). */
export function mapLabelsMs(): number {
  const sorted = labelMs.sort((a, b) => a - b);
  labelMs = [];
  return sorted.length === 0 ? 0 : sorted[sorted.length >> 1];
}

let state: { map: maplibregl.Map; data: MapData; layer: PointsLayer | null; worker: Worker; shading: Shading } | null =
  null;

const idle = (map: maplibregl.Map) =>
  new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });

/** Draws a frame now and waits until the GPU (SwiftShader) has finished it. */
function frame(map: maplibregl.Map): void {
  map.redraw();
  const gl = map.painter.context.gl;
  const pixel = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
}

export interface StartTiming {
  /** The boundaries fetched and parsed (loadMapData). */
  dataMs: number;
  /** From the map's creation until the countries in view are drawn (the Map view then shows place names). */
  landMs: number;
  /** From the map's creation until MapLibre's `load` (every source's tiles in view, the regions' included). */
  loadMs: number;
}

/**
 * The map, full window, its boundary levels handed over as the Map view does, at a continent view; answers how long
 * its start took (null when it was already there).
 */
export async function mapSetup(): Promise<StartTiming | null> {
  if (state) return null;
  const t0 = performance.now();
  const data = await loadMapData();
  const t1 = performance.now();
  let landAt = NaN;
  const container = document.createElement('div');
  container.style.cssText = `position:absolute;inset:0;background:${mapColors.water}`;
  document.body.style.margin = '0';
  document.body.appendChild(container);
  const map = new maplibregl.Map({
    container,
    style: basemapStyle(data),
    center: [-30, 45],
    zoom: 2,
    renderWorldCopies: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  skipInvisibleSky(map);
  // Regions once the land is drawn, subdivisions and counties as the camera nears them, as the Map view does.
  followDeferredLevels(map, data, () => (landAt = performance.now()));
  await new Promise<void>((resolve) => map.on('load', () => resolve()));
  const timing = { dataMs: t1 - t0, landMs: landAt - t1, loadMs: performance.now() - t1 };
  // Place names on a canvas over the map, drawn on every frame's render event as the Map view draws them.
  const labelCanvas = document.createElement('canvas');
  labelCanvas.style.cssText = 'position:absolute;inset:0;pointer-events:none';
  document.body.appendChild(labelCanvas);
  const labels = new MapLabels(labelCanvas, map, data);
  map.on('render', () => {
    const t0 = performance.now();
    labels.draw('en');
    labelMs.push(performance.now() - t0);
  });
  // The same handle the app gives tests, for probes that steer the camera or toggle layers.
  (window as unknown as { territoryMap?: maplibregl.Map }).territoryMap = map;
  map.addImage('hatch', hatchImage());
  await idle(map);
  const worker = new Worker(new URL('./mapPointsWorker.ts', import.meta.url), { type: 'module' });
  state = { map, data, layer: null, worker, shading: new Shading(map, data) };
  return timing;
}

function requestPoints(count: number, territories: number): Promise<Points> {
  const { worker } = state!;
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent<Points>) => resolve(event.data);
    worker.postMessage({ count, territories });
  });
}

export interface PointsTiming {
  /** Request to the worker until the frame holding the points is finished. */
  totalMs: number;
  /** Of which the worker's scan and the copy to the page. */
  transferMs: number;
  /** Of which Mercator positions and colours. */
  prepareMs: number;
  /** Of which upload and the first frame. */
  drawMs: number;
}

const territoryColors = (ids: readonly string[]) =>
  ids.map((id, i) => ({ id, color: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(-6)}` }));

/** `count` points from the worker to a first drawn frame, as the Map view does it, on a fresh points layer. */
export async function mapPointsFirstDraw(count: number): Promise<PointsTiming> {
  const { map } = state!;
  if (state!.layer) map.removeLayer('accounts');
  // The worker builds its columns on first use: untimed.
  await requestPoints(count, 1000);
  const layer = new PointsLayer();
  map.addLayer(layer);
  state!.layer = layer;
  frame(map);
  const t0 = performance.now();
  const points = await requestPoints(count, 1000);
  const t1 = performance.now();
  const positions = toMercator(points.lonLat);
  const colors = pointColors(points, territoryColors(points.territoryIds), null, null);
  const t2 = performance.now();
  layer.setData({ positions, colors, sizes: new Float32Array(points.recordIds.length) });
  frame(map);
  const t3 = performance.now();
  if (count !== points.recordIds.length) throw new Error('points lost on the way');
  return { totalMs: t3 - t0, transferMs: t1 - t0, prepareMs: t2 - t1, drawMs: t3 - t2 };
}

const views: [number, number, number][] = [
  [-30, 45, 2],
  [10, 50, 3.5],
  [2.5, 46.6, 5],
  [-95, 38, 3.5],
  [-87.9, 41.9, 6.5],
  [-100, 40, 2.5],
];

/**
 * One frame after a jump of the camera (pan and zoom, the i-th of a tour of world, Europe, France, US and county
 * views) with the points loaded; with `points` false, the same frame without the points layer (the basemap's
 * share).
 */
export function mapPanZoomFrame(i: number, points = true): number {
  const { map } = state!;
  map.setLayoutProperty('accounts', 'visibility', points ? 'visible' : 'none');
  const [lon, lat, zoom] = views[i % views.length];
  map.jumpTo({ center: [lon + (i % 3) * 0.5, lat], zoom });
  const t0 = performance.now();
  frame(map);
  return performance.now() - t0;
}

/**
 * The same frame as `mapPanZoomFrame` (with the points), cut by layer: the GPU is made to finish before and after
 * each layer (a one-pixel read), so each layer's time is its own. The flushes add a little to every layer; the sum
 * is a bit above the frame's time.
 */
export function mapFrameByLayer(i: number): Record<string, number> {
  const { map } = state!;
  map.setLayoutProperty('accounts', 'visibility', 'visible');
  const [lon, lat, zoom] = views[i % views.length];
  map.jumpTo({ center: [lon + (i % 3) * 0.5, lat], zoom });
  const painter = map.painter as unknown as {
    renderLayer(...args: unknown[]): void;
    context: { gl: WebGL2RenderingContext };
  };
  const gl = painter.context.gl;
  const finish = () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  const renderLayer = painter.renderLayer;
  const times: Record<string, number> = {};
  painter.renderLayer = (...args: unknown[]) => {
    finish();
    const t0 = performance.now();
    renderLayer.apply(painter, args);
    finish();
    const id = (args[2] as { id: string }).id;
    times[id] = (times[id] ?? 0) + performance.now() - t0;
  };
  const t0 = performance.now();
  try {
    frame(map);
  } finally {
    painter.renderLayer = renderLayer;
  }
  times.frame = performance.now() - t0;
  return times;
}

let bare: { map: maplibregl.Map; container: HTMLElement } | null = null;

/**
 * One frame of a bare MapLibre map (a style with no source and no layer) after a small jump, the same size as the
 * basemap, laid over it: what MapLibre itself costs per frame in SwiftShader. `skipSky` as the Map view does
 * (basemap.ts `skipInvisibleSky`); without it MapLibre draws its transparent sky over the whole window. A frame is
 * presented (one animation frame) before the next one is timed, as when panning.
 */
export async function mapBareFrame(i: number, skipSky: boolean): Promise<number> {
  if (!bare) {
    const container = document.createElement('div');
    container.style.cssText = 'position:absolute;inset:0';
    document.body.appendChild(container);
    const map = new maplibregl.Map({
      container,
      style: { version: 8, sources: {}, layers: [] },
      center: [0, 20],
      zoom: 2,
      renderWorldCopies: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    await new Promise<void>((resolve) => map.on('load', () => resolve()));
    bare = { map, container };
  }
  const { map } = bare;
  const painter = map.painter;
  const drawn = painter.drawFunctions;
  if (skipSky) skipInvisibleSky(map);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  map.jumpTo({ center: [(i % 7) * 3, 20], zoom: 2 + (i % 3) * 0.5 });
  const t0 = performance.now();
  frame(map);
  const ms = performance.now() - t0;
  painter.drawFunctions = drawn;
  return ms;
}

/** Removes the bare map (the basemap under it is drawn again by the next benchmark). */
export function mapBareDone(): void {
  bare?.map.remove();
  bare?.container.remove();
  bare = null;
}

/** Territory polygons from real boundaries: the subdivisions, then counties, `count` in all. */
function territoryPolygons(count: number): GeoPolygon[][] {
  const { data } = state!;
  const features = [...data.shapes.subdivisions.features, ...data.shapes.counties.features].slice(0, count);
  return features.map((f) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates as GeoPolygon] : (f.geometry.coordinates as GeoPolygon[]),
  );
}

let lastAssignment: { lonLat: Float32Array; territoryOfPoint: Int32Array; polygons: GeoPolygon[][] } | null = null;

/**
 * The last assignment checked against the rules' own per-territory index (a second implementation) on every
 * `step`-th point; answers the points checked (throws on the first disagreement).
 */
export function mapCheckAssignment(step: number): number {
  const { lonLat, territoryOfPoint, polygons } = lastAssignment!;
  const indexes = polygons.map((areas) => buildGeoAreaIndex(areas));
  let checked = 0;
  for (let i = 0; i < territoryOfPoint.length; i += step) {
    const x = lonLat[2 * i];
    const y = lonLat[2 * i + 1];
    const expected = indexes.findIndex((index) => index.contains(x, y));
    if (expected !== territoryOfPoint[i])
      throw new Error(`point ${i} (${x}, ${y}): territory ${territoryOfPoint[i]}, expected ${expected}`);
    checked++;
  }
  return checked;
}

export interface AssignTiming {
  ms: number;
  placed: number;
  vertices: number;
}

/** `count` points to `territories` polygons through the engine's grid index (building the index included). */
export async function mapAssignPoints(count: number, territories: number): Promise<AssignTiming> {
  const polygons = territoryPolygons(territories);
  let vertices = 0;
  for (const t of polygons) for (const p of t) for (const ring of p) vertices += ring.length;
  const points = await requestPoints(count, 1000);
  const t0 = performance.now();
  const { counts, territoryOfPoint } = assignPointsToAreas(points.lonLat, polygons);
  const ms = performance.now() - t0;
  let placed = 0;
  for (const c of counts) placed += c;
  lastAssignment = { lonLat: points.lonLat, territoryOfPoint, polygons };
  return { ms, placed, vertices };
}

let countiesShown = false;

/**
 * Shading `count` US counties by territory (a tenth as many territories, each with its colour); `run` alternates
 * two different splits so every run changes every county. Timed to the finished frame, camera over the counties.
 */
export async function mapShadeCounties(count: number, run: number): Promise<number> {
  const { map, data, shading } = state!;
  const keys = data.shapes.counties.features.map((f) => f.properties.key).slice(0, count);
  if (keys.length < count) throw new Error(`only ${keys.length} counties`);
  if (!countiesShown) {
    countiesShown = true;
    map.setLayoutProperty('accounts', 'visibility', 'none');
    map.jumpTo({ center: [-90, 38], zoom: 6 });
    await idle(map);
  }
  const n = Math.ceil(count / 10);
  const offset = run % 2;
  const list = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    parentId: 'root',
    color: `#${((((i + offset) * 2654435761) >>> 8) & 0xffffff).toString(16).padStart(6, '0')}`,
    geography: { regions: [] as string[], postalPrefixes: [], areas: [] },
  }));
  keys.forEach((key, k) => list[(k + offset) % n].geography.regions.push(key));
  const territories = list as unknown as Territory[];
  const t0 = performance.now();
  shading.apply({ territories, figures: [], selected: new Set(), changed: new Set() });
  frame(map);
  return performance.now() - t0;
}
