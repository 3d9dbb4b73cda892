/** Remembers where the planner left the main window (size, position, maximised) between launches. */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import fs from 'node:fs';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1400, height: 900 }, maximized: false };

export function readWindowState(file: string): WindowState {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowState;
    const { bounds } = stored;
    const valid = [bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite);
    // A window saved on a monitor since unplugged would open off-screen: fall back to the default.
    const visible =
      valid &&
      screen
        .getAllDisplays()
        .some(
          ({ workArea: a }) =>
            bounds.x < a.x + a.width &&
            bounds.x + bounds.width > a.x &&
            bounds.y < a.y + a.height &&
            bounds.y + bounds.height > a.y,
        );
    return visible && bounds.width >= 640 && bounds.height >= 480 ? stored : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export function keepWindowState(window: BrowserWindow, file: string): void {
  const save = () => {
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    fs.writeFileSync(file, JSON.stringify(state));
  };
  window.on('close', save);
}
