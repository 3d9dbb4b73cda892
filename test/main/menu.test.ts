import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);
const { menuTemplate } = await import('../../src/main/menu');

describe('native menu', () => {
  it('has File, Edit, View and Help with the standard shortcuts, sending commands to the window', () => {
    const send = vi.fn();
    const menu = menuTemplate('en', send);
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const items = menu.flatMap(
      (m) => (m.submenu as { label?: string; accelerator?: string; click?: () => void }[]) ?? [],
    );
    const byLabel = (label: string) => items.find((i) => i.label === label)!;
    expect(byLabel('Import…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(byLabel('Redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    byLabel('Undo').click!();
    byLabel('Map').click!();
    expect(send.mock.calls).toEqual([[{ name: 'undo' }], [{ name: 'showView', arg: 'map' }]]);
  });

  it('speaks French when the UI does', () => {
    expect(menuTemplate('fr', vi.fn()).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });
});
