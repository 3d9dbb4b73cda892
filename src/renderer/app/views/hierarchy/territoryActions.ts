/** Territory edits, asked for from any view: each is one undoable model call. */
import i18next from 'i18next';
import type { MembershipRole, Territory } from '../../../../shared/domain';
import { childrenByParent, isWithin, topmostOf } from '../../../../shared/hierarchy';
import { attempt } from '../../actions';
import { ask } from '../../components/dialogs';
import { selectTerritories, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { collapsedOf, goToTerritory, toggleCollapsed, useHierarchyUi } from './hierarchyStore';
import { callModel } from '../../data';
import type { InputOf } from '../../../../shared/api';

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);
type TerritoryPatch = InputOf<'updateTerritory'>['patch'];

function plan() {
  const { planId, territories } = usePlanStore.getState();
  return { planId, territories };
}

/** Folds or unfolds a territory's sub-territories. */
export function toggleTerritory(id: string, collapse?: boolean): void {
  const { planId, territories } = plan();
  if (planId) toggleCollapsed(planId, territories, id, collapse);
}

/** Asks for a name and adds a territory under `parentId` (right after `afterSiblingId` when given), then shows it. */
export async function addTerritory(parentId: string, afterSiblingId?: string): Promise<void> {
  const { planId } = plan();
  if (!planId) return;
  const name = await ask.text(
    afterSiblingId ? t('hierarchy.addSibling') : t('hierarchy.addChild'),
    t('hierarchy.nameLabel'),
    t('hierarchy.newTerritory'),
  );
  if (!name) return;
  const territory = await attempt(() => callModel('createTerritory', { planId, parentId, name, afterSiblingId }));
  if (!territory) return;
  // The new territory must be drawn: unfold its parent and what is above it.
  const { territories } = plan();
  if (collapsedOf(planId, territories).has(parentId)) toggleCollapsed(planId, territories, parentId, false);
  goToTerritory(planId, [...territories, territory], territory.id);
}

export async function addSibling(territory: Territory): Promise<void> {
  if (territory.parentId === null) return addTerritory(territory.id);
  return addTerritory(territory.parentId, territory.id);
}

export async function renameTerritory(territory: Territory, name?: string): Promise<void> {
  const newName = name ?? (await ask.text(t('hierarchy.rename'), t('hierarchy.nameLabel'), territory.name));
  if (!newName || newName === territory.name) return;
  await updateTerritory(territory, { name: newName });
}

export async function updateTerritory(territory: Territory, patch: TerritoryPatch): Promise<boolean> {
  const done = await attempt(() =>
    callModel('updateTerritory', { planId: territory.planId, territoryId: territory.id, patch }),
  );
  return done !== undefined;
}

/** Why these territories cannot go under `newParentId`, in the planner's words, or null when they can. */
export function moveRefusal(
  territories: readonly Territory[],
  ids: readonly string[],
  newParentId: string,
): string | null {
  const byId = new Map(territories.map((x) => [x.id, x]));
  for (const id of ids) {
    const territory = byId.get(id);
    if (!territory) continue;
    if (territory.parentId === null) return t('hierarchy.rootCannotMove');
    if (isWithin(byId, newParentId, id)) {
      return t('hierarchy.cycleRefused', { name: territory.name, target: byId.get(newParentId)?.name ?? '' });
    }
  }
  return null;
}

/**
 * Moves territories (each with its subtree) under a new parent at sibling position `index`, as one undoable step.
 * A move into a territory's own subtree is refused here, visibly, before asking the model.
 */
export async function moveTerritoriesUnder(
  ids: readonly string[],
  newParentId: string,
  index?: number,
): Promise<boolean> {
  const { planId, territories } = plan();
  if (!planId || ids.length === 0) return false;
  const refusal = moveRefusal(territories, ids, newParentId);
  if (refusal) {
    notify(refusal, 'error');
    return false;
  }
  // In the order they are drawn, so a multiple move keeps them as they were.
  const byId = new Map(territories.map((x) => [x.id, x]));
  const order = drawOrder(territories);
  const moving = topmostOf(byId, ids).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const done = await attempt(() =>
    moving.length === 1
      ? callModel('moveTerritory', { planId, territoryId: moving[0], newParentId, index })
      : callModel('moveTerritories', { planId, territoryIds: moving, newParentId, index }),
  );
  if (done === undefined) return false;
  if (collapsedOf(planId, territories).has(newParentId)) toggleCollapsed(planId, territories, newParentId, false);
  return true;
}

