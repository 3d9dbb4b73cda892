/**
 * The territory tree, as pure functions over territory lists. Storage loads and saves; these decide.
 */
import { ancestorIds, childrenByParent, subtreeIds, topmostOf, type TreeNode } from '../../shared/hierarchy';

export { childrenByParent, findRoot, subtreeIds, type TreeNode } from '../../shared/hierarchy';

export type MoveProblem = 'isRoot' | 'intoItself' | 'intoOwnSubtree' | 'unknownTerritory';

/**
 * Why a territory cannot move under a new parent, or null when it can. Works on any slice of the tree that holds
 * the territory and the new parent's ancestors (the model passes just that, not the whole plan).
 */
export function moveProblem(territories: readonly TreeNode[], id: string, newParentId: string): MoveProblem | null {
  const byId = new Map(territories.map((t) => [t.id, t]));
  return moveProblemIn(byId, id, newParentId);
}

function moveProblemIn(byId: ReadonlyMap<string, TreeNode>, id: string, newParentId: string): MoveProblem | null {
  const territory = byId.get(id);
  if (!territory || !byId.has(newParentId)) return 'unknownTerritory';
  if (territory.parentId === null) return 'isRoot';
  if (id === newParentId) return 'intoItself';
  if (ancestorIds(byId, newParentId).includes(id)) return 'intoOwnSubtree';
  return null;
}

/** The first territory of a multiple move that cannot go under the new parent, and why. */
export function movesProblem(
  territories: readonly TreeNode[],
  ids: readonly string[],
  newParentId: string,
): { territoryId: string; problem: MoveProblem } | null {
  const byId = new Map(territories.map((t) => [t.id, t]));
  for (const id of ids) {
    const problem = moveProblemIn(byId, id, newParentId);
    if (problem) return { territoryId: id, problem };
  }
  return null;
}

/** Two sort orders closer than this are renumbered rather than split again (floating point runs out). */
const MIN_ORDER_GAP = 1e-6;

/**
 * Places `moving` (in that order) under `parentId` at position `at` among `siblings` (sorted, without the moving
 * ones) and answers the rows that changed. New orders are taken between the neighbours, so a move touches only
 * the moving rows; the siblings are renumbered only when the gap between neighbours is used up.
 */
function placeAmong<T extends TreeNode>(
  siblings: readonly T[],
  at: number,
  moving: readonly T[],
  parentId: string,
): T[] {
  const before = siblings[at - 1]?.sortOrder;
  const after = siblings[at]?.sortOrder;
  const k = moving.length;
  let orders: number[] | null;
  if (before === undefined && after === undefined) orders = moving.map((_, i) => i);
  else if (before === undefined) orders = moving.map((_, i) => after! - (k - i));
  else if (after === undefined) orders = moving.map((_, i) => before + 1 + i);
  else {
    const step = (after - before) / (k + 1);
    orders = step >= MIN_ORDER_GAP ? moving.map((_, i) => before + step * (i + 1)) : null;
  }
  const changed: T[] = [];
  if (orders) {
    moving.forEach((t, i) => {
      if (t.parentId !== parentId || t.sortOrder !== orders![i])
        changed.push({ ...t, parentId, sortOrder: orders![i] });
    });
    return changed;
  }
  const sequence = [...siblings.slice(0, at), ...moving, ...siblings.slice(at)];
  sequence.forEach((t, order) => {
    if (t.parentId !== parentId || t.sortOrder !== order) changed.push({ ...t, parentId, sortOrder: order });
  });
  return changed;
}

/** Whether putting `moving` at `at` among the other children leaves the children exactly as they are. */
function staysInPlace(
  children: readonly TreeNode[],
  others: readonly TreeNode[],
  at: number,
  moving: readonly TreeNode[],
) {
  if (moving.length + others.length !== children.length) return false;
  const sequence = [...others.slice(0, at), ...moving, ...others.slice(at)];
  return sequence.every((t, i) => t.id === children[i].id);
}

/**
 * Puts a territory under `newParentId` at sibling position `index` (counted among the other children; the end by
 * default) and answers every territory whose parentId or sortOrder changed: usually just the one that moved.
 */
