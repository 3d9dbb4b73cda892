/**
 * The command registries: the app's (shell/appActions.ts, over shared/commands.ts) and each view's. A shortcut
 * stands for one command in its scope, every command has words in English and French, and what the native menu
 * or the browser's keys ask for is the registered command's run.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { desktopCommands, hostShortcuts } from '../../../src/shared/commands';
import { acceleratorOf, parseShortcut, type KeyPress } from '../../../src/shared/shortcuts';
import type { MenuCommand } from '../../../src/shared/desktop';
import type { ViewAction } from '../../../src/renderer/app/viewActions';

let menuListener: ((command: MenuCommand) => void) | undefined;
const setCommandsEnabled = vi.fn(async () => ({ ok: true as const, value: undefined }));
vi.mock('../../../src/renderer/app/bridge', () => ({
  model: {},
  territoryBridge: {},
  desktop: {
    host: 'electron',
    onMenuCommand: (listener: (command: MenuCommand) => void) => {
      menuListener = listener;
      return () => {};
    },
    setCommandsEnabled,
  },
}));

/** The window's keys and focus, as the window's key handler and the menu's follower listen to them. */
const fakeWindow = new EventTarget();
/** Whether a modal dialog is open, as the views' keys ask the page. */
let dialogOpen = false;
const fakeDocument = Object.assign(new EventTarget(), {
  activeElement: null,
  querySelector: (selector: string) => (selector === 'dialog[open]' && dialogOpen ? {} : null),
});
beforeAll(() => {
  for (const name of ['HTMLElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLSelectElement'])
    (globalThis as Record<string, unknown>)[name] ??= class {};
  Object.assign(globalThis, {
    window: fakeWindow,
    document: fakeDocument,
  });
});
afterEach(() => vi.restoreAllMocks());

const { appActions, appAction } = await import('../../../src/renderer/app/shell/appActions');
const { commandStates, startCommands } = await import('../../../src/renderer/app/shell/commands');
const { runViewKey } = await import('../../../src/renderer/app/shell/viewCommands');
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

const { accountsActions } = await import('../../../src/renderer/app/views/accounts/accountsActions');
const { rulesActions } = await import('../../../src/renderer/app/views/rules/rulesActions');
const { forecastsActions } = await import('../../../src/renderer/app/views/forecasts/forecastsActions');
const { compareActions } = await import('../../../src/renderer/app/views/compare/compareActions');
const { mapActions } = await import('../../../src/renderer/app/views/map/mapActions');

const views: Record<string, readonly ViewAction<never>[]> = {
  hierarchy: hierarchyActions as readonly ViewAction<never>[],
  accounts: accountsActions as readonly ViewAction<never>[],
  rules: rulesActions as readonly ViewAction<never>[],
  forecasts: forecastsActions as readonly ViewAction<never>[],
  compare: compareActions as readonly ViewAction<never>[],
  map: mapActions as readonly ViewAction<never>[],
};
const registries: Record<string, readonly ViewAction<never>[]> = {
  app: appActions as readonly ViewAction<never>[],
  ...views,
};

