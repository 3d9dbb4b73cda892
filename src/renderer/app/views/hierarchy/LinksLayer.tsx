/**
 * The links between territories, drawn as one SVG path along the routes the layout planned, under the nodes
 * (in React Flow's edge-label layer, which sits between its edges and its nodes). React Flow edges are not used:
 * they need each node's handles measured in the page, and one path draws two thousand links in a millisecond.
 */
import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { LayoutEdge } from './layout';

/** SVG path through [x0, y0, x1, y1, ...], each corner rounded by up to `radius`. */
export function roundedPath(points: readonly number[], radius = 8): string {
  const n = points.length / 2;
  if (n < 2) return '';
  let d = `M${points[0]},${points[1]}`;
  for (let i = 1; i < n - 1; i++) {
    const px = points[2 * i - 2];
    const py = points[2 * i - 1];
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const nx = points[2 * i + 2];
    const ny = points[2 * i + 3];
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

function LinksView({ edges }: { edges: readonly LayoutEdge[] }) {
  const path = useMemo(() => edges.map((e) => roundedPath(e.points)).join(''), [edges]);
  return (
    <EdgeLabelRenderer>
      <svg className="hierarchy-links" width={1} height={1} aria-hidden="true">
        <path d={path} />
      </svg>
    </EdgeLabelRenderer>
  );
}

export const LinksLayer = memo(LinksView);
