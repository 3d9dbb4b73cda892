/**
 * The offline basemap and the territory layers: Natural Earth countries, first-level regions and subdivisions,
 * US counties when zoomed in, all from resources/geo as GeoJSON sources keyed by region key (`promoteId`), so a
 * territory's shading is a feature state and re-shading 3,000 counties writes no data. No tiles, no glyphs, no
 * sprites: nothing is fetched.
 *
 * One source for every level and the lakes, `world`, its finer levels handed over once the land is drawn
 * (`followDeferredLevels`). Before each layer whose source differs from the previous layer's, MapLibre draws its
 * tiles' stencil masks over the whole window, once in the opaque pass (top to bottom) and again in the translucent
 * one (bottom to top), in SwiftShader a few ms each: four level sources drew up to six mask sets a frame, a source
 * for the finer levels between the regions and the borders five from the départements' zoom on, one source draws
 * one (`npm run bench map`).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  MapSourceDataEvent,
  StyleSpecification,
} from 'maplibre-gl';
import { boundaryLevels, type BoundaryLevel, type MapData } from './mapData';

export const mapColors = {
  water: '#dbe7f3',
  land: '#f8fafc',
  border: '#94a3b8',
  regionBorder: '#b6c2d1',
  unassigned: '#64748b',
  /** Regions that hold accounts but belong to no territory. */
  orphan: '#f59e0b',
  selected: '#0f172a',
  /** Regions and accounts that change territory against the compared plan. */
  changed: '#dc2626',
};

/**
 * Zoom from which each level's borders show at the earliest (a shape's own size may hold its lines back further:
 * `lineMinZoom`). Below it not even territory outlines are drawn at that level, only its shading: at world zoom
 * the 4,500 first-level regions' outlines were a third of a frame in software rendering, drawn zero pixels wide.
 */
export const levelMinZoom: Record<BoundaryLevel, number> = { countries: 0, regions: 3, subdivisions: 6, counties: 6 };

/** The source that holds every level's shapes (see the head of this file). */
export const boundarySource = 'world';

/**
 * Width on screen (px) a shape needs before its own border lines are drawn. GeoJSON tiles are cut at the nearest
 * whole zoom, so lines show from half a zoom before: at 56 px a shape is at least 40 px wide when its lines appear.
 */
const lineMinSize = 56;

/**
 * The zoom from which a shape's border lines are drawn: its level's `levelMinZoom`, later for shapes smaller than
 * `lineMinSize` there (their size: the geometric mean of their bounding box's sides in Web Mercator). Slovenia's
 * 193 municipalities, Italy's provinces or Britain's counties would otherwise draw a mesh of lines at zoom 3 to 5
 * where France shows a dozen régions; drawn later they cost nothing before. Whole units: a layer filter compares it
 * with the tile's (whole) zoom. Below it a shape keeps its shading; its outline is drawn by its larger neighbours
 * where it borders them.
 */
export function lineMinZoom(geometry: Polygon | MultiPolygon, level: BoundaryLevel): number {
  if (level === 'countries') return 0;
  return Math.max(levelMinZoom[level], sizeMinZoom(geometry, lineMinSize));
}

/**
 * The first whole zoom at which a shape is `px` pixels wide on screen (its size: the geometric mean of its bounding
 * box's sides in Web Mercator).
 */
function sizeMinZoom(geometry: Polygon | MultiPolygon, px: number): number {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  // Degrees of latitude grow on a Mercator map by 1 / cos(latitude); a degree of longitude is 512 · 2^z / 360 px.
  const stretch = 1 / Math.max(0.05, Math.cos((((south + north) / 2) * Math.PI) / 180));
  const size = Math.sqrt(Math.max(0, east - west) * Math.max(0, north - south) * stretch);
  return size > 0 ? Math.ceil(Math.log2((px * 360) / (512 * size))) : 24;
}

const state = (name: string, fallback: string | number): ExpressionSpecification => [
  'coalesce',
  ['feature-state', name],
  fallback,
];

/**
 * Zoom from which each level's layers draw. Below it no tile builds or draws anything of the level: 3,000 counties
 * or 4,600 subdivisions at continent zoom cost seconds per frame in software rendering for lines nobody can read
 * there.
 */
export const levelLoadZoom: Record<BoundaryLevel, number> = {
  countries: 0,
  regions: 0,
  subdivisions: 4.5,
  counties: 5,
};

/**
 * Fewer, coarser tiles than MapLibre's defaults: boundaries need no street-level precision. `tolerance` is the
 * simplification in screen pixels at every zoom (MapLibre's default is 0.375): at 1.5 a continent view draws far
 * fewer vertices, and where two neighbours' edges are simplified apart the gap is under two pixels, under the border.
 * `buffer` (px around each tile, cut away by the stencil masks) need only hold the widest line (3 px) and its
 * antialiasing: 8 instead of 32 cuts a sixth of every tile's vertices.
 */
