/**
 * Where each territory of the hierarchy graph is drawn: a tidy tree (d3-hierarchy's Reingold–Tilford layout),
 * top-down or left-right, over the territories that are not inside a collapsed one. Pure: unit-tested in Node.
 *
 * Top-down, a territory whose sub-territories are all leaves gets them stacked in a column below it, as org
 * charts do: a region with 30 districts stays one column wide instead of 30.
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

export interface TreeLayout {
  placed: PlacedTerritory[];
  /** [parent, child] pairs between drawn territories. */
  edges: { source: string; target: string; stacked: boolean }[];
  /** Drawn territories in the planner's reading order (depth first, siblings in order): keyboard and tests use it. */
  order: string[];
}

interface LayoutDatum {
  id: string;
  /** Leaves stacked under the parent hang on each other as a chain, so that d3 keeps them clear of neighbours. */
  stackedUnder?: string;
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
      counts.set(top.id, below.reduce((sum, c) => sum + 1 + (counts.get(c.id) ?? 0), 0));
    } else {
      stack.push({ id: top.id, done: true });
      for (const c of below) stack.push({ id: c.id, done: false });
    }
  }
  return counts;
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

  const rootNode = hierarchy<LayoutDatum>({ id: root.id }, (d) => {
    if (d.stackedUnder !== undefined) {
      // The next leaf of the column, if any.
      const column = shown(d.stackedUnder);
      const at = siblingIndex.get(d.id)!;
      return at + 1 < column.length ? [{ id: column[at + 1].id, stackedUnder: d.stackedUnder }] : [];
    }
    const below = shown(d.id);
    if (below.length === 0) return [];
    if (stacks(d.id)) return [{ id: below[0].id, stackedUnder: d.id }];
    return below.map((c) => ({ id: c.id }));
  });

  const across = direction === 'TB' ? NODE_WIDTH + GAP_ACROSS : NODE_HEIGHT + GAP_ACROSS / 2;
  const down = direction === 'TB' ? NODE_HEIGHT + GAP_DOWN : NODE_WIDTH + GAP_DOWN * 1.5;
  const laidOut = tree<LayoutDatum>()
    .nodeSize([across, down])
    // A stacked column is indented: it needs a little more room than one node beside its neighbours.
    .separation((a, b) =>
      a.data.stackedUnder !== undefined || b.data.stackedUnder !== undefined ? 1.2 : a.parent === b.parent ? 1 : 1.15,
    )(rootNode);

  const placed: PlacedTerritory[] = [];
  const placedById = new Map<string, PlacedTerritory>();
  const edges: TreeLayout['edges'] = [];
  const byId = new Map<string, HierarchyPointNode<LayoutDatum>>();
  laidOut.each((node) => byId.set(node.data.id, node));
  const stackTop = new Map<string, number>();

  // Depth in the plan, not in the chain of stacked leaves.
  const depthOf = new Map<string, number>();
  const order: string[] = [];
  const walk = (id: string, depth: number) => {
    depthOf.set(id, depth);
    order.push(id);
    for (const c of shown(id)) walk(c.id, depth + 1);
  };
  // Plans are shallow (a handful of levels), so recursion depth is not a concern here.
  walk(root.id, 0);

  for (const id of order) {
    const node = byId.get(id)!;
    const depth = depthOf.get(id)!;
    const stackedUnder = node.data.stackedUnder;
    let x: number;
    let y: number;
    if (stackedUnder !== undefined) {
      // A column under the parent: packed closer than tree levels, indented so the connector runs beside it.
      const parent = placedById.get(stackedUnder) ?? null;
      const top = stackTop.get(stackedUnder) ?? (parent ? parent.y + NODE_HEIGHT + GAP_DOWN / 2 : 0);
      x = (parent?.x ?? 0) + STACK_INDENT;
      y = top;
      stackTop.set(stackedUnder, top + NODE_HEIGHT + GAP_STACK);
    } else if (direction === 'TB') {
      x = node.x - NODE_WIDTH / 2;
      y = node.y;
    } else {
      x = node.y;
      y = node.x - NODE_HEIGHT / 2;
    }
    const here: PlacedTerritory = {
      id,
      x,
      y,
      depth,
      childCount: children.get(id)?.length ?? 0,
      hiddenCount: collapsed.has(id) ? (counts.get(id) ?? 0) : 0,
      stacked: stackedUnder !== undefined,
    };
    placed.push(here);
    placedById.set(id, here);
    const below = shown(id);
    if (below.length > 0) {
      const stacked = stacks(id);
      for (const c of below) edges.push({ source: id, target: c.id, stacked });
    }
  }
  return { placed, edges, order };
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
    Math.max(minZoom, Math.min((width * (1 - 2 * padding)) / (right - left), (height * (1 - 2 * padding)) / (bottom - top))),
  );
  return { x: width / 2 - ((left + right) / 2) * zoom, y: height / 2 - ((top + bottom) / 2) * zoom, zoom };
}
