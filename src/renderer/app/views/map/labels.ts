/**
 * Place names drawn on a 2D canvas over the map, from the shipped label points: countries, then regions and
 * départements as the planner zooms in, and large cities by population. No glyph server and no font files: the
 * system's sans-serif font draws them, and labels that would overlap an earlier (more important) one are skipped.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapData } from './mapData';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, boxes: Box[]) => boxes.some((b) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0);

export function drawLabels(canvas: HTMLCanvasElement, map: MapLibreMap, data: MapData, language: string): void {
  const ratio = window.devicePixelRatio || 1;
  const width = map.getContainer().clientWidth;
  const height = map.getContainer().clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const zoom = map.getZoom();
  const bounds = map.getBounds();
  const west = bounds.getWest();
  const east = bounds.getEast();
  const south = bounds.getSouth();
  const north = bounds.getNorth();
  const fr = language.startsWith('fr');
  const placed: Box[] = [];

  const put = (text: string, lon: number, lat: number, font: string, color: string, dot = false) => {
    if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return;
    const p = map.project([lon, lat]);
    ctx.font = font;
    const w = ctx.measureText(text).width;
    const h = 12;
    const x = dot ? p.x + 5 : p.x - w / 2;
    const box = { x0: x - 2, y0: p.y - h / 2 - 2, x1: x + w + 2, y1: p.y + h / 2 + 2 };
    if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height || overlaps(box, placed)) return;
    placed.push(box);
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.fillStyle = color;
    ctx.textBaseline = 'middle';
    ctx.strokeText(text, x, p.y);
    ctx.fillText(text, x, p.y);
    if (dot) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  };

  // Cities first where they matter most (zoomed in), countries first when zoomed out.
  const cityMin = zoom < 3 ? 8_000_000 : zoom < 4 ? 3_000_000 : zoom < 5 ? 1_000_000 : zoom < 6.5 ? 500_000 : 250_000;
  const cities = () => {
    for (const city of data.cities) {
      if (city.population < cityMin) break;
      put(city.name, city.lon, city.lat, '11px system-ui, sans-serif', '#1e293b', true);
    }
  };
  const level = (wanted: 'countries' | 'regions' | 'subdivisions', font: string, color: string, upper = false) => {
    for (const place of data.places.values()) {
      if (place.level !== wanted || Number.isNaN(place.lon)) continue;
      const name = fr ? place.fr : place.en;
      put(upper ? name.toUpperCase() : name, place.lon, place.lat, font, color);
    }
  };
  if (zoom >= 3) cities();
  if (zoom < 7) level('countries', '600 11px system-ui, sans-serif', '#334155', true);
  if (zoom >= 3.6 && zoom < 6.5) level('regions', 'italic 11px system-ui, sans-serif', '#475569');
  if (zoom >= 5.6) level('subdivisions', 'italic 11px system-ui, sans-serif', '#475569');
  if (zoom < 3) cities();
}
