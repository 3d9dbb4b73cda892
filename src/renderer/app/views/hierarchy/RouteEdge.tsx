/** A link of the hierarchy graph drawn along the route the layout planned for it, with rounded corners. */
import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

export type RouteEdgeData = { points: number[] };
export type RouteFlowEdge = Edge<RouteEdgeData, 'route'>;

/** SVG path through [x0, y0, x1, y1, ...], each corner rounded by up to `radius`. */
export function roundedPath(points: readonly number[], radius = 8): string {
  const n = points.length / 2;
  if (n < 2) return '';
  let d = `M${points[0]},${points[1]}`;
  for (let i = 1; i < n - 1; i++) {
    const [px, py, x, y, nx, ny] = [points[2 * i - 2], points[2 * i - 1], points[2 * i], points[2 * i + 1], points[2 * i + 2], points[2 * i + 3]];
    const inLength = Math.hypot(x - px, y - py);
    const outLength = Math.hypot(nx - x, ny - y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r === 0) {
      d += `L${x},${y}`;
      continue;
    }
    const ax = x - ((x - px) / inLength) * r;
    const ay = y - ((y - py) / inLength) * r;
    const bx = x + ((nx - x) / outLength) * r;
    const by = y + ((ny - y) / outLength) * r;
    d += `L${ax},${ay}Q${x},${y} ${bx},${by}`;
  }
  return `${d}L${points[2 * n - 2]},${points[2 * n - 1]}`;
}

function RouteEdgeView({ id, data }: EdgeProps<RouteFlowEdge>) {
  return <BaseEdge id={id} path={roundedPath(data?.points ?? [])} interactionWidth={0} />;
}

export const RouteEdge = memo(RouteEdgeView);
