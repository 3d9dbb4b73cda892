/**
 * Electron main: app lifecycle, the secure main window, the model host, the menu and the desktop IPC.
 * Everything heavy (parsing, rule runs) happens in the model host, never here.
 */
import { BrowserWindow, app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../shared/domain';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { registerDesktopIpc } from './desktopIpc';
import { installMenu, setCommandsEnabled } from './menu';
import { ModelHost } from './modelHost';
import { pageUrls } from './pages';
import { CONTENT_SECURITY_POLICY, allowDevRendererOrigin, applyAppSecurity, secureWebPreferences } from './security';
import { keepWindowState, readWindowState } from './windowState';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadDir = path.join(here, '../preload');
const rendererDir = path.join(here, '../renderer');
const windowStateFile = () => path.join(app.getPath('userData'), 'window-state.json');

registerAppScheme();

/** `npm run dev` sets ELECTRON_RENDERER_URL (electron-vite's renderer dev server); never in a packaged app. */
const pages = pageUrls(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
if (pages.devOrigin) allowDevRendererOrigin(pages.devOrigin);

let modelHost: ModelHost | null = null;
let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const state = readWindowState(windowStateFile());
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Territory Planner',
    backgroundColor: '#f8fafc',
    webPreferences: secureWebPreferences(path.join(preloadDir, 'index.cjs')),
  });
  if (state.maximized) window.maximize();
  keepWindowState(window, windowStateFile());
  window.once('ready-to-show', () => window.show());
  modelHost?.attach(window.webContents);
  // The hidden model host keeps 'window-all-closed' from firing: quit when the last UI window closes.
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    if (process.platform !== 'darwin' && !mainWindow) app.quit();
  });
  void window.loadURL(pages.ui);
  return window;
}

function setLanguage(language: Language): void {
  installMenu(language);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    applyAppSecurity();
    // Shipped data whose licences ask for credit (resources/geo/README.md).
    app.setAboutPanelOptions({
      applicationName: 'Territory Planner',
      credits: 'Map: Natural Earth (public domain). Geocoding: GeoNames (CC BY 4.0), zipcodes (BSD).',
    });
    handleAppProtocol(rendererDir, CONTENT_SECURITY_POLICY);
    registerDesktopIpc({
      onLanguage: setLanguage,
      onCommandsEnabled: setCommandsEnabled,
      stageFile: (bytes) =>
        modelHost ? modelHost.stageFile(bytes) : Promise.reject(new Error('The model is not running')),
    });
    installMenu(app.getLocale().startsWith('fr') ? 'fr' : 'en');
    modelHost = new ModelHost({
      url: pages.modelHost,
      preload: path.join(preloadDir, 'modelHost.cjs'),
    });
    modelHost.start();
    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length === 0) mainWindow = createMainWindow();
    });
  });

  // Quit only once the model host has finished its writes.
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed || !modelHost) return;
    event.preventDefault();
    void modelHost.stop().finally(() => {
      flushed = true;
      app.quit();
    });
  });
}
