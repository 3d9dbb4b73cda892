/**
 * The territory tree, as pure functions over territory lists. Storage loads and saves; these decide.
 */
import { childrenByParent, subtreeIds, type TreeNode } from '../../shared/hierarchy';

export { childrenByParent, depthOf, findRoot, pathTo, subtreeIds, type TreeNode } from '../../shared/hierarchy';

export type MoveProblem = 'isRoot' | 'intoItself' | 'intoOwnSubtree' | 'unknownTerritory';

/** Why a territory cannot move under a new parent, or null when it can. */
export function moveProblem(territories: readonly TreeNode[], id: string, newParentId: string): MoveProblem | null {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const territory = byId.get(id);
  if (!territory || !byId.has(newParentId)) return 'unknownTerritory';
  if (territory.parentId === null) return 'isRoot';
  if (id === newParentId) return 'intoItself';
  if (subtreeIds(territories, id).includes(newParentId)) return 'intoOwnSubtree';
  return null;
}

/**
 * Puts a territory under `newParentId` at sibling position `index` (the end by default) and answers every
 * territory whose parentId or sortOrder changed. Sort orders are renumbered 0..n-1 among the new siblings.
 */
export function moveTerritory<T extends TreeNode>(
  territories: readonly T[],
  id: string,
  newParentId: string,
  index?: number,
): T[] {
  const problem = moveProblem(territories, id, newParentId);
  if (problem) throw new Error(problem);
  const moving = territories.find((t) => t.id === id)!;
  const siblings = (childrenByParent(territories).get(newParentId) ?? []).filter((t) => t.id !== id);
  const at = Math.max(0, Math.min(index ?? siblings.length, siblings.length));
  siblings.splice(at, 0, moving);
  const changed: T[] = [];
  siblings.forEach((sibling, order) => {
    const parentId = sibling.id === id ? newParentId : sibling.parentId;
    if (sibling.sortOrder !== order || sibling.parentId !== parentId) {
      changed.push({ ...sibling, parentId, sortOrder: order });
    }
  });
  return changed;
}

/** Sort order that places a new territory last among a parent's children, or right after a given sibling. */
export function nextSortOrder(territories: readonly TreeNode[], parentId: string, afterSiblingId?: string): number {
  const siblings = childrenByParent(territories).get(parentId) ?? [];
  if (afterSiblingId) {
    const at = siblings.findIndex((s) => s.id === afterSiblingId);
    if (at >= 0) {
      const next = siblings[at + 1];
      return next ? (siblings[at].sortOrder + next.sortOrder) / 2 : siblings[at].sortOrder + 1;
    }
  }
  return siblings.length === 0 ? 0 : siblings[siblings.length - 1].sortOrder + 1;
}

export interface DeletePlan {
  /** Territories removed. */
  deleted: string[];
  /** Territories that stay, with their new parent and order. */
  moved: { id: string; parentId: string; sortOrder: number }[];
}

/**
 * What deleting a territory does: its children go up to its parent (after its former siblings, in order) or
 * the whole subtree goes.
 */
export function planDeletion(
  territories: readonly TreeNode[],
  id: string,
  policy: 'moveChildrenToParent' | 'deleteSubtree',
): DeletePlan {
  const territory = territories.find((t) => t.id === id);
  if (!territory) throw new Error('unknownTerritory');
  if (territory.parentId === null) throw new Error('isRoot');
  if (policy === 'deleteSubtree') return { deleted: subtreeIds(territories, id), moved: [] };
  const children = childrenByParent(territories);
  const siblings = (children.get(territory.parentId) ?? []).filter((t) => t.id !== id);
  let order = siblings.length === 0 ? 0 : siblings[siblings.length - 1].sortOrder + 1;
  const moved = (children.get(id) ?? []).map((child) => ({
    id: child.id,
    parentId: territory.parentId as string,
    sortOrder: order++,
  }));
  return { deleted: [id], moved };
}
