/**
 * Where each territory of the hierarchy graph is drawn: a tidy tree (d3-hierarchy's Reingold–Tilford layout),
 * top-down or left-right, over the territories that are not inside a collapsed one. Pure: unit-tested in Node.
 *
 * Top-down, two org-chart habits keep large plans compact:
 * - a territory whose sub-territories are all leaves gets them stacked in a column below it: a region with 30
 *   districts stays one column wide instead of 30;
 * - a territory whose sub-territories would spread wider than a screen gets them in rows (each sub-tree laid out
 *   on its own, the blocks packed to a landscape shape): 10 regions of 20 areas of 9 territories make a block
 *   rather than a strip 50,000 pixels wide.
 * Every link comes with its route (a polyline), drawn the same by the graph and by the overview.
 */
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { childrenByParent, type TreeNode } from '../../../../shared/hierarchy';

export type LayoutDirection = 'TB' | 'LR';

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 92;
/** Between siblings side by side, and between levels. */
const GAP_ACROSS = 28;
const GAP_DOWN = 56;
/** Between leaves stacked in a column, and how far right of their parent the column starts. */
const GAP_STACK = 14;
export const STACK_INDENT = 28;
/** Fewer leaves than this stay side by side. */
const STACK_FROM = 2;
/** Sub-territories side by side wider than this (and at least WRAP_FROM of them) are set in rows. */
const WRAP_WIDTH = 3_000;
const WRAP_FROM = 4;
/** The shape rows aim for, width over height: screens are landscape. */
const WRAP_ASPECT = 1.8;
/** Where a link to a stacked leaf leaves its parent, from the parent's left edge. */
export const STACK_LINK_X = 14;

export interface PlacedTerritory {
  id: string;
  /** Top-left corner, in flow coordinates. */
  x: number;
  y: number;
  depth: number;
  /** Sub-territories in the plan, shown or not. */
  childCount: number;
  /** Territories below this one that a collapse hides (0 when expanded). */
  hiddenCount: number;
  /** Drawn in a column under its parent (its siblings are above and below it rather than beside it). */
  stacked: boolean;
}

export interface LayoutEdge {
  source: string;
  target: string;
  /** The parent stacks its sub-territories in a column (the link leaves from its bottom-left). */
  stacked: boolean;
  /** The route, parent to child, as flow coordinates: [x0, y0, x1, y1, ...]. */
  points: number[];
}

export interface TreeLayout {
  placed: PlacedTerritory[];
  edges: LayoutEdge[];
  /** Drawn territories in the planner's reading order (depth first, siblings in order): keyboard and tests use it. */
  order: string[];
}

interface LayoutDatum {
  id: string;
  /** Leaves stacked under the parent hang on each other as a chain, so that d3 keeps them clear of neighbours. */
  stackedUnder?: string;
  /** A link of the chain that reserves room for a parent's sub-territories set in rows. */
  blockOf?: string;
  /** Width of that block, in d3 units (one node and its gap). */
  blockUnits?: number;
}

/** A sub-tree laid out on its own, its root's top-left at (0, 0). */
interface Block {
  placed: PlacedTerritory[];
  edges: LayoutEdge[];
  left: number;
  right: number;
  bottom: number;
}

