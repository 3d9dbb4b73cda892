/**
 * The offline basemap and the territory layers: Natural Earth countries, first-level regions and subdivisions,
 * US counties when zoomed in, all from resources/geo as GeoJSON sources keyed by region key (`promoteId`), so a
 * territory's shading is a feature state and re-shading 3,000 counties writes no data. No tiles, no glyphs, no
 * sprites: nothing is fetched.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { BoundaryLevel, MapData } from './mapData';

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

/** Zoom from which each level's borders show. */
export const levelMinZoom: Record<BoundaryLevel, number> = { countries: 0, regions: 3, subdivisions: 5.5, counties: 6 };

const state = (name: string, fallback: string | number): ExpressionSpecification => [
  'coalesce',
  ['feature-state', name],
  fallback,
];

/**
 * Zoom from which each level's shapes are loaded at all. Below it no tile of the level is cut or drawn: 3,000
 * counties or 4,600 subdivisions at continent zoom cost seconds per frame in software rendering for lines
 * nobody can read there.
 */
export const levelLoadZoom: Record<BoundaryLevel, number> = {
  countries: 0,
  regions: 0,
  subdivisions: 4.5,
  counties: 5,
};

/**
 * Levels whose shapes reach MapLibre's worker only once the camera first comes near their zoom. A GeoJSON source
 * is indexed in full when its data is set, drawn or not: handing over all 4,600 subdivisions and 3,200 counties at
 * start kept the worker busy for tens of seconds on a loaded machine, so the first continent view never finished
 * loading its tiles (the "hang").
 */
export const lazyLevels: readonly BoundaryLevel[] = ['subdivisions', 'counties'];

/** Fewer, coarser tiles than MapLibre's defaults: boundaries need no street-level precision. */
const sourceOptions = { maxzoom: 10, tolerance: 1, buffer: 32 } as const;

function levelLayers(level: BoundaryLevel): LayerSpecification[] {
  return [
    {
      id: `shade-${level}`,
      type: 'fill',
      source: level,
      minzoom: levelLoadZoom[level],
      paint: {
        'fill-color': ['case', ['to-boolean', ['feature-state', 'fill']], state('fill', '#000000'), mapColors.orphan],
        'fill-opacity': [
          'case',
          ['to-boolean', ['feature-state', 'fill']],
          0.32,
          ['boolean', ['feature-state', 'orphan'], false],
          0.28,
          0,
        ],
      },
    },
    {
      id: `outline-${level}`,
      type: 'line',
      source: level,
      minzoom: levelLoadZoom[level],
      paint: {
        'line-color': [
          'case',
          ['boolean', ['feature-state', 'changed'], false],
          mapColors.changed,
          ['boolean', ['feature-state', 'selected'], false],
          mapColors.selected,
          state('fill', mapColors.selected),
        ],
        'line-width': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          3,
          ['boolean', ['feature-state', 'changed'], false],
          2.6,
          ['to-boolean', ['feature-state', 'fill']],
          1.6,
          0,
        ],
        'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0.85],
      },
    },
  ];
}

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/** Hands a lazy level's shapes to its source once the camera is within half a zoom of where they show. */
export function loadLevelsNear(
  zoom: number,
  loaded: Set<BoundaryLevel>,
  setData: (level: BoundaryLevel, shapes: MapData['shapes'][BoundaryLevel]) => void,
  data: MapData,
): void {
  for (const level of lazyLevels) {
    if (loaded.has(level) || zoom < levelLoadZoom[level] - 0.5) continue;
    loaded.add(level);
    setData(level, data.shapes[level]);
  }
}

export function basemapStyle(data: MapData): StyleSpecification {
  const source = (level: BoundaryLevel) => ({
    type: 'geojson' as const,
    data: lazyLevels.includes(level) ? emptyCollection : data.shapes[level],
    promoteId: 'key',
    ...sourceOptions,
  });
  return {
    version: 8,
    sources: {
      countries: source('countries'),
      regions: source('regions'),
      subdivisions: source('subdivisions'),
      counties: source('counties'),
      overlaps: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      areas: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': mapColors.water } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': mapColors.land } },
      ...levelLayers('countries'),
      ...levelLayers('regions'),
      ...levelLayers('subdivisions'),
      ...levelLayers('counties'),
      // Regions claimed by two territories or more: hatched over their shading.
      { id: 'overlaps', type: 'fill', source: 'overlaps', paint: { 'fill-pattern': 'hatch' } },
      {
        id: 'counties-borders',
        type: 'line',
        source: 'counties',
        minzoom: levelMinZoom.counties,
        paint: { 'line-color': mapColors.regionBorder, 'line-width': 0.4 },
      },
      {
        id: 'subdivisions-borders',
        type: 'line',
        source: 'subdivisions',
        minzoom: levelMinZoom.subdivisions,
        paint: { 'line-color': mapColors.regionBorder, 'line-width': 0.6 },
      },
      {
        id: 'regions-borders',
        type: 'line',
        source: 'regions',
        minzoom: levelMinZoom.regions,
        paint: { 'line-color': mapColors.border, 'line-width': 0.7, 'line-dasharray': [3, 2] },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': mapColors.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.4] },
      },
      {
        id: 'areas-fill',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.22 },
      },
      {
        id: 'areas-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': ['get', 'color'], 'line-width': 2.2, 'line-dasharray': [2, 1] },
      },
    ],
  };
}

/** The level a click picks at this zoom: countries zoomed out, first-level regions, then départements/counties. */
export function pickLevel(zoom: number, country: string | null): BoundaryLevel {
  if (zoom < levelMinZoom.regions) return 'countries';
  if (country === 'US' && zoom >= 6) return 'counties';
  if (zoom >= levelMinZoom.subdivisions + 0.5) return 'subdivisions';
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
