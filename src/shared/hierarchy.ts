/**
 * Navigating the territory tree: pure helpers the model and the UI both use (the UI to draw it, the model to
 * change it; the changes themselves live in src/model/engine/hierarchy.ts).
 */
import type { Territory } from './domain';

export type TreeNode = Pick<Territory, 'id' | 'parentId' | 'sortOrder'>;

/** Colours given to new territories in turn, and offered to recolour them: distinct on the map, readable under white text. */
export const territoryPalette = [
  '#2563eb',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#c026d3',
  '#65a30d',
  '#e11d48',
  '#0d9488',
  '#7c3aed',
  '#ca8a04',
] as const;

export function findRoot<T extends TreeNode>(territories: readonly T[]): T | undefined {
  return territories.find((t) => t.parentId === null);
}

/** Children of each territory, in sibling order. */
export function childrenByParent<T extends TreeNode>(territories: readonly T[]): Map<string | null, T[]> {
  const children = new Map<string | null, T[]>();
  for (const territory of territories) {
    const list = children.get(territory.parentId);
    if (list) list.push(territory);
    else children.set(territory.parentId, [territory]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  return children;
}

/** The territory and everything below it, parents before children. */
export function subtreeIds(territories: readonly TreeNode[], rootId: string): string[] {
  const children = childrenByParent(territories);
  const ids: string[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    ids.push(id);
    const below = children.get(id);
    if (below) for (let i = below.length - 1; i >= 0; i--) stack.push(below[i].id);
  }
  return ids;
}

/** Territories from the root down to `id` (both included). */
export function pathTo<T extends TreeNode>(territories: readonly T[], id: string): T[] {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const path: T[] = [];
  let current = byId.get(id);
  while (current && path.length <= territories.length) {
    path.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}

/** Ids from `id`'s parent up to the root, nearest first. Stops on a broken or cyclic chain. */
export function ancestorIds(byId: ReadonlyMap<string, TreeNode>, id: string): string[] {
  const ancestors: string[] = [];
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && ancestors.length <= byId.size) {
    ancestors.push(parentId);
    parentId = byId.get(parentId)?.parentId ?? null;
  }
  return ancestors;
}

/** Whether `id` is `ancestorId` or lies below it. O(depth). */
export function isWithin(byId: ReadonlyMap<string, TreeNode>, id: string, ancestorId: string): boolean {
  return id === ancestorId || ancestorIds(byId, id).includes(ancestorId);
}

/**
 * The given territories without those that lie below another of them: moving, copying or deleting a territory
 * already carries its subtree along.
 */
export function topmostOf(byId: ReadonlyMap<string, TreeNode>, ids: readonly string[]): string[] {
  const chosen = new Set(ids);
  return [...chosen].filter((id) => byId.has(id) && !ancestorIds(byId, id).some((a) => chosen.has(a)));
}

/**
 * Who sees what: a territory's users see its records, and users of a parent territory also see those of its
 * sub-territories. Answers the given territories with everything below them.
 */
export function seenFrom(territories: readonly TreeNode[], territoryIds: Iterable<string>): Set<string> {
  const children = childrenByParent(territories);
  const seen = new Set<string>();
  const stack = [...territoryIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child.id);
  }
  return seen;
}
