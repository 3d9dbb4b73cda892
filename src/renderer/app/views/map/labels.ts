/**
 * Place names drawn on a 2D canvas over the map, from the shipped label points: countries, then regions and
 * départements as the planner zooms in, and large cities by population. No glyph server and no font files: the
 * system's sans-serif font draws them, and labels that would overlap an earlier (more important) one are skipped.
 *
 * Drawn on MapLibre's `render` event, so a frame's cost counts: the candidates of each level are listed once, text
 * widths are measured once per name and font, and a frame whose camera, size and language are those of the last
 * drawing (a tile arriving, a shading change) leaves the canvas as it is.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapData } from './mapData';

/** A rectangle in the map's CSS pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Candidate {
  key: string;
  en: string;
  fr: string;
  lon: number;
  lat: number;
}

/** A country's outline for finding another place for its name: its polygons and their bounding box. */
interface Outline {
  polygons: Position[][][];
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Whether a point lies inside polygons (even-odd over every ring, holes included). */
export function insidePolygons(polygons: readonly Position[][][], lon: number, lat: number): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

function outlineOf(geometry: Polygon | MultiPolygon): Outline {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const outline = { polygons, west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0]) {
      outline.west = Math.min(outline.west, lon);
      outline.east = Math.max(outline.east, lon);
      outline.south = Math.min(outline.south, lat);
      outline.north = Math.max(outline.north, lat);
    }
  }
  return outline;
}

/** Points tried across the visible part of a country, each way, when its own label point is hidden. */
const ELSEWHERE_STEPS = 9;

type LabelLevel = 'countries' | 'regions' | 'subdivisions';

const overlaps = (a: Box, boxes: readonly Box[]) =>
  boxes.some((b) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0);

const countryFont = '600 11px system-ui, sans-serif';
const regionFont = 'italic 11px system-ui, sans-serif';
const cityFont = '11px system-ui, sans-serif';

