/**
 * What the hierarchy canvas draws, derived from the plan without React: the React Flow node of each placed
 * territory (reusing the previous object when nothing about it changed), who manages and staffs each territory,
 * and where a dragged territory would land. Pure functions over plain data, tested in test/unit/hierarchy.
 */
import type { XYPosition } from '@xyflow/react';
import type { Membership, SalesUser, Territory } from '../../../../shared/domain';
import { isWithin } from '../../../../shared/hierarchy';
import type { TerritoryStats } from '../../stores/planStore';
import type { DropZone } from './hierarchyStore';
import { NODE_HEIGHT, NODE_WIDTH, type LayoutDirection, type PlacedTerritory, type TreeLayout } from './layout';
import type { TerritoryFlowNode, TerritoryNodeData } from './TerritoryNode';

export interface People {
  /** The manager's name, by territory id. */
  manager: Map<string, string>;
  /** How many people, by territory id. */
  members: Map<string, number>;
}

export function peopleOf(memberships: readonly Membership[], users: readonly SalesUser[]): People {
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const manager = new Map<string, string>();
  const members = new Map<string, number>();
  for (const m of memberships) {
    members.set(m.territoryId, (members.get(m.territoryId) ?? 0) + 1);
    if (m.role === 'manager') manager.set(m.territoryId, nameOf.get(m.userId) ?? '?');
  }
  return { manager, members };
}

/** Whether two node data hold the same values, so the previous object can be kept and memo() skips the node. */
export function sameData(a: TerritoryNodeData, b: TerritoryNodeData): boolean {
  for (const key of Object.keys(b) as (keyof TerritoryNodeData)[]) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The node objects of the previous drawing, by territory id, handed to the next `territoryNodes` call. Pure
 * memoisation: a drawing never depends on what is kept here, only how much of it React Flow redraws.
 */
export class NodeCache {
  private nodes: ReadonlyMap<string, TerritoryFlowNode> = new Map();
  previous(): ReadonlyMap<string, TerritoryFlowNode> {
    return this.nodes;
  }
  keep(nodes: ReadonlyMap<string, TerritoryFlowNode>): void {
    this.nodes = nodes;
  }
}

export interface NodesInput {
  layout: TreeLayout;
  byId: ReadonlyMap<string, Territory>;
  stats: Readonly<Record<string, TerritoryStats>>;
  people: People;
  collapsed: ReadonlySet<string>;
  /** The selected territories, in the order picked. */
  selection: readonly string[];
  currency: string;
  readOnly: boolean;
  language: string;
}

/**
 * The React Flow nodes of a drawing, in layout order, and the same nodes by id for the next call. A node whose
 * place, selection, tab stop and data did not change is the `previous` object itself, so 2,000 nodes do not all
 * redraw on a rename; a drawing never depends on `previous`, only how much of it React Flow redraws.
 */
export function territoryNodes(
  input: NodesInput,
  previous: ReadonlyMap<string, TerritoryFlowNode>,
): { nodes: TerritoryFlowNode[]; byId: Map<string, TerritoryFlowNode> } {
  const { layout, byId, stats, people, collapsed, selection, currency, readOnly, language } = input;
  const selected = new Set(selection);
  // Roving tabindex (WAI-ARIA tree pattern): one territory is the tree's tab stop, the last one picked if it is
  // drawn, or else the root; the arrows move between the others.
  const picked = selection.at(-1);
  const tabStop = picked !== undefined && layout.placed.some((p) => p.id === picked) ? picked : layout.placed[0]?.id;
  const next = new Map<string, TerritoryFlowNode>();
  const nodes = layout.placed.map((p: PlacedTerritory) => {
    const territory = byId.get(p.id)!;
    const data: TerritoryNodeData = {
      territory,
      manager: people.manager.get(p.id) ?? null,
      members: people.members.get(p.id) ?? 0,
      stats: stats[p.id] ?? null,
      childCount: p.childCount,
      hiddenCount: p.hiddenCount,
      collapsed: collapsed.has(p.id),
      currency,
      readOnly,
      language,
    };
    const old = previous.get(p.id);
    const isSelected = selected.has(p.id);
    const tabIndex = p.id === tabStop ? 0 : -1;
    const node: TerritoryFlowNode =
      old &&
      old.position.x === p.x &&
      old.position.y === p.y &&
      old.selected === isSelected &&
      old.domAttributes?.tabIndex === tabIndex &&
      sameData(old.data, data)
        ? old
        : {
            id: p.id,
            type: 'territory',
            position: { x: p.x, y: p.y },
            data: old && sameData(old.data, data) ? old.data : data,
            width: NODE_WIDTH,
            height: NODE_HEIGHT,
            measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
            selected: isSelected,
            draggable: !readOnly && territory.parentId !== null,
            ariaRole: 'treeitem',
            ariaLabel: territory.name,
            domAttributes: {
              'aria-level': p.depth + 1,
              'aria-selected': isSelected,
              tabIndex,
              ...(p.childCount > 0 && { 'aria-expanded': !collapsed.has(p.id) }),
            },
          };
    next.set(p.id, node);
    return node;
  });
  return { nodes, byId: next };
}

/**
 * Which territory a point of the drawing is over, and where on it: before, inside or after along the siblings'
 * axis (the outer fifths of the node place beside it). The organisation takes only "inside".
 */
export function dropAt(
  placed: readonly PlacedTerritory[],
  byId: ReadonlyMap<string, Territory>,
  direction: LayoutDirection,
  point: XYPosition,
  exclude: ReadonlySet<string>,
): { targetId: string; zone: DropZone } | null {
  for (const p of placed) {
    if (exclude.has(p.id)) continue;
    if (point.x < p.x || point.x > p.x + NODE_WIDTH || point.y < p.y || point.y > p.y + NODE_HEIGHT) continue;
    const territory = byId.get(p.id);
    if (!territory || territory.parentId === null) return { targetId: p.id, zone: 'inside' };
    const alongY = direction === 'LR' || p.stacked;
    const fraction = alongY ? (point.y - p.y) / NODE_HEIGHT : (point.x - p.x) / NODE_WIDTH;
    return { targetId: p.id, zone: fraction < 0.22 ? 'before' : fraction > 0.78 ? 'after' : 'inside' };
  }
  return null;
}

/** Whether dropping these territories there is refused: beside the organisation, or into one of themselves. */
export function refusedDrop(
  byId: ReadonlyMap<string, Territory>,
  moving: readonly string[],
  targetId: string,
  zone: DropZone,
): boolean {
  const target = byId.get(targetId);
  const parentId = zone === 'inside' ? targetId : (target?.parentId ?? null);
  if (parentId === null) return true;
  return moving.some((id) => isWithin(byId, parentId, id));
}
