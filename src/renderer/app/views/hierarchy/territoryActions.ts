/** Territory edits, asked for from any view: each is one undoable model call. */
import i18next from 'i18next';
import type { Territory } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { model } from '../../bridge';
import { ask } from '../../components/dialogs';
import { selectTerritory, usePlanStore } from '../../stores/planStore';

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

export async function addTerritory(parentId: string, afterSiblingId?: string): Promise<void> {
  const planId = usePlanStore.getState().planId;
  if (!planId) return;
  const name = await ask.text(
    afterSiblingId ? t('hierarchy.addSibling') : t('hierarchy.addChild'),
    t('hierarchy.nameLabel'),
    t('hierarchy.newTerritory'),
  );
  if (!name) return;
  const territory = await attempt(() => model.createTerritory({ planId, parentId, name, afterSiblingId }));
  if (territory) selectTerritory(territory.id);
}

export async function renameTerritory(territory: Territory, name?: string): Promise<void> {
  const newName = name ?? (await ask.text(t('hierarchy.rename'), t('hierarchy.nameLabel'), territory.name));
  if (!newName || newName === territory.name) return;
  await attempt(() =>
    model.updateTerritory({ planId: territory.planId, territoryId: territory.id, patch: { name: newName } }),
  );
}

export async function moveTerritoryUnder(territory: Territory, newParentId: string, index?: number): Promise<void> {
  await attempt(() =>
    model.moveTerritory({ planId: territory.planId, territoryId: territory.id, newParentId, index }),
  );
}

export async function deleteTerritory(territory: Territory): Promise<void> {
  const { territories } = usePlanStore.getState();
  const children = territories.filter((x) => x.parentId === territory.id);
  const parent = territories.find((x) => x.id === territory.parentId);
  let policy: 'moveChildrenToParent' | 'deleteSubtree' = 'deleteSubtree';
  if (children.length > 0) {
    const choice = await ask.choice(
      t('hierarchy.deleteTitle', { name: territory.name }),
      t('hierarchy.deleteChildren', { count: children.length }),
      [
        { value: 'moveChildrenToParent', label: t('hierarchy.moveChildrenToParent', { parent: parent?.name ?? '' }) },
        { value: 'deleteSubtree', label: t('hierarchy.deleteSubtree'), danger: true },
      ],
    );
    if (!choice) return;
    policy = choice as typeof policy;
  } else {
    const ok = await ask.confirm(t('hierarchy.deleteTitle', { name: territory.name }), '', {
      danger: true,
      action: t('common.delete'),
    });
    if (!ok) return;
  }
  await attempt(() => model.deleteTerritory({ planId: territory.planId, territoryId: territory.id, policy }));
  selectTerritory(territory.parentId);
}