export class MapLabels {
  private readonly levels: Record<LabelLevel, Candidate[]> = { countries: [], regions: [], subdivisions: [] };
  private readonly widths = new Map<string, number>();
  /** Countries' outlines (their zoomed-out shapes: few vertices), by key. */
  private readonly outlines = new Map<string, Outline>();
  private drawn = '';

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly map: MapLibreMap,
    private readonly data: MapData,
  ) {
    for (const place of data.places.values()) {
      if (Number.isNaN(place.lon) || place.level === 'counties') continue;
      this.levels[place.level].push({ key: place.key, en: place.en, fr: place.fr, lon: place.lon, lat: place.lat });
    }
    const coarsest = [...(data.lowCountries ?? [])].sort((a, b) => a.below - b.below)[0]?.shapes;
    for (const f of (coarsest ?? data.shapes?.countries)?.features ?? []) {
      this.outlines.set(f.properties.key, outlineOf(f.geometry));
    }
    for (const c of this.levels.countries) {
      c.en = c.en.toUpperCase();
      c.fr = c.fr.toUpperCase();
    }
  }

  /**
   * Draws the names for the map's current camera, unless they are drawn for it already. `covered` are the panels
   * floating over the map (toolbar, legend, zoom buttons): a name there would be half hidden, so it is left out and
   * the next candidate takes its place.
   */
  draw(language: string, covered: readonly Box[] = []): void {
    const { canvas, map, data } = this;
    const ratio = window.devicePixelRatio || 1;
    const width = map.getContainer().clientWidth;
    const height = map.getContainer().clientHeight;
    const zoom = map.getZoom();
    const center = map.getCenter();
    const state = `${language} ${width}x${height}@${ratio} ${zoom} ${center.lng} ${center.lat} ${map.getBearing()} ${map.getPitch()} ${covered.map((b) => `${b.x0},${b.y0},${b.x1},${b.y1}`).join(' ')}`;
    if (state === this.drawn) return;
    this.drawn = state;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.textBaseline = 'middle';
    const bounds = map.getBounds();
    const west = bounds.getWest();
    const east = bounds.getEast();
    const south = bounds.getSouth();
    const north = bounds.getNorth();
    const fr = language.startsWith('fr');
    const placed: Box[] = [];

    const measure = (text: string, font: string) => {
      const key = `${font}\u0000${text}`;
      let w = this.widths.get(key);
      if (w === undefined) {
        ctx.font = font;
        w = ctx.measureText(text).width;
        this.widths.set(key, w);
      }
      return w;
    };
    /** Where a name would go: its box, or why it cannot go there (out of sight or under a panel, or over a name). */
    const boxAt = (text: string, lon: number, lat: number, font: string, dot: boolean) => {
      if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return 'hidden' as const;
      const p = map.project([lon, lat]);
      const w = measure(text, font);
      const h = 12;
      const x = dot ? p.x + 5 : p.x - w / 2;
      const box = { x0: x - 2, y0: p.y - h / 2 - 2, x1: x + w + 2, y1: p.y + h / 2 + 2, x, y: p.y };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height || overlaps(box, covered)) {
        return 'hidden' as const;
      }
      return overlaps(box, placed) ? ('taken' as const) : box;
    };
    const paint = (text: string, box: Box & { x: number; y: number }, font: string, color: string, dot: boolean) => {
      placed.push(box);
      ctx.font = font;
      ctx.fillStyle = color;
      ctx.strokeText(text, box.x, box.y);
      ctx.fillText(text, box.x, box.y);
      if (dot) {
        ctx.beginPath();
        ctx.arc(box.x - 5, box.y, 2.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    };
    const put = (text: string, lon: number, lat: number, font: string, color: string, dot = false) => {
      const box = boxAt(text, lon, lat, font, dot);
      if (typeof box !== 'string') paint(text, box, font, color, dot);
      return box;
    };
    /**
     * A country whose label point is out of sight or under a panel (Canada and the United States under the legend
     * at world zoom) is named at another point of its visible part: of a grid over its outline's box in view, the
     * point inside it nearest its own label point where the name fits.
     */
    const elsewhere = (key: string, text: string, lon: number, lat: number, font: string, color: string) => {
      const outline = this.outlines.get(key);
      if (!outline) return;
      const w = Math.max(outline.west, west);
      const e = Math.min(outline.east, east);
      const s = Math.max(outline.south, south);
      const n = Math.min(outline.north, north);
      if (!(w < e && s < n)) return;
      const home = map.project([lon, lat]);
      let best: (Box & { x: number; y: number }) | null = null;
      let bestDistance = Infinity;
      for (let i = 0; i < ELSEWHERE_STEPS; i++) {
        for (let j = 0; j < ELSEWHERE_STEPS; j++) {
          const x = w + ((e - w) * (i + 0.5)) / ELSEWHERE_STEPS;
          const y = s + ((n - s) * (j + 0.5)) / ELSEWHERE_STEPS;
          if (!insidePolygons(outline.polygons, x, y)) continue;
          const box = boxAt(text, x, y, font, false);
          if (typeof box === 'string') continue;
          const distance = Math.hypot(box.y - home.y, box.x + (box.x1 - box.x0) / 2 - home.x);
          if (distance < bestDistance) {
            best = box;
            bestDistance = distance;
          }
        }
      }
      if (best) paint(text, best, font, color, false);
    };

    // Cities first where they matter most (zoomed in), countries first when zoomed out.
    const cityMin = zoom < 3 ? 8_000_000 : zoom < 4 ? 3_000_000 : zoom < 5 ? 1_000_000 : zoom < 6.5 ? 500_000 : 250_000;
    const cities = () => {
      for (const city of data.cities) {
        if (city.population < cityMin) break;
        put(fr ? city.fr : city.name, city.lon, city.lat, cityFont, '#1e293b', true);
      }
    };
    const level = (wanted: LabelLevel, font: string, color: string) => {
      for (const place of this.levels[wanted]) {
        const text = fr ? place.fr : place.en;
        if (put(text, place.lon, place.lat, font, color) === 'hidden' && wanted === 'countries') {
          elsewhere(place.key, text, place.lon, place.lat, font, color);
        }
      }
    };
    if (zoom >= 3) cities();
    if (zoom < 7) level('countries', countryFont, '#334155');
    if (zoom >= 3.6 && zoom < 6.5) level('regions', regionFont, '#475569');
    if (zoom >= 5.6) level('subdivisions', regionFont, '#475569');
    if (zoom < 3) cities();
  }
}
