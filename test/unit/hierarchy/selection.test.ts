/**
 * One selection for every view (planStore.selection): the hierarchy's several picked territories and the single
 * territory the panel, the map and the rules edit are the same list, so picking elsewhere never leaves the
 * hierarchy showing an older multi-selection, and the hierarchy's commands act on what the list holds.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Territory } from '../../../src/shared/domain';

vi.mock('../../../src/renderer/app/bridge', () => ({ model: {}, desktop: {}, territoryBridge: {} }));
beforeAll(() => {
  for (const name of ['HTMLElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLSelectElement'])
    (globalThis as Record<string, unknown>)[name] ??= class {};
});

const { selectedTerritoryId, selectTerritories, selectTerritory, usePlanStore } =
  await import('../../../src/renderer/app/stores/planStore');
const { goToTerritory } = await import('../../../src/renderer/app/views/hierarchy/hierarchyStore');
const { cutSelection } = await import('../../../src/renderer/app/views/hierarchy/territoryActions');
const { useHierarchyUi } = await import('../../../src/renderer/app/views/hierarchy/hierarchyStore');

const territory = (id: string, parentId: string | null) => ({ id, parentId, name: id, code: id }) as Territory;
const territories = [
  territory('org', null),
  territory('emea', 'org'),
  territory('fr', 'emea'),
  territory('de', 'emea'),
];

afterEach(() => {
  selectTerritories([]);
  useHierarchyUi.setState({ cut: [] });
});

describe('the selection', () => {
  it('has the last territory picked as the selected one, and none when empty', () => {
    selectTerritories(['fr', 'de']);
    expect(selectedTerritoryId(usePlanStore.getState())).toBe('de');
    selectTerritories([]);
    expect(selectedTerritoryId(usePlanStore.getState())).toBeNull();
  });

  it("is replaced by a territory picked in another view: the hierarchy's several picks do not linger", () => {
    selectTerritories(['fr', 'de']);
    selectTerritory('emea'); // the Rules view's picker, the map's territory list
    expect(usePlanStore.getState().selection).toEqual(['emea']);
    selectTerritory(null);
    expect(usePlanStore.getState().selection).toEqual([]);
  });

  it('keeps its object when picked again the same, so nothing redraws for nothing', () => {
    selectTerritories(['fr', 'de']);
    const before = usePlanStore.getState().selection;
    selectTerritories(['fr', 'de']);
    expect(usePlanStore.getState().selection).toBe(before);
  });

  it('is what going to a territory (search, arrows) and cutting (Ctrl+X) act on', () => {
    usePlanStore.setState({ planId: 'p', territories });
    goToTerritory('p', territories, 'fr');
    expect(selectedTerritoryId(usePlanStore.getState())).toBe('fr');
    selectTerritories(['org', 'fr', 'de']);
    cutSelection('Ctrl+V');
    // The organisation cannot move: the cut holds the others, in the order picked.
    expect(useHierarchyUi.getState().cut).toEqual(['fr', 'de']);
  });
});