/** Number of territories below each one. */
export function descendantCounts(territories: readonly TreeNode[]): Map<string, number> {
  const children = childrenByParent(territories);
  const counts = new Map<string, number>();
  const root = children.get(null)?.[0];
  if (!root) return counts;
  // Iterative post-order: deep plans must not overflow the stack.
  const stack: { id: string; done: boolean }[] = [{ id: root.id, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const below = children.get(top.id) ?? [];
    if (top.done) {
      counts.set(
        top.id,
        below.reduce((sum, c) => sum + 1 + (counts.get(c.id) ?? 0), 0),
      );
    } else {
      stack.push({ id: top.id, done: true });
      for (const c of below) stack.push({ id: c.id, done: false });
    }
  }
  return counts;
}

const shifted = (block: Block, dx: number, dy: number): Block => ({
  placed: block.placed.map((p) => ({ ...p, x: p.x + dx, y: p.y + dy })),
  edges: block.edges.map((e) => ({ ...e, points: e.points.map((v, i) => v + (i % 2 === 0 ? dx : dy)) })),
  left: block.left + dx,
  right: block.right + dx,
  bottom: block.bottom + dy,
});

/**
 * Sets blocks in rows, as many rows as makes the whole closest to WRAP_ASPECT, the blocks shared evenly between
 * rows (10 in two rows of 5, not 8 and 2); answers each block's offset, the width and the rows' tops.
 */
function packRows(blocks: readonly Block[]): {
  at: { x: number; y: number; row: number }[];
  width: number;
  rowTops: number[];
} {
  const widths = blocks.map((b) => b.right - b.left);
  const heights = blocks.map((b) => b.bottom);
  let best: { at: { x: number; y: number; row: number }[]; width: number; rowTops: number[]; score: number } | null =
    null;
  const tried = new Set<number>();
  for (let rowCount = 1; rowCount <= blocks.length; rowCount++) {
    const perRow = Math.ceil(blocks.length / rowCount);
    if (tried.has(perRow)) continue;
    tried.add(perRow);
    const at: { x: number; y: number; row: number }[] = [];
    const rowTops: number[] = [];
    let width = 0;
    let top = 0;
    for (let start = 0; start < blocks.length; start += perRow) {
      let x = 0;
      let rowHeight = 0;
      rowTops.push(top);
      for (let i = start; i < Math.min(start + perRow, blocks.length); i++) {
        at.push({ x: x - blocks[i].left, y: top, row: rowTops.length - 1 });
        x += widths[i] + GAP_ACROSS;
        rowHeight = Math.max(rowHeight, heights[i]);
      }
      width = Math.max(width, x - GAP_ACROSS);
      top += rowHeight + GAP_DOWN;
    }
    const score = Math.abs(Math.log(width / (top - GAP_DOWN) / WRAP_ASPECT));
    if (!best || score < best.score) best = { at, width, rowTops, score };
  }
  return best!;
}

export function layoutTree(
  territories: readonly TreeNode[],
  collapsed: ReadonlySet<string>,
  direction: LayoutDirection,
): TreeLayout {
  const children = childrenByParent(territories);
  const root = children.get(null)?.[0];
  if (!root) return { placed: [], edges: [], order: [] };
  const counts = descendantCounts(territories);
  const siblingIndex = new Map<string, number>();
  for (const list of children.values()) list.forEach((t, i) => siblingIndex.set(t.id, i));
  const shown = (id: string) => (collapsed.has(id) ? [] : (children.get(id) ?? []));
  const stacks = (id: string) => {
    if (direction !== 'TB') return false;
    const below = shown(id);
    return below.length >= STACK_FROM && below.every((c) => shown(c.id).length === 0);
  };
  // Reading order (depth first, siblings in order) and depth in the plan, before any layout.
  const order: string[] = [];
  const depthOf = new Map<string, number>();
  const walk: [string, number][] = [[root.id, 0]];
  while (walk.length > 0) {
    const [id, depth] = walk.pop()!;
    order.push(id);
    depthOf.set(id, depth);
    const below = shown(id);
    for (let i = below.length - 1; i >= 0; i--) walk.push([below[i].id, depth + 1]);
  }
  const across = direction === 'TB' ? NODE_WIDTH + GAP_ACROSS : NODE_HEIGHT + GAP_ACROSS / 2;
  const down = direction === 'TB' ? NODE_HEIGHT + GAP_DOWN : NODE_WIDTH + GAP_DOWN * 1.5;

  // Each sub-tree is laid out once, as a block: a parent deciding whether to set its sub-territories in rows
  // needs their sizes, and the blocks it does not set in rows are simply laid out again inside its own tree.
  const blocks = new Map<string, Block>();
  const wrapped = new Map<
    string,
    { children: Block[]; at: { x: number; y: number; row: number }[]; width: number; rowTops: number[]; height: number }
  >();

  function rows(id: string): boolean {
    if (direction !== 'TB' || stacks(id)) return false;
    const below = shown(id);
    if (below.length < WRAP_FROM) return false;
    const inner = below.map((c) => blockOf(c.id));
    const sideBySide = inner.reduce((sum, b) => sum + b.right - b.left + GAP_ACROSS, 0);
    if (sideBySide <= WRAP_WIDTH) return false;
    if (!wrapped.has(id)) {
      const packed = packRows(inner);
      const last = packed.rowTops.length - 1;
      const height =
        packed.rowTops[last] + Math.max(...inner.filter((_, i) => packed.at[i].row === last).map((b) => b.bottom));
      wrapped.set(id, { children: inner, ...packed, height });
    }
    return true;
  }

  function blockOf(id: string): Block {
    const known = blocks.get(id);
    if (known) return known;
    const block = layoutFrom(id);
    blocks.set(id, block);
    return block;
  }

  /** Lays out the sub-tree under `top` with d3, sub-territories set in rows appearing as reserved blocks. */
  function layoutFrom(top: string): Block {
    const levels = (height: number) => Math.max(1, Math.ceil((height + GAP_DOWN) / down));
    const d3root = hierarchy<LayoutDatum>({ id: top }, (d) => {
      if (d.stackedUnder !== undefined) {
        const column = shown(d.stackedUnder);
        const at = siblingIndex.get(d.id)!;
        return at + 1 < column.length ? [{ id: column[at + 1].id, stackedUnder: d.stackedUnder }] : [];
      }
      if (d.blockOf !== undefined) {
        // The chain reserving a block's height: one link per level it covers.
        const info = wrapped.get(d.blockOf)!;
        const index = Number(d.id.slice(d.id.lastIndexOf('#') + 1));
        return index + 1 < levels(info.height)
          ? [{ id: `${d.blockOf}#${index + 1}`, blockOf: d.blockOf, blockUnits: d.blockUnits }]
          : [];
      }
      const below = shown(d.id);
      if (below.length === 0) return [];
      if (stacks(d.id)) return [{ id: below[0].id, stackedUnder: d.id }];
      if (rows(d.id)) {
        const info = wrapped.get(d.id)!;
        return [{ id: `${d.id}#0`, blockOf: d.id, blockUnits: (info.width + GAP_ACROSS) / across }];
      }
      return below.map((c) => ({ id: c.id }));
    });
    const units = (n: HierarchyPointNode<LayoutDatum>) =>
      n.data.blockUnits ?? (n.data.stackedUnder !== undefined ? (NODE_WIDTH + STACK_INDENT + GAP_ACROSS) / across : 1);
    const laidOut = tree<LayoutDatum>()
      .nodeSize([across, down])
      .separation((a, b) => ((units(a) + units(b)) / 2) * (a.parent === b.parent ? 1 : 1.08))(d3root);

    const placed: PlacedTerritory[] = [];
    const edges: LayoutEdge[] = [];
    const at = new Map<string, PlacedTerritory>();
    const stackTop = new Map<string, number>();
    const place = (id: string, x: number, y: number, stacked: boolean) => {
      const here: PlacedTerritory = {
        id,
        x,
        y,
        depth: depthOf.get(id) ?? 0,
        childCount: children.get(id)?.length ?? 0,
        hiddenCount: collapsed.has(id) ? (counts.get(id) ?? 0) : 0,
        stacked,
      };
      placed.push(here);
      at.set(id, here);
      return here;
    };

    laidOut.eachBefore((node) => {
      const { data } = node;
      if (data.blockOf !== undefined) {
        if (!data.id.endsWith('#0')) return;
        // Set the parent's sub-territories in their rows, centred under the reserved chain.
        const parent = at.get(data.blockOf)!;
        const info = wrapped.get(data.blockOf)!;
        const left = node.x - info.width / 2;
        const top = node.y;
        const fromX = parent.x + NODE_WIDTH / 2;
        const fromY = parent.y + NODE_HEIGHT;
        const spineX = left - GAP_ACROSS / 2;
        info.children.forEach((child, i) => {
          const offset = info.at[i];
          const moved = shifted(child, left + offset.x, top + offset.y);
          placed.push(...moved.placed);
          edges.push(...moved.edges);
          const childRoot = moved.placed[0];
          const cx = childRoot.x + NODE_WIDTH / 2;
          const lane = top + info.rowTops[offset.row] - GAP_DOWN / 2;
          const firstLane = top - GAP_DOWN / 2;
          // To the first row straight down then along its lane; to later rows down the block's left side first.
          const points =
            offset.row === 0
              ? [fromX, fromY, fromX, firstLane, cx, firstLane, cx, childRoot.y]
              : [fromX, fromY, fromX, firstLane, spineX, firstLane, spineX, lane, cx, lane, cx, childRoot.y];
          edges.push({ source: data.blockOf!, target: childRoot.id, stacked: false, points });
        });
        return;
      }
      const id = data.id;
      if (data.stackedUnder !== undefined) {
        // A column under the parent: packed closer than tree levels, indented so the link runs beside it.
        const parent = at.get(data.stackedUnder)!;
        const y = stackTop.get(data.stackedUnder) ?? parent.y + NODE_HEIGHT + GAP_DOWN / 2;
        stackTop.set(data.stackedUnder, y + NODE_HEIGHT + GAP_STACK);
        const here = place(id, parent.x + STACK_INDENT, y, true);
        const linkX = parent.x + STACK_LINK_X;
        edges.push({
          source: parent.id,
          target: id,
          stacked: true,
          points: [linkX, parent.y + NODE_HEIGHT, linkX, here.y + NODE_HEIGHT / 2, here.x, here.y + NODE_HEIGHT / 2],
        });
        return;
      }
      const here =
        direction === 'TB'
          ? place(id, node.x - NODE_WIDTH / 2, node.y, false)
          : place(id, node.y, node.x - NODE_HEIGHT / 2, false);
      const parent = node.parent ? at.get(node.parent.data.id) : undefined;
      if (parent) {
        const points =
          direction === 'TB'
            ? (() => {
                const fromX = parent.x + NODE_WIDTH / 2;
                const toX = here.x + NODE_WIDTH / 2;
                const mid = (parent.y + NODE_HEIGHT + here.y) / 2;
                return [fromX, parent.y + NODE_HEIGHT, fromX, mid, toX, mid, toX, here.y];
              })()
            : (() => {
                const fromY = parent.y + NODE_HEIGHT / 2;
                const toY = here.y + NODE_HEIGHT / 2;
                const mid = (parent.x + NODE_WIDTH + here.x) / 2;
                return [parent.x + NODE_WIDTH, fromY, mid, fromY, mid, toY, here.x, toY];
              })();
        edges.push({ source: parent.id, target: id, stacked: false, points });
      }
    });

    // Normalise: the sub-tree's root at (0, 0).
    const origin = at.get(top)!;
    const block: Block = { placed, edges, left: Infinity, right: -Infinity, bottom: -Infinity };
    const result = shifted(block, -origin.x, -origin.y);
    for (const p of result.placed) {
      result.left = Math.min(result.left, p.x);
      result.right = Math.max(result.right, p.x + NODE_WIDTH);
      result.bottom = Math.max(result.bottom, p.y + NODE_HEIGHT);
    }
    return result;
  }

  const whole = layoutFrom(root.id);
  const byId = new Map(whole.placed.map((p) => [p.id, p]));
  return { placed: order.map((id) => byId.get(id)!), edges: whole.edges, order };
}

/**
 * Which territories start collapsed in a large plan: the deepest level that keeps at most `budget` territories
 * drawn is shown, and its territories are collapsed. Small plans show everything.
 */
export function defaultCollapsed(territories: readonly TreeNode[], budget = 250): Set<string> {
  const children = childrenByParent(territories);
  const root = children.get(null)?.[0];
  if (!root || territories.length <= budget) return new Set();
  let level = [root];
  let drawn = 1;
  for (;;) {
    const next = level.flatMap((t) => children.get(t.id) ?? []);
    if (next.length === 0 || drawn + next.length > budget) break;
    drawn += next.length;
    level = next;
  }
  return new Set(level.filter((t) => (children.get(t.id)?.length ?? 0) > 0).map((t) => t.id));
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows the whole drawing in a box of `width` × `height` pixels, centred, with a margin, never
 * zoomed in beyond `maxZoom`. Computed from the layout itself, so the canvas can jump there in the same frame as
 * it draws the nodes instead of drawing them twice (once where the view was, once fitted).
 */
export function fitLayout(
  placed: readonly PlacedTerritory[],
  width: number,
  height: number,
  options: { padding?: number; minZoom?: number; maxZoom?: number } = {},
): Viewport {
  const { padding = 0.08, minZoom = 0.01, maxZoom = 1 } = options;
  if (placed.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const p of placed) {
    left = Math.min(left, p.x);
    top = Math.min(top, p.y);
    right = Math.max(right, p.x + NODE_WIDTH);
    bottom = Math.max(bottom, p.y + NODE_HEIGHT);
  }
  const zoom = Math.min(
    maxZoom,
    Math.max(
      minZoom,
      Math.min((width * (1 - 2 * padding)) / (right - left), (height * (1 - 2 * padding)) / (bottom - top)),
    ),
  );
  return { x: width / 2 - ((left + right) / 2) * zoom, y: height / 2 - ((top + bottom) / 2) * zoom, zoom };
}
