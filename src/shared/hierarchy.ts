/**
 * Navigating the territory tree: pure helpers the model and the UI both use (the UI to draw it, the model to
 * change it; the changes themselves live in src/model/engine/hierarchy.ts).
 */
import type { Territory } from './domain';

export type TreeNode = Pick<Territory, 'id' | 'parentId' | 'sortOrder'>;

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

export function depthOf(territories: readonly TreeNode[], id: string): number {
  return pathTo(territories, id).length - 1;
}