describe('command registries', () => {
  it.each(Object.entries(registries))('give each shortcut of the %s scope to one command, and ids once', (_, list) => {
    const shortcuts = list.flatMap((a) => (a.shortcuts ?? []).map(normalised));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    const ids = list.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(Object.entries(views))(
    "keep the %s view's keys clear of the app's (the menu would take them first)",
    (_, list) => {
      const app = new Set(appActions.flatMap((a) => [...(a.shortcuts ?? [])]).map(normalised));
      for (const shortcut of desktopCommands.flatMap((c) => c.browserShortcut ?? [])) app.add(normalised(shortcut));
      const clashes = list.flatMap((a) => (a.shortcuts ?? []).filter((s) => app.has(normalised(s))));
      expect(clashes).toEqual([]);
    },
  );

  it.each(Object.entries(views))(
    'give the %s view keys a browser or an OS keeps for itself to none (the browser host would never see them)',
    (_, list) => {
      // Chromium's own: new window/tab, close, reopen, incognito, reload, address bar, devtools; and plain letters,
      // which a screen reader's user types to move around (WCAG 2.1.4).
      const kept = ['Mod+N', 'Mod+T', 'Mod+W', 'Mod+Shift+N', 'Mod+Shift+T', 'Mod+Shift+W', 'Mod+R', 'Mod+Shift+R']
        .concat(['Mod+L', 'Mod+Shift+I', 'Mod+Shift+J', 'Mod+Shift+C', 'F5', 'F11', 'F12', 'Alt+ArrowLeft'])
        .map(normalised);
      for (const action of list)
        for (const shortcut of action.shortcuts ?? []) {
          expect(kept, `${action.id}: ${shortcut}`).not.toContain(normalised(shortcut));
          const { key, mod, alt } = parseShortcut(shortcut);
          expect(key.length === 1 && !mod && !alt, `${action.id}: ${shortcut} is a bare character`).toBe(false);
        }
    },
  );

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

describe("a view's keys", () => {
  type Context = Parameters<(typeof rulesActions)[number]['run']>[0];
  const context = (over: Partial<Context> = {}): Context => ({
    planId: 'p',
    kind: 'account',
    territory: { id: 't', parentId: 'root' } as never,
    readOnly: false,
    running: false,
    preview: { previewId: 'x', stale: false } as never,
    ...over,
  });
  const at = (target: unknown, shortcut: string, defaultPrevented = false) => ({
    ...press(shortcut),
    target: target as EventTarget,
    defaultPrevented,
  });
  const spyAll = () =>
    new Map(rulesActions.map((a) => [a.id, vi.spyOn(a as ViewAction<unknown>, 'run').mockImplementation(() => {})]));

  it('run the command of the key, from the registry, when it can run', () => {
    for (const action of rulesActions)
      for (const shortcut of action.shortcuts ?? []) {
        const runs = spyAll();
        expect(runViewKey(rulesActions, context(), at(null, shortcut)), shortcut).toBe(true);
        expect([...runs].filter(([, spy]) => spy.mock.calls.length > 0).map(([id]) => id)).toEqual([action.id]);
        vi.restoreAllMocks();
      }
    const runs = spyAll();
    // Known but unable to run (a final plan): the key is the view's, nothing runs.
    expect(runViewKey(rulesActions, context({ readOnly: true }), at(null, 'Mod+Shift+Enter'))).toBe(true);
    expect(runs.get('applyPreview')).not.toHaveBeenCalled();
    expect(runViewKey(rulesActions, context(), at(null, 'Mod+Q'))).toBe(false);
  });

  it('wait while the planner types in a field, a dialog is open, or the key was handled', () => {
    const runs = spyAll();
    const field = Object.assign(new HTMLInputElement(), { type: 'text' });
    expect(runViewKey(rulesActions, context(), at(field, 'F9'))).toBe(false);
    expect(runViewKey(rulesActions, context(), at(new HTMLTextAreaElement(), 'F9'))).toBe(false);
    expect(runViewKey(rulesActions, context(), at(null, 'F9', true))).toBe(false);
    dialogOpen = true;
    expect(runViewKey(rulesActions, context(), at(null, 'F9'))).toBe(false);
    dialogOpen = false;
    expect(runs.get('runPlan')).not.toHaveBeenCalled();
    // A check box (a record chosen in the table) takes no typing: the view's keys work there.
    const checkbox = Object.assign(new HTMLInputElement(), { type: 'checkbox' });
    expect(runViewKey(rulesActions, context(), at(checkbox, 'F9'))).toBe(true);
    expect(runs.get('runPlan')).toHaveBeenCalledTimes(1);
  });
});

describe("the window's own keys (a menu item takes one accelerator)", () => {
  const keydown = (shortcut: string) => {
    const event = Object.assign(new Event('keydown', { cancelable: true }), press(shortcut));
    fakeWindow.dispatchEvent(event);
    return event;
  };

  it("redo on Ctrl+Y in both hosts, and leave Ctrl+Shift+Z to the menu's accelerator", () => {
    usePlanStore.setState({ history: { canUndo: true, canRedo: true, undoLabel: null, redoLabel: null } as never });
    const redo = vi.spyOn(appAction('redo') as ViewAction<unknown>, 'run').mockImplementation(() => {});
    expect(keydown('Mod+Y').defaultPrevented).toBe(true);
    expect(redo).toHaveBeenCalledTimes(1);
    // The native menu (or the browser host's stand-in) binds Ctrl+Shift+Z: the window running it too would redo twice.
    expect(keydown('Mod+Shift+Z').defaultPrevented).toBe(false);
    expect(keydown('Mod+Z').defaultPrevented).toBe(false);
    expect(redo).toHaveBeenCalledTimes(1);
  });
});

describe("the native menu's enabled state", () => {
  it('follows the plan: Finalize greyed out on a final plan, undo and redo as the history says', async () => {
    const plan = { id: 'p', name: 'FY27', status: 'draft' } as never;
    const history = { canUndo: true, canRedo: false, undoLabel: null, redoLabel: null } as never;
    usePlanStore.setState({ planId: 'p', plans: [plan], history });
    expect(commandStates()).toMatchObject({ finalizePlan: true, undo: true, redo: false, export: true });
    setCommandsEnabled.mockClear();
    usePlanStore.setState({ plans: [{ ...(plan as object), status: 'final' } as never] });
    await vi.waitFor(() => expect(setCommandsEnabled).toHaveBeenCalled());
    expect(setCommandsEnabled).toHaveBeenLastCalledWith(expect.objectContaining({ finalizePlan: false, undo: true }));
    // Told once per change, not on every store update.
    setCommandsEnabled.mockClear();
    usePlanStore.setState({ plans: [{ ...(plan as object), status: 'final' } as never] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(setCommandsEnabled).not.toHaveBeenCalled();
    usePlanStore.setState({ planId: null, plans: [] });
    await vi.waitFor(() =>
      expect(setCommandsEnabled).toHaveBeenLastCalledWith(
        expect.objectContaining({ finalizePlan: false, export: false, deletePlan: false, newPlan: true }),
      ),
    );
  });
});

describe("the browser host's keys", () => {
  it("send the command whose menu key it is, from the same list the native menu shows, and leave the window's", () => {
    for (const command of desktopCommands) {
      const [first, ...others] = hostShortcuts(command, 'browser');
      if (first) expect(shortcutCommand(press(first) as KeyboardEvent), first).toEqual({ name: command.id });
      // Ctrl+Y is the window's own key (shell/commands.ts): the host sending it too would redo twice.
      for (const shortcut of others) expect(shortcutCommand(press(shortcut) as KeyboardEvent), shortcut).toBeNull();
    }
    expect(shortcutCommand(press('Mod+M') as KeyboardEvent)).toEqual({ name: 'newPlan' });
  });

  it('write the same keys as Electron accelerators', () => {
    expect(acceleratorOf('Mod+Shift+O')).toBe('CmdOrCtrl+Shift+O');
    expect(acceleratorOf('Mod+3')).toBe('CmdOrCtrl+3');
    expect(acceleratorOf('F2')).toBe('F2');
  });
});

const { runShortcut } = await import('../../../src/renderer/app/viewActions');

describe('commands where they would do nothing', () => {
  type MapContext = Parameters<(typeof mapActions)[number]['run']>[0];

  it('are off on a map that is not drawn (a plan without accounts): its modes, framing and export', () => {
    const setMode = vi.fn();
    const empty: MapContext = { readOnly: false, shown: false, setMode, fit: undefined, exportPng: undefined };
    expect(mapActions.filter((a) => a.enabled(empty)).map((a) => a.id)).toEqual([]);
    expect(runShortcut(mapActions, empty, press('Mod+Shift+L'))).toBe(true);
    expect(setMode).not.toHaveBeenCalled();

    const exportPng = vi.fn();
    const drawn: MapContext = { ...empty, shown: true, exportPng };
    runShortcut(mapActions, drawn, press('Mod+Shift+L'));
    expect(setMode).toHaveBeenCalledWith('lasso');
    runShortcut(mapActions, drawn, press('Mod+Shift+E'));
    expect(exportPng).toHaveBeenCalledOnce();
  });
});
