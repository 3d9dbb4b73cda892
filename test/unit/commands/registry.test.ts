/**
 * The command registries: the app's (shell/appActions.ts, over shared/commands.ts) and each view's. A shortcut
 * stands for one command in its scope, every command has words in English and French, and what the native menu
 * or the browser's keys ask for is the registered command's run.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { desktopCommands } from '../../../src/shared/commands';
import { acceleratorOf, parseShortcut, type KeyPress } from '../../../src/shared/shortcuts';
import type { MenuCommand } from '../../../src/shared/desktop';
import type { ViewAction } from '../../../src/renderer/app/viewActions';

let menuListener: ((command: MenuCommand) => void) | undefined;
vi.mock('../../../src/renderer/app/bridge', () => ({
  model: {},
  territoryBridge: {},
  desktop: {
    host: 'electron',
    onMenuCommand: (listener: (command: MenuCommand) => void) => {
      menuListener = listener;
      return () => {};
    },
  },
}));

beforeAll(() => {
  for (const name of ['HTMLElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLSelectElement'])
    (globalThis as Record<string, unknown>)[name] ??= class {};
});
afterEach(() => vi.restoreAllMocks());

const { appActions, appAction } = await import('../../../src/renderer/app/shell/appActions');
const { startCommands } = await import('../../../src/renderer/app/shell/commands');
const { hierarchyActions } = await import('../../../src/renderer/app/views/hierarchy/hierarchyActions');
const { shortcutCommand } = await import('../../../src/renderer/browser-host/browserDesktop');
const { en } = await import('../../../src/renderer/app/i18n/en');
const { fr } = await import('../../../src/renderer/app/i18n/fr');
const { usePlanStore } = await import('../../../src/renderer/app/stores/planStore');

/** A second reading of a combination: its modifiers sorted, its key in lower case. */
const normalised = (shortcut: string) => {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toLowerCase();
  return [...parts.sort(), key].join('+');
};

const press = (shortcut: string): KeyPress => {
  const { key, mod, shift, alt } = parseShortcut(shortcut);
  return { key, ctrlKey: mod, metaKey: false, shiftKey: shift, altKey: alt };
};

const lookUp = (messages: object, key: string): unknown =>
  key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);

/** Every label key an action can show: a toggle's key depends on the state, so both states are asked. */
function labelKeys(action: ViewAction<never>): string[] {
  if (typeof action.labelKey === 'string') return [action.labelKey];
  const labelOf = action.labelKey as (context: unknown) => string;
  return [labelOf({ direction: 'TB' }), labelOf({ direction: 'LR' })];
}

const registries: Record<string, readonly ViewAction<never>[]> = {
  app: appActions as readonly ViewAction<never>[],
  hierarchy: hierarchyActions as readonly ViewAction<never>[],
};

describe('command registries', () => {
  it.each(Object.entries(registries))('give each shortcut of the %s scope to one command, and ids once', (_, list) => {
    const shortcuts = list.flatMap((a) => (a.shortcuts ?? []).map(normalised));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    const ids = list.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keep a view's keys clear of the app's (the native menu would take them first)", () => {
    const app = new Set(appActions.flatMap((a) => [...(a.shortcuts ?? [])]).map(normalised));
    for (const shortcut of desktopCommands.flatMap((c) => c.browserShortcuts ?? [])) app.add(normalised(shortcut));
    const clashes = hierarchyActions.flatMap((a) => (a.shortcuts ?? []).filter((s) => app.has(normalised(s))));
    expect(clashes).toEqual([]);
  });

  it.each(Object.entries(registries))('give every command of the %s scope words in English and French', (_, list) => {
    for (const action of list)
      for (const key of labelKeys(action)) {
        expect(typeof lookUp(en, key), `${action.id}: ${key} in English`).toBe('string');
        expect(typeof lookUp(fr, key), `${action.id}: ${key} in French`).toBe('string');
        if (action.hintKey) expect(typeof lookUp(fr, action.hintKey), `${action.id}: hint in French`).toBe('string');
      }
  });

  it('declare every desktop command once in the app registry, with the shared words and keys', () => {
    for (const command of desktopCommands) {
      const action = appAction(command.id);
      expect(action.labelKey).toBe(command.labelKey);
      expect(action.shortcuts).toEqual(command.shortcuts);
    }
  });
});

describe('what the native menu asks for', () => {
  it('runs the registered command of that id when it can run, and nothing else', () => {
    startCommands();
    usePlanStore.setState({
      planId: 'p',
      plans: [{ id: 'p', name: 'FY27', status: 'draft' } as never],
      history: { canUndo: true, canRedo: false, undoLabel: null, redoLabel: null } as never,
    });
    for (const id of ['undo', 'view:map', 'finalizePlan', 'export']) {
      const runs = appActions.map((a) => vi.spyOn(a as ViewAction<unknown>, 'run').mockImplementation(() => {}));
      menuListener!({ name: id as MenuCommand['name'] });
      const ran = runs.flatMap((spy, i) => (spy.mock.calls.length > 0 ? [appActions[i].id] : []));
      expect(ran, id).toEqual([id]);
      vi.restoreAllMocks();
    }
    // Redo cannot run (nothing to redo): the menu's request does nothing.
    const redo = vi.spyOn(appAction('redo') as ViewAction<unknown>, 'run').mockImplementation(() => {});
    menuListener!({ name: 'redo' });
    expect(redo).not.toHaveBeenCalled();
  });
});

describe("the browser host's keys", () => {
  it('send the command whose key it is, from the same list the native menu shows', () => {
    for (const command of desktopCommands)
      for (const shortcut of command.browserShortcuts ?? command.shortcuts)
        expect(shortcutCommand(press(shortcut) as KeyboardEvent), shortcut).toEqual({ name: command.id });
  });

  it('write the same keys as Electron accelerators', () => {
    expect(acceleratorOf('Mod+Shift+O')).toBe('CmdOrCtrl+Shift+O');
    expect(acceleratorOf('Mod+3')).toBe('CmdOrCtrl+3');
    expect(acceleratorOf('F2')).toBe('F2');
  });
});
