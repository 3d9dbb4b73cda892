/**
 * The Hierarchy's command registry: each shortcut stands for one command, tooltips show a shortcut the keyboard
 * obeys, and the canvas's key handler runs the registered command (and nothing when it cannot run).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Territory } from '../../../src/shared/domain';
import { matchesShortcut, parseShortcut, shortcutText, type KeyPress } from '../../../src/shared/shortcuts';
import { actionForKey, type ViewAction } from '../../../src/renderer/app/viewActions';

vi.mock('../../../src/renderer/app/bridge', () => ({ model: {}, desktop: {}, territoryBridge: {} }));

// The key handler asks whether the key went to a text field; Node has no DOM classes.
beforeAll(() => {
  for (const name of [
    'HTMLElement',
    'HTMLInputElement',
    'HTMLTextAreaElement',
    'HTMLSelectElement',
    'HTMLButtonElement',
  ])
    (globalThis as Record<string, unknown>)[name] ??= class {};
});
afterEach(() => vi.restoreAllMocks());

const press = (shortcut: string): KeyPress => {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  return { key, ctrlKey: mod, metaKey: false, shiftKey: shift, altKey: alt };
};

function territory(id: string, parentId: string | null): Territory {
  return { id, parentId, name: id, code: id, sortOrder: 0 } as Territory;
}

describe('shortcuts', () => {
  it('match their exact modifiers, letters in either case', () => {
    expect(matchesShortcut({ key: 'd', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, 'Mod+D')).toBe(
      true,
    );
    expect(matchesShortcut({ key: 'D', ctrlKey: false, metaKey: true, shiftKey: false, altKey: false }, 'Mod+D')).toBe(
      true,
    );
    expect(matchesShortcut({ key: 'D', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false }, 'Mod+D')).toBe(
      false,
    );
    expect(
      matchesShortcut({ key: 'Enter', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false }, 'Enter'),
    ).toBe(false);
    expect(matchesShortcut(press('F2'), 'F2')).toBe(true);
  });

  it('are written as a planner reads them', () => {
    expect(shortcutText('Mod+Shift+M', undefined, false)).toBe('Ctrl+Shift+M');
    expect(shortcutText('Mod+Shift+M', undefined, true)).toBe('⇧⌘M');
    expect(shortcutText('Alt+Shift+ArrowUp', undefined, true)).toBe('⌥⇧↑');
    expect(shortcutText('Delete', undefined, false)).toBe('Del');
    expect(shortcutText('Mod+Enter', undefined, false)).toBe('Ctrl+Enter');
  });
});

describe('the Hierarchy registry', async () => {
  const { hierarchyActions } = await import('../../../src/renderer/app/views/hierarchy/hierarchyActions');
  const { useHierarchyKeys } = await import('../../../src/renderer/app/views/hierarchy/hierarchyKeys');
  const { usePlanStore } = await import('../../../src/renderer/app/stores/planStore');

  // That each shortcut is one command's only: test/unit/commands/registry.test.ts, for every registry.
  it('finds the command of each of its shortcuts', () => {
    for (const action of hierarchyActions)
      for (const shortcut of action.shortcuts ?? [])
        expect(actionForKey(hierarchyActions, press(shortcut))).toBe(action);
  });

  const territories = [territory('org', null), territory('emea', 'org'), territory('fr', 'emea')];
  const byId = new Map(territories.map((t) => [t.id, t]));
  const children = new Map<string | null, Territory[]>([
    [null, [territories[0]]],
    ['org', [territories[1]]],
    ['emea', [territories[2]]],
  ]);
  const context = (readOnly: boolean) => ({
    planId: 'p',
    territories,
    selected: territories[1],
    root: territories[0],
    readOnly,
    direction: 'TB' as const,
    flow: { zoomIn: vi.fn(), zoomOut: vi.fn(), fitView: vi.fn() },
    openGenerate: vi.fn(),
  });
  const keyDown = (readOnly: boolean, shortcut: string) => {
    const event = { ...press(shortcut), target: null, preventDefault: vi.fn(), stopPropagation: vi.fn() };
    const handler = useHierarchyKeys({
      children,
      byId,
      collapsed: new Set(),
      placedById: new Map(),
      context: context(readOnly),
    });
    handler(event as unknown as Parameters<typeof handler>[0]);
    return event;
  };

  it('runs the registered command for each of its shortcuts, with the selected territory', () => {
    usePlanStore.setState({ selection: ['emea'] });
    for (const action of hierarchyActions) {
      for (const shortcut of action.shortcuts ?? []) {
        const runs = hierarchyActions.map((a) =>
          vi.spyOn(a as ViewAction<unknown>, 'run').mockImplementation(() => {}),
        );
        const event = keyDown(false, shortcut);
        const ran = runs.flatMap((spy, i) => (spy.mock.calls.length > 0 ? [hierarchyActions[i].id] : []));
        expect(ran, shortcut).toEqual([action.id]);
        expect((runs[hierarchyActions.indexOf(action)].mock.calls[0][0] as { selected: Territory }).selected.id).toBe(
          'emea',
        );
        expect(event.preventDefault).toHaveBeenCalled();
        vi.restoreAllMocks();
      }
    }
  });

  it('runs no command that changes the plan when the plan is not a draft', () => {
    usePlanStore.setState({ selection: ['emea'] });
    const runs = hierarchyActions.map((a) => vi.spyOn(a as ViewAction<unknown>, 'run').mockImplementation(() => {}));
    for (const action of hierarchyActions.filter((a) => a.edits))
      for (const shortcut of action.shortcuts ?? []) keyDown(true, shortcut);
    expect(runs.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    expect(hierarchyActions.filter((a) => a.shortcuts?.length).every((a) => a.edits)).toBe(true);
  });
});