const sourceOptions = { maxzoom: 10, tolerance: 1.5, buffer: 8 } as const;

type Shapes = FeatureCollection<
  Polygon | MultiPolygon,
  { key: string; level: BoundaryLevel | 'lakes'; lz: number; copy?: true; low?: number }
>;

const shapesOf = new WeakMap<MapData, Record<BoundaryLevel, Shapes>>();

/**
 * Each level's shapes with what the layers filter on: their level and the zoom from which their lines show. Most
 * subdivisions are first-level regions again under the same key (countries with one level); those are marked `copy`:
 * in the one source they share the region's feature state, and only the region draws its shading and lines (the copy
 * is there to be picked at its level).
 */
function levelShapes(data: MapData): Record<BoundaryLevel, Shapes> {
  let shapes = shapesOf.get(data);
  if (!shapes) {
    const regionKeys = new Set(data.shapes.regions.features.map((f) => f.properties.key));
    const of = (level: BoundaryLevel): Shapes => ({
      type: 'FeatureCollection',
      features: data.shapes[level].features.map((f) => ({
        ...f,
        properties: {
          key: f.properties.key,
          level,
          lz: lineMinZoom(f.geometry, level),
          ...(level === 'subdivisions' && regionKeys.has(f.properties.key) ? { copy: true as const } : {}),
        },
      })),
    });
    shapes = {
      countries: of('countries'),
      regions: of('regions'),
      subdivisions: of('subdivisions'),
      counties: of('counties'),
    };
    shapesOf.set(data, shapes);
  }
  return shapes;
}

/** A source's data: the shapes of `levels`. */
function collection(data: MapData, levels: readonly BoundaryLevel[]): Shapes {
  const shapes = levelShapes(data);
  return { type: 'FeatureCollection', features: levels.flatMap((level) => shapes[level].features) };
}

/**
 * Width on screen (px) a lake needs before it is drawn: below it a lake is a speck that costs its triangles in every
 * tile (most of Natural Earth's 275 lakes at 1:50m are specks at world zoom). Whole zooms, as `lineMinZoom`.
 */
const lakeMinSize = 6;

/** The source's data: the shapes of `levels`, the lakes and the low-zoom countries, which are drawn from the start. */
function worldCollection(data: MapData, levels: readonly BoundaryLevel[]): Shapes {
  const lakes = data.lakes.features.map((f) => ({
    ...f,
    properties: { key: f.properties.key, level: 'lakes', lz: Math.max(0, sizeMinZoom(f.geometry, lakeMinSize)) },
  }));
  const low = data.lowCountries.flatMap(({ below, shapes }) =>
    shapes.features.map((f) => ({
      ...f,
      properties: { key: f.properties.key, level: 'countries', lz: 0, low: below },
    })),
  );
  return { type: 'FeatureCollection', features: [...collection(data, levels).features, ...low, ...lakes] } as Shapes;
}

/**
 * The large lakes as water. Natural Earth's admin-1 shapes (and so the countries, regions and subdivisions) cover
 * them: without this layer Lake Michigan was land at every zoom. Drawn over every shading and region line, under
 * the country borders (the Canadian border runs through four of the Great Lakes); an opaque fill, so MapLibre draws
 * it in its opaque pass and the translucent layers under it skip its pixels. US counties stop at the lake shores.
 */
const lakesLayer: LayerSpecification = {
  id: 'lakes',
  type: 'fill',
  source: 'world',
  filter: ['all', ['==', ['get', 'level'], 'lakes'], ['>=', ['zoom'], ['get', 'lz']]],
  paint: { 'fill-antialias': false, 'fill-color': mapColors.water },
};

const ofLevel = (level: BoundaryLevel): ExpressionSpecification => ['==', ['get', 'level'], level];
/**
 * The countries at a tile's (whole) zoom: the zoomed-out shapes drawn below it (`MapData.lowCountries`: 40% fewer
 * border triangles at world zoom, where the borders were a third of a frame in software rendering), their full
 * shapes from the last set's zoom on.
 */
function countriesAtZoom(data: Pick<MapData, 'lowCountries'>): ExpressionSpecification {
  const sets = [...data.lowCountries].sort((a, b) => a.below - b.below);
  const full: ExpressionSpecification = ['!', ['has', 'low']];
  const branches = sets.flatMap(({ below }): ExpressionSpecification[] => [
    ['<', ['zoom'], below],
    ['==', ['get', 'low'], below],
  ]);
  const which = (branches.length === 0 ? full : ['case', ...branches, full]) as ExpressionSpecification;
  return ['all', ofLevel('countries'), which];
}
const isCopy: ExpressionSpecification = ['has', 'copy'];

