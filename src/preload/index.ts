/**
 * Preload of UI windows: exposes `window.territory` (the model API over the MessagePort main hands us) and
 * `window.desktop` (dialogs and files through main). Bundled as one CommonJS file: sandboxed preloads cannot
 * load modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { connectModel, type TerritoryBridge } from '../shared/bridge';
import { desktopChannels, type DesktopApi, type MenuCommand } from '../shared/desktop';
import { createReconnectingBridge } from './reconnectingBridge';

const territory = createReconnectingBridge();
ipcRenderer.on(desktopChannels.modelPort, (event) => {
  const [port] = event.ports;
  if (port) territory.connect(connectModel(port));
});
ipcRenderer.send(desktopChannels.requestModelPort);

const desktop: DesktopApi = {
  host: 'electron',
  openFile: (request) => ipcRenderer.invoke(desktopChannels.openFile, request),
  saveFile: (request) => ipcRenderer.invoke(desktopChannels.saveFile, request),
  printToPdf: (request) => ipcRenderer.invoke(desktopChannels.printToPdf, request),
  setLanguage: (language) => ipcRenderer.invoke(desktopChannels.setLanguage, language),
  setCommandsEnabled: (states) => ipcRenderer.invoke(desktopChannels.commandsEnabled, states),
  onMenuCommand(listener) {
    const handler = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(desktopChannels.menuCommand, handler);
    return () => ipcRenderer.removeListener(desktopChannels.menuCommand, handler);
  },
};

const bridge: TerritoryBridge = {
  call: (method, input) => territory.call(method, input),
  onEvent: (listener) => territory.onEvent(listener),
  onHostStatus: (listener) => territory.onHostStatus(listener),
};

contextBridge.exposeInMainWorld('territory', bridge);
contextBridge.exposeInMainWorld('desktop', desktop);