export function moveTerritory<T extends TreeNode>(
  territories: readonly T[],
  id: string,
  newParentId: string,
  index?: number,
): T[] {
  return moveTerritories(territories, [id], newParentId, index);
}

/**
 * Moves several territories, each with its subtree, under one new parent, side by side at `index`, in the order
 * given. A territory that lies below another one of the move goes along with it and keeps its place. Throws the
 * MoveProblem of the first that cannot move (check with movesProblem first). Works on a slice of the tree that
 * holds the moving territories with their ancestors, and the new parent with its ancestors and children.
 */
export function moveTerritories<T extends TreeNode>(
  territories: readonly T[],
  ids: readonly string[],
  newParentId: string,
  index?: number,
): T[] {
  const problem = movesProblem(territories, ids, newParentId);
  if (problem) throw new Error(problem.problem);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const moving = topmostOf(byId, ids).map((id) => byId.get(id)!);
  const movingIds = new Set(moving.map((t) => t.id));
  const children = childrenByParent(territories).get(newParentId) ?? [];
  const others = children.filter((t) => !movingIds.has(t.id));
  const at = Math.max(0, Math.min(index ?? others.length, others.length));
  if (staysInPlace(children, others, at, moving)) return [];
  return placeAmong(others, at, moving, newParentId);
}

/** Moves a territory `offset` places among its siblings (-1: one earlier), clamped to the first and last place. */
export function reorderTerritory<T extends TreeNode>(territories: readonly T[], id: string, offset: number): T[] {
  const territory = territories.find((t) => t.id === id);
  if (!territory || territory.parentId === null) return [];
  const siblings = childrenByParent(territories).get(territory.parentId) ?? [];
  const position = siblings.findIndex((s) => s.id === id);
  return moveTerritory(territories, id, territory.parentId, Math.max(0, position + offset));
}

/** A code not yet in `taken` ("FR", then "FR-2", "FR-3"...), which it then joins. The empty code stays empty. */
export function uniqueCode(code: string, taken: Set<string>): string {
  if (code === '') return '';
  let candidate = code;
  for (let n = 2; taken.has(candidate); n++) {
    const suffix = `-${n}`;
    candidate = code.slice(0, 64 - suffix.length) + suffix;
  }
  taken.add(candidate);
  return candidate;
}

export interface DuplicateOptions {
  newId: () => string;
  /** Name of the top copy; the original's when absent. Copies below keep their names. */
  name?: string;
  /** Codes in use in the plan; copies get fresh ones and they are added here. */
  takenCodes: Set<string>;
}

/**
 * Copies a territory and its subtree, placed right after the original among its siblings. Answers the copies,
 * parents before children (the top copy first), and the siblings that had to be renumbered to make room (rarely
 * any). Codes are kept unique; the root (the organisation) cannot be copied.
 */
export function duplicateSubtree<T extends TreeNode & { name: string; code: string }>(
  territories: readonly T[],
  id: string,
  options: DuplicateOptions,
): { copies: T[]; renumbered: T[] } {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const original = byId.get(id);
  if (!original) throw new Error('unknownTerritory');
  if (original.parentId === null) throw new Error('isRoot');
  const ids = subtreeIds(territories, id);
  const copyIdOf = new Map(ids.map((old) => [old, options.newId()]));
  const copies = ids.map((old) => {
    const source = byId.get(old)!;
    return {
      ...source,
      id: copyIdOf.get(old)!,
      parentId: old === id ? source.parentId : copyIdOf.get(source.parentId!)!,
      name: old === id && options.name ? options.name : source.name,
      code: uniqueCode(source.code, options.takenCodes),
    };
  });
  const siblings = childrenByParent(territories).get(original.parentId) ?? [];
  const at = siblings.findIndex((s) => s.id === id) + 1;
  const placed = placeAmong(siblings, at, [copies[0]], original.parentId);
  const top = placed.find((t) => t.id === copies[0].id);
  if (top) copies[0] = top;
  return { copies, renumbered: placed.filter((t) => t.id !== copies[0].id) };
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