/** How strongly a territory's colour (and the orphan colour) tints the land under it. */
const shadeOpacity = 0.32;
const orphanOpacity = 0.28;

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** `color` (an expression) laid over the land at `alpha`, computed in the style: one opaque fill, no second pass. */
function overLand(color: ExpressionSpecification, alpha: number): ExpressionSpecification {
  const land = rgbOf(mapColors.land);
  const channel = (i: number): ExpressionSpecification => [
    '+',
    ['*', alpha, ['at', i, ['var', 'rgba']]],
    (1 - alpha) * land[i],
  ];
  return ['let', 'rgba', ['to-rgba', color], ['rgb', channel(0), channel(1), channel(2)]];
}

const filled: ExpressionSpecification = ['to-boolean', ['feature-state', 'fill']];
const orphan: ExpressionSpecification = ['boolean', ['feature-state', 'orphan'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const changed: ExpressionSpecification = ['boolean', ['feature-state', 'changed'], false];

/**
 * A level's shading. Countries are the land itself: their fill is the land colour, or a territory's colour already
 * blended over it, so the land and the countries' shading are one opaque layer. Finer levels are translucent over
 * it. No fill is antialiased: MapLibre would draw every ring a second time as a line for that, and the borders drawn
 * over the fills hide the edges anyway.
 */
function shadeLayer(level: BoundaryLevel, data: Pick<MapData, 'lowCountries'>): LayerSpecification {
  const base = {
    id: `shade-${level}`,
    type: 'fill' as const,
    source: boundarySource,
    filter: level === 'countries' ? countriesAtZoom(data) : ofLevel(level),
    minzoom: levelLoadZoom[level],
  };
  if (level === 'countries') {
    return {
      ...base,
      paint: {
        'fill-antialias': false,
        'fill-color': [
          'case',
          filled,
          overLand(['to-color', ['feature-state', 'fill']], shadeOpacity),
          orphan,
          overLand(['to-color', mapColors.orphan], orphanOpacity),
          mapColors.land,
        ],
      },
    };
  }
  return {
    ...base,
    paint: {
      'fill-antialias': false,
      'fill-color': ['case', filled, state('fill', '#000000'), mapColors.orphan],
      // A copy of a region (`levelShapes`) shares its state: shaded once, by the region.
      'fill-opacity': ['case', isCopy, 0, filled, shadeOpacity, orphan, orphanOpacity, 0],
    },
  };
}

/** How each level's plain borders look. */
const plainBorder: Record<BoundaryLevel, { color: string; width: number }> = {
  countries: { color: mapColors.border, width: 0.5 },
  regions: { color: mapColors.border, width: 0.45 },
  subdivisions: { color: mapColors.regionBorder, width: 0.6 },
  counties: { color: mapColors.regionBorder, width: 0.4 },
};

/**
 * A level's lines in one layer: territory outlines (selected, changed, shaded: in the territory's colour) and the
 * plain borders between its shapes, chosen per shape by feature state. One layer instead of an outline layer and a
 * border layer halves the lines SwiftShader draws.
 */
function lineLayer(level: BoundaryLevel, data: Pick<MapData, 'lowCountries'>): LayerSpecification {
  const plain = plainBorder[level];
  const width = (plainWidth: number): ExpressionSpecification => [
    'case',
    selected,
    3,
    changed,
    2.6,
    filled,
    1.6,
    plainWidth,
  ];
  // Country borders thicken as the planner zooms in; finer levels' lines appear shape by shape (`lineMinZoom`).
  const countries = level === 'countries';
  return {
    id: countries ? 'borders' : `lines-${level}`,
    type: 'line',
    source: boundarySource,
    filter: countries ? countriesAtZoom(data) : ['all', ofLevel(level), ['!', isCopy], ['>=', ['zoom'], ['get', 'lz']]],
    minzoom: Math.max(levelLoadZoom[level], levelMinZoom[level]),
    paint: {
      'line-color': ['case', changed, mapColors.changed, selected, mapColors.selected, state('fill', plain.color)],
      'line-width': countries
        ? ['interpolate', ['linear'], ['zoom'], 1, width(plain.width), 6, width(1.4)]
        : width(plain.width),
      'line-opacity': ['case', selected, 1, 0.85],
    },
  };
}

/**
 * Hands the shapes over once the countries in view are drawn: the source starts with the countries (and the lakes)
 * alone and gets the 4,500 first-level regions, 4,600 subdivisions and 3,200 counties in one go. A GeoJSON source
 * is indexed in full whenever its data is set, the tiles on screen staying drawn meanwhile: indexed at start, the
 * other levels put the land and its borders behind them (the place names, drawn over the map at once, showed over
 * an empty sea first, and on a loaded machine the first continent view never finished loading: the "hang"); handed
 * over when the camera first neared their zoom, they had the whole source indexed again then, and a first jump to
 * France waited 2.5 s for its land instead of 0.6 s (`npm run bench map` page, 2 cores, load 2–4).
 * `landDrawn` tells (once) when the countries in view are on screen.
 */
export function followDeferredLevels(map: MapLibreMap, data: MapData, landDrawn: () => void = () => undefined): void {
  const onSourceData = (e: MapSourceDataEvent) => {
    if (e.sourceId !== boundarySource || !map.isSourceLoaded(boundarySource)) return;
    map.off('sourcedata', onSourceData);
    map.getSource<GeoJSONSource>(boundarySource)?.setData(worldCollection(data, boundaryLevels));
    landDrawn();
  };
  map.on('sourcedata', onSourceData);
}

const hidden = (layer: LayerSpecification): LayerSpecification => ({
  ...layer,
  layout: { ...layer.layout, visibility: 'none' },
});

/** Layers drawn from the sources that start empty, by source. */
const layersOf = { overlaps: ['overlaps'], areas: ['areas-fill', 'areas-line'] } as const;

/** Sets a source that starts empty (overlaps, areas) and shows its layers only when it holds features. */
export function showWhenFilled(map: MapLibreMap, source: keyof typeof layersOf, features: Feature[]): void {
  map.getSource<GeoJSONSource>(source)?.setData({ type: 'FeatureCollection', features });
  for (const id of layersOf[source]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', features.length > 0 ? 'visible' : 'none');
  }
}

export function basemapStyle(data: MapData): StyleSpecification {
  return {
    version: 8,
    sources: {
      // The regions and the finer levels come later (followDeferredLevels).
      [boundarySource]: {
        type: 'geojson',
        data: worldCollection(data, ['countries']),
        promoteId: 'key',
        ...sourceOptions,
      },
      overlaps: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      areas: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    // Every boundary layer draws from one source: one set of stencil masks a frame (see the head of this file).
    // Shading and lines level by level, country borders last so they stay over the finer levels' lines and
    // shading. The hatched overlaps and the drawn areas show only when they hold something (`showWhenFilled`): an
    // empty source still has tiles, and masks.
    layers: [
      // No background layer: the water is the map container's CSS background, seen through the cleared canvas.
      // A background layer is a full-window fill every frame, a tenth of a frame's cost in software rendering.
      ...boundaryLevels.flatMap((level) =>
        level === 'countries' ? [shadeLayer(level, data)] : [shadeLayer(level, data), lineLayer(level, data)],
      ),
      // Regions claimed by two territories or more: hatched over their shading, under the lakes (Illinois' shape
      // reaches into Lake Michigan). Shown, that costs two mask sets more than drawn after the borders (a few ms
      // each in SwiftShader); nothing while no region is claimed twice (hidden).
      hidden({ id: 'overlaps', type: 'fill', source: 'overlaps', paint: { 'fill-pattern': 'hatch' } }),
      lakesLayer,
      lineLayer('countries', data),
      hidden({
        id: 'areas-fill',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.22 },
      }),
      hidden({
        id: 'areas-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': ['get', 'color'], 'line-width': 2.2, 'line-dasharray': [2, 1] },
      }),
    ],
  };
}

/**
 * MapLibre draws a sky before any layer of every frame: a quad over the whole window, depth-tested and blended,
 * even when the style has no sky (its default colours are all transparent) and the map is never pitched far enough
 * to show a horizon. In software rendering (SwiftShader) that invisible quad is most of a frame: about 100 ms of CPU
 * per frame at 1440 × 900, against a few ms for the same empty frame without it (`npm run bench map`, the bare map
 * figures). The basemap has no sky, so its painter skips it; again after a lost WebGL context is restored (MapLibre
 * builds a new painter then).
 */
export function skipInvisibleSky(map: MapLibreMap): void {
  const skip = () => {
    const painter = map.painter;
    if (painter) painter.drawFunctions = { ...painter.drawFunctions, sky: () => undefined };
  };
  skip();
  map.on('webglcontextrestored', skip);
}

/** The level a click picks at this zoom: countries zoomed out, first-level regions, then départements/counties. */
export function pickLevel(zoom: number, country: string | null): BoundaryLevel {
  if (zoom < levelMinZoom.regions) return 'countries';
  if (country === 'US' && zoom >= 6) return 'counties';
  if (zoom >= levelMinZoom.subdivisions) return 'subdivisions';
  return 'regions';
}

/** Diagonal stripes for regions claimed twice, drawn on a canvas (no sprite file). */
export function hatchImage(): ImageData {
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.strokeStyle = 'rgba(15, 23, 42, 0.75)';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}
