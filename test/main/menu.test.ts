import { describe, expect, it, vi } from 'vitest';
import { commandLabels, desktopCommands, viewLabels } from '../../src/shared/commands';
import { acceleratorOf } from '../../src/shared/shortcuts';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);
const { menuTemplate } = await import('../../src/main/menu');

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
