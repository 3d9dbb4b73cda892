/**
 * The offline basemap: Natural Earth countries (world-atlas, 1:50m) drawn as plain vector layers. No tiles, no
 * glyphs, no sprites: nothing is fetched, so the map works with no network at all.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';

let countries: FeatureCollection | null = null;

/**
 * Rings of Russia, Fiji or Alaska jump from +180 to -180 longitude; drawn as is they streak across the whole
 * map. Unwrapping each ring to continuous longitudes (past ±180 where needed) draws them whole.
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

function unwrapGeometry(geometry: Geometry): Geometry {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === 'MultiPolygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

/** Converted once, on first use of the map. */
export function countryShapes(): FeatureCollection {
  if (!countries) {
    const topology = countries50m as unknown as Topology<{ countries: GeometryCollection }>;
    const all = feature(topology, topology.objects.countries) as FeatureCollection;
    // Antarctica's outline runs to the pole, which Web Mercator cannot draw (it streaks across the map).
    countries = {
      ...all,
      features: all.features.filter((f) => f.id !== '010').map((f) => ({ ...f, geometry: unwrapGeometry(f.geometry) })),
    };
  }
  return countries;
}

export const mapColors = {
  water: '#dbe7f3',
  land: '#f8fafc',
  border: '#94a3b8',
  unassigned: '#64748b',
};

export function basemapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { countries: { type: 'geojson', data: countryShapes() } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': mapColors.water } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': mapColors.land } },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': mapColors.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.2] },
      },
    ],
  };
}
