/**
 * The report's map: every located account as a dot in its territory's colour, over the territories' regions and
 * drawn areas, on a plain equirectangular projection fitted to all that is drawn, points and shapes, with a margin
 * (no tiles: the app is offline).
 * Drawn on a canvas, which prints and turns into PNG like the rest of the page.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanReport } from '../../../../shared/api/export';
import { useModelQuery } from '../../data';

const WIDTH = 720;
const HEIGHT = 330;

export function ReportMap({ report }: { report: PlanReport }) {
  const { t, i18n } = useTranslation();
  const points = useModelQuery('getRecordPoints', { kind: 'account', planId: report.plan.id });
  const canvas = useRef<HTMLCanvasElement>(null);
  const located = points.data ? points.data.lonLat.length / 2 : 0;
  const empty = points.data !== undefined && located === 0 && report.shapes.length === 0;

  useEffect(() => {
    const element = canvas.current;
    const data = points.data;
    if (!element || !data) return;
    const context = element.getContext('2d');
    if (!context) return;
    const ratio = 2;
    element.width = WIDTH * ratio;
    element.height = HEIGHT * ratio;
    context.scale(ratio, ratio);
    context.fillStyle = '#f8fafc';
    context.fillRect(0, 0, WIDTH, HEIGHT);

    // What to fit: the points and the whole of every shape (their outer rings), so no shape is cut at an edge; a
    // speck far off (an island a hundredth of the largest polygon's extent) does not shrink the rest to dots.
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    const extend = (x: number, y: number) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    };
    for (let i = 0; i < data.lonLat.length; i += 2) extend(data.lonLat[i], data.lonLat[i + 1]);
    const rings = report.shapes.flatMap((shape) => shape.polygons.map((polygon) => polygon[0] ?? []));
    const extents = rings.map((ring) => {
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [x, y] of ring)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      return ring.length > 0 ? (x1 - x0) * (y1 - y0) : 0;
    });
    const largest = Math.max(0, ...extents);
    rings.forEach((ring, i) => {
      if (extents[i] >= largest / 100) for (const [x, y] of ring) extend(x, y);
    });
    if (!Number.isFinite(minX)) return;
    const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
    const xScale = Math.max(0.2, Math.cos(midLat));
    const spanX = Math.max(0.5, (maxX - minX) * xScale);
    const spanY = Math.max(0.5, maxY - minY);
    // A margin all round: the outlines drawn on the bounds stay inside the frame.
    const pad = 20;
    const scale = Math.min((WIDTH - 2 * pad) / spanX, (HEIGHT - 2 * pad) / spanY);
    const offsetX = (WIDTH - spanX * scale) / 2;
    const offsetY = (HEIGHT - spanY * scale) / 2;
    const px = (lon: number) => offsetX + (lon - minX) * xScale * scale;
    const py = (lat: number) => HEIGHT - (offsetY + (lat - minY) * scale);

    for (const shape of report.shapes) {
      context.beginPath();
      for (const polygon of shape.polygons) {
        for (const ring of polygon) {
          ring.forEach(([x, y], i) => (i === 0 ? context.moveTo(px(x), py(y)) : context.lineTo(px(x), py(y))));
          context.closePath();
        }
      }
      context.fillStyle = `${shape.color}40`;
      context.fill('evenodd');
      context.strokeStyle = shape.color;
      context.lineWidth = 0.8;
      context.stroke();
    }
    const colors = data.territoryColors ?? [];
    for (let i = 0; i < data.lonLat.length / 2; i++) {
      const territory = data.territoryOfPoint?.[i] ?? -1;
      context.fillStyle = territory >= 0 ? (colors[territory] ?? '#64748b') : '#9ca3af';
      context.fillRect(px(data.lonLat[2 * i]) - 1.5, py(data.lonLat[2 * i + 1]) - 1.5, 3, 3);
    }
  }, [points.data, report.shapes]);

  if (empty) return <p className="muted">{t('report.mapEmpty')}</p>;
  return (
    <canvas
      ref={canvas}
      className="report-map"
      role="img"
      aria-label={t('report.mapLabel', { points: new Intl.NumberFormat(i18n.language).format(located) })}
      style={{ width: WIDTH, height: HEIGHT }}
    />
  );
}
