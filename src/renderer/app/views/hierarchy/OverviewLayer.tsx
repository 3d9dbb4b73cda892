/**
 * The hierarchy seen from far away (zoomed out below OVERVIEW_ZOOM): every drawn territory as a coloured box and
 * every link as one line, in a single SVG inside React Flow's viewport. At that zoom names cannot be read, and two
 * thousand React Flow nodes would take seconds to mount where a dozen SVG paths take milliseconds. Clicking a box
 * zooms to that territory, where the full nodes come back.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo, useMemo, type MouseEvent } from 'react';
import type { Territory } from '../../../../shared/domain';
import { NODE_HEIGHT, NODE_WIDTH, type TreeLayout } from './layout';

/** Below this zoom the graph is drawn as the overview; above it as React Flow nodes. */
export const OVERVIEW_ZOOM = 0.18;

interface OverviewProps {
  layout: TreeLayout;
  territories: ReadonlyMap<string, Territory>;
  selection: readonly string[];
  /** Who sees what: the territories seen stand out, the others fade (null: nobody picked). */
  seen: ReadonlySet<string> | null;
  label: string;
  onPick: (territoryId: string) => void;
}

const box = (x: number, y: number) => `M${x},${y}h${NODE_WIDTH}v${NODE_HEIGHT}h${-NODE_WIDTH}Z`;

function OverviewView({ layout, territories, selection, seen, label, onPick }: OverviewProps) {
  const drawing = useMemo(() => {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    // One path per colour (and per faded or not): a dozen elements however many territories.
    const boxes = new Map<string, string[]>();
    for (const p of layout.placed) {
      left = Math.min(left, p.x);
      top = Math.min(top, p.y);
      right = Math.max(right, p.x + NODE_WIDTH);
      bottom = Math.max(bottom, p.y + NODE_HEIGHT);
      const colour = territories.get(p.id)?.color ?? '#94a3b8';
      const key = `${colour}|${seen !== null && !seen.has(p.id) ? 'faded' : ''}`;
      const list = boxes.get(key);
      if (list) list.push(box(p.x, p.y));
      else boxes.set(key, [box(p.x, p.y)]);
    }
    const links: string[] = [];
    for (const edge of layout.edges) {
      const p = edge.points;
      let d = `M${p[0]},${p[1]}`;
      for (let i = 2; i < p.length; i += 2) d += `L${p[i]},${p[i + 1]}`;
      links.push(d);
    }
    return { left, top, width: right - left, height: bottom - top, boxes: [...boxes.entries()], links: links.join('') };
  }, [layout, territories, seen]);

  if (layout.placed.length === 0) return null;
  const { left, top } = drawing;
  const selected = selection.map((id) => layout.placed.find((p) => p.id === id)).filter((p) => p !== undefined);

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    // Flow coordinates of the click: the SVG sits at (left, top) in the viewport's own scale.
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = rect.width / drawing.width;
    const x = left + (event.clientX - rect.left) / scale;
    const y = top + (event.clientY - rect.top) / scale;
    const hit = layout.placed.find((p) => x >= p.x && x <= p.x + NODE_WIDTH && y >= p.y && y <= p.y + NODE_HEIGHT);
    if (hit) {
      event.stopPropagation();
      onPick(hit.id);
    }
  };

  return (
    <ViewportPortal>
      <svg
        className="hierarchy-overview"
        role="img"
        aria-label={label}
        width={drawing.width}
        height={drawing.height}
        viewBox={`${left} ${top} ${drawing.width} ${drawing.height}`}
        style={{ position: 'absolute', left, top }}
        onClick={onClick}
      >
        <path d={drawing.links} className="overview-links" />
        {drawing.boxes.map(([key, paths]) => {
          const [colour, faded] = key.split('|');
          return <path key={key} d={paths.join('')} fill={colour} opacity={faded ? 0.25 : 1} />;
        })}
        {selected.map((p) => (
          <rect
            key={p.id}
            className="overview-selected"
            x={p.x - 12}
            y={p.y - 12}
            width={NODE_WIDTH + 24}
            height={NODE_HEIGHT + 24}
          />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const OverviewLayer = memo(OverviewView);
