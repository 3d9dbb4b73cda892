/** The browser host's keys stand for the native menu's commands: the same list (shared/commands.ts), read twice. */
import { describe, expect, it, vi } from 'vitest';
import { shortcutCommand } from '../../../src/renderer/browser-host/browserDesktop';

vi.mock('electron', () => ({}));

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  ({
    key: k,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  }) as KeyboardEvent;

describe('browser host shortcuts', () => {
  it('send the menu commands for the menu keys', () => {
    expect(shortcutCommand(key('z', { ctrl: true }))).toEqual({ name: 'undo' });
    expect(shortcutCommand(key('Z', { ctrl: true, shift: true }))).toEqual({ name: 'redo' });
    expect(shortcutCommand(key('O', { meta: true, shift: true }))).toEqual({ name: 'openPlan' });
    expect(shortcutCommand(key('o', { ctrl: true }))).toEqual({ name: 'import' });
    expect(shortcutCommand(key('e', { ctrl: true }))).toEqual({ name: 'export' });
    expect(shortcutCommand(key('f', { ctrl: true }))).toEqual({ name: 'find' });
    expect(shortcutCommand(key('3', { ctrl: true }))).toEqual({ name: 'view:accounts' });
  });

  it("leave a command's further keys to the window (Ctrl+Y redoes there in both hosts: nothing runs twice)", () => {
    expect(shortcutCommand(key('y', { ctrl: true }))).toBeNull();
  });

  it('leave Ctrl+N to the browser (New plan is Ctrl+M) and ignore other combinations', () => {
    expect(shortcutCommand(key('n', { ctrl: true }))).toBeNull();
    expect(shortcutCommand(key('m', { ctrl: true }))).toEqual({ name: 'newPlan' });
    expect(shortcutCommand(key('z'))).toBeNull();
    expect(shortcutCommand(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(shortcutCommand(key('e', { ctrl: true, shift: true }))).toBeNull();
    expect(shortcutCommand(key('7', { ctrl: true }))).toBeNull();
  });
});