/** Depth-first position of each territory: the order the planner reads the tree in. */
function drawOrder(territories: readonly Territory[]): Map<string, number> {
  const children = childrenByParent(territories);
  const order = new Map<string, number>();
  const stack = [...(children.get(null) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    order.set(next.id, order.size);
    const below = children.get(next.id) ?? [];
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
  }
  return order;
}

/** Where a drop before or after `targetId` puts the moving territories: its parent and the sibling position. */
export function siblingPlace(
  territories: readonly Territory[],
  movingIds: readonly string[],
  targetId: string,
  zone: 'before' | 'after',
): { parentId: string; index: number } | null {
  const target = territories.find((x) => x.id === targetId);
  if (!target || target.parentId === null) return null;
  const moving = new Set(movingIds);
  const others = (childrenByParent(territories).get(target.parentId) ?? []).filter((x) => !moving.has(x.id));
  const at = others.findIndex((x) => x.id === targetId);
  return { parentId: target.parentId, index: zone === 'before' ? at : at + 1 };
}

/** Moves a territory one place earlier (-1) or later (+1) among its siblings. */
export async function reorderTerritory(territory: Territory, offset: number): Promise<void> {
  if (territory.parentId === null || offset === 0) return;
  const siblings = childrenByParent(plan().territories).get(territory.parentId) ?? [];
  const at = siblings.findIndex((s) => s.id === territory.id);
  const index = Math.max(0, Math.min(siblings.length - 1, at + offset));
  if (index === at) return;
  await attempt(() =>
    callModel('moveTerritory', {
      planId: territory.planId,
      territoryId: territory.id,
      newParentId: territory.parentId!,
      index,
    }),
  );
}

export async function duplicateTerritory(territory: Territory): Promise<void> {
  if (territory.parentId === null) return;
  const copies = await attempt(() =>
    callModel('duplicateTerritory', {
      planId: territory.planId,
      territoryId: territory.id,
      name: t('hierarchy.copyName', { name: territory.name }),
    }),
  );
  if (copies?.[0]) goToTerritory(territory.planId, [...plan().territories, ...copies], copies[0].id);
}

export async function deleteTerritory(territory: Territory): Promise<void> {
  if (territory.parentId === null) return;
  const { territories, territoryStats } = usePlanStore.getState();
  const children = territories.filter((x) => x.parentId === territory.id);
  const parent = territories.find((x) => x.id === territory.parentId);
  const accounts = territoryStats[territory.id]?.accounts ?? 0;
  const question = [
    children.length > 0 ? t('hierarchy.deleteChildren', { count: children.length }) : '',
    accounts > 0 ? t('hierarchy.deleteAccounts', { count: accounts, parent: parent?.name ?? '' }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  let policy: 'moveChildrenToParent' | 'deleteSubtree' = 'deleteSubtree';
  if (children.length > 0) {
    const choice = await ask.choice(t('hierarchy.deleteTitle', { name: territory.name }), question, [
      { value: 'moveChildrenToParent', label: t('hierarchy.moveChildrenToParent', { parent: parent?.name ?? '' }) },
      { value: 'deleteSubtree', label: t('hierarchy.deleteSubtree'), danger: true },
    ]);
    if (!choice) return;
    policy = choice as typeof policy;
  } else {
    const ok = await ask.confirm(t('hierarchy.deleteTitle', { name: territory.name }), question, {
      danger: true,
      action: t('common.delete'),
    });
    if (!ok) return;
    // Without sub-territories both policies are the same; keeping manual placements on the parent is the safe one.
    policy = 'moveChildrenToParent';
  }
  const done = await attempt(async () => {
    await callModel('deleteTerritory', { planId: territory.planId, territoryId: territory.id, policy });
    return true;
  });
  if (done) selectTerritories([territory.parentId]);
}

/** Adds a person to a territory with a role, or changes their role there. */
export async function assignUser(territoryId: string, userId: string, role: MembershipRole): Promise<boolean> {
  const { planId } = plan();
  if (!planId) return false;
  const done = await attempt(() => callModel('setMembership', { planId, territoryId, userId, role }));
  return done !== undefined;
}

export async function removeMembership(membershipId: string): Promise<void> {
  const { planId } = plan();
  if (planId) await attempt(() => callModel('removeMembership', { planId, membershipId }));
}

/** Ctrl+X: marks the selected territories to be placed elsewhere; the notice names the key that pastes. */
export function cutSelection(pasteKey: string): void {
  const { selection, territories } = usePlanStore.getState();
  const movable = selection.filter((id) => territories.find((x) => x.id === id)?.parentId !== null);
  useHierarchyUi.setState({ cut: movable });
  if (movable.length > 0) notify(t('hierarchy.cutNotice', { count: movable.length, pasteKey }));
}

/** Ctrl+V: places the territories cut before under `parentId`. */
export async function pasteUnder(parentId: string): Promise<void> {
  const { cut } = useHierarchyUi.getState();
  if (cut.length === 0) return;
  if (await moveTerritoriesUnder(cut, parentId)) useHierarchyUi.setState({ cut: [] });
}
