import { describe, expect, it, vi } from 'vitest';
import { commandLabels, desktopCommands, viewLabels } from '../../src/shared/commands';
import { acceleratorOf } from '../../src/shared/shortcuts';

import type { FakeMenu } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);
const { Menu } = await import('electron');
const { installMenu, menuTemplate, parseCommandStates, setCommandsEnabled } = await import('../../src/main/menu');

type Item = { id?: string; label?: string; accelerator?: string; click?: () => void };
const itemsOf = (language: 'en' | 'fr', send = vi.fn()) =>
  menuTemplate(language, send).flatMap((m) => (m.submenu as Item[]) ?? []);

describe('native menu', () => {
  it('has File, Edit, Plan, View and Help with the standard shortcuts, sending commands to the window', () => {
    const send = vi.fn();
    const menu = menuTemplate('en', send);
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'Plan', 'View', 'Help']);
    const items = itemsOf('en', send);
    const byLabel = (label: string) => items.find((i) => i.label === label)!;
    expect(byLabel('Import…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(byLabel('Redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(byLabel('Map').accelerator).toBe('CmdOrCtrl+2');
    byLabel('Undo').click!();
    byLabel('Map').click!();
    byLabel('Delete plan').click!();
    expect(send.mock.calls).toEqual([[{ name: 'undo' }], [{ name: 'view:map' }], [{ name: 'deletePlan' }]]);
  });

  it('shows every desktop command once, with its words and its first key from the one list', () => {
    for (const language of ['en', 'fr'] as const) {
      const items = itemsOf(language).filter((i) => i.id);
      expect(items.map((i) => i.id).sort()).toEqual(desktopCommands.map((c) => c.id).sort());
      for (const command of desktopCommands) {
        const item = items.find((i) => i.id === command.id)!;
        const [table, name] = command.labelKey.split('.');
        const words = table === 'views' ? viewLabels[language] : commandLabels[language];
        expect(item.label).toBe(words[name as keyof typeof words]);
        expect(item.accelerator).toBe(command.shortcuts[0] && acceleratorOf(command.shortcuts[0]));
      }
    }
  });

  it('speaks French when the UI does', () => {
    expect(menuTemplate('fr', vi.fn()).map((m) => m.label)).toEqual([
      'Fichier',
      'Édition',
      'Plan',
      'Affichage',
      'Aide',
    ]);
    expect(itemsOf('fr').find((i) => i.id === 'undo')!.label).toBe('Annuler');
  });
});

describe("the native menu's enabled state", () => {
  const item = (id: string) => (Menu.getApplicationMenu() as unknown as FakeMenu).getMenuItemById(id)!;

  it('greys out the commands the window says cannot run, and keeps that in a menu rebuilt in French', () => {
    installMenu('en');
    expect(item('finalizePlan').enabled).toBe(true);
    setCommandsEnabled({ finalizePlan: false, undo: false });
    expect(item('finalizePlan').enabled).toBe(false);
    expect(item('undo').enabled).toBe(false);
    expect(item('redo').enabled).toBe(true);
    installMenu('fr');
    expect(item('finalizePlan')).toMatchObject({ label: 'Finaliser le plan', enabled: false });
    setCommandsEnabled({ finalizePlan: true });
    expect(item('finalizePlan').enabled).toBe(true);
    expect(item('undo').enabled).toBe(false);
  });

  it('builds items enabled unless told otherwise', () => {
    const items = itemsOf('en').filter((i) => i.id) as (Item & { enabled?: boolean })[];
    expect(items.every((i) => i.enabled === true)).toBe(true);
    const greyed = menuTemplate('en', vi.fn(), { deletePlan: false }).flatMap((m) => m.submenu as Item[]);
    expect(greyed.find((i) => i.id === 'deletePlan')).toMatchObject({ enabled: false });
  });

  it('reads only known commands with a yes or a no from the window', () => {
    expect(parseCommandStates({ finalizePlan: false, 'view:map': true })).toEqual({
      finalizePlan: false,
      'view:map': true,
    });
    expect(parseCommandStates({ quit: false })).toBeNull();
    expect(parseCommandStates({ undo: 'no' })).toBeNull();
    expect(parseCommandStates([true])).toBeNull();
    expect(parseCommandStates(null)).toBeNull();
  });
});
