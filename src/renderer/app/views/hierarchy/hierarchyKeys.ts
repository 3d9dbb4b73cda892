/**
 * The Hierarchy canvas's keyboard: arrows, Home, Space and Escape move among territories (keyboard.ts says
 * where), Alt+arrow reorders, and every other shortcut is a command of the registry (hierarchyActions.ts), run
 * only when it can run now.
 */
import type { KeyboardEvent } from 'react';
import type { Territory } from '../../../../shared/domain';
import { selectedTerritoryId, selectTerritories, usePlanStore } from '../../stores/planStore';
import { runShortcut, typingIn } from '../../viewActions';
import { hierarchyActions, type HierarchyContext } from './hierarchyActions';
import { goToTerritory, useHierarchyUi } from './hierarchyStore';
import { neighbourOf, reorderOffset, type Arrow } from './keyboard';
import { reorderTerritory, toggleTerritory } from './territoryActions';

interface KeysInput {
  children: ReadonlyMap<string | null, readonly Territory[]>;
  byId: ReadonlyMap<string, Territory>;
  collapsed: ReadonlySet<string>;
  placedById: ReadonlyMap<string, { stacked: boolean }>;
  context: HierarchyContext;
}

export function useHierarchyKeys({ children, byId, collapsed, placedById, context }: KeysInput) {
  const { planId, territories, direction, readOnly } = context;
  return (event: KeyboardEvent<HTMLDivElement>) => {
    if (typingIn(event.target) || event.target instanceof HTMLButtonElement) return;
    // The selection as it is at this key press (a click just before may not have re-rendered yet).
    const primaryId = selectedTerritoryId(usePlanStore.getState());
    const primary = primaryId ? byId.get(primaryId) : undefined;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    const goHome = () => {
      const root = children.get(null)?.[0];
      if (root) goToTerritory(planId, territories, root.id);
      handled();
    };
    if (!primary) {
      if (event.key.startsWith('Arrow') || event.key === 'Home') goHome();
      return;
    }
    if (event.key.startsWith('Arrow')) {
      const arrow = event.key as Arrow;
      const stacked = placedById.get(primary.id)?.stacked ?? false;
      if (event.altKey) {
        if (!readOnly) void reorderTerritory(primary, reorderOffset(arrow, direction, stacked));
      } else {
        const next = neighbourOf(
          { children, byId, collapsed, stacked: (id) => placedById.get(id)?.stacked ?? false },
          primary.id,
          arrow,
          direction,
        );
        if (next) goToTerritory(planId, territories, next);
      }
      handled();
      return;
    }
    if (event.key === 'Home') return goHome();
    if (event.key === ' ' && (children.get(primary.id)?.length ?? 0) > 0) {
      toggleTerritory(primary.id);
      handled();
      return;
    }
    if (event.key === 'Escape') {
      useHierarchyUi.setState({ cut: [] });
      selectTerritories([primary.id]);
      handled();
      return;
    }
    if (runShortcut(hierarchyActions, { ...context, selected: primary }, event)) handled();
  };
}
