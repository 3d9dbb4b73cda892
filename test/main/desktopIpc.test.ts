import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopChannels, MAX_FILE_BYTES } from '../../src/shared/desktop';
import { electronMock, ipcMainMock } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);

const { registerDesktopIpc, readChosenFile, writeFileAtomically } = await import('../../src/main/desktopIpc');

const fromApp = { sender: {}, senderFrame: { url: 'app://bundle/index.html' } };
const fromElsewhere = { sender: {}, senderFrame: { url: 'https://evil.example/' } };

describe('desktop IPC', () => {
  const onLanguage = vi.fn();
  const onCommandsEnabled = vi.fn();
  // Stands for the model host: what main handed it, and the id it answered.
  const staged = new Map<string, Uint8Array>();
  const stageFile = vi.fn(async (bytes: Uint8Array) => {
    const id = `staged-${staged.size + 1}`;
    staged.set(id, bytes);
    return id;
  });
  registerDesktopIpc({ onLanguage, onCommandsEnabled, stageFile });

  it('handles exactly the allow-listed channels', () => {
    expect([...ipcMainMock.handlers.keys()].sort()).toEqual(
      [
        desktopChannels.openFile,
        desktopChannels.saveFile,
        desktopChannels.printToPdf,
        desktopChannels.setLanguage,
        desktopChannels.commandsEnabled,
      ].sort(),
    );
  });

  it('refuses calls from frames that are not the app', async () => {
    const answer = await ipcMainMock.handlers.get(desktopChannels.setLanguage)!(fromElsewhere, 'fr');
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(onLanguage).not.toHaveBeenCalled();
  });

  it('validates what it is sent', async () => {
    expect(await ipcMainMock.handlers.get(desktopChannels.setLanguage)!(fromApp, 'de')).toMatchObject({ ok: false });
    expect(await ipcMainMock.handlers.get(desktopChannels.setLanguage)!(fromApp, 'fr')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(onLanguage).toHaveBeenCalledWith('fr');
    expect(await ipcMainMock.handlers.get(desktopChannels.openFile)!(fromApp, { title: 3 })).toMatchObject({
      ok: false,
    });
  });

  it('passes on which commands can run, and refuses states of unknown commands', async () => {
    const handle = ipcMainMock.handlers.get(desktopChannels.commandsEnabled)!;
    expect(await handle(fromElsewhere, { finalizePlan: false })).toMatchObject({ ok: false });
    expect(await handle(fromApp, { quit: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(onCommandsEnabled).not.toHaveBeenCalled();
    expect(await handle(fromApp, { finalizePlan: false })).toEqual({ ok: true, value: undefined });
    expect(onCommandsEnabled).toHaveBeenCalledWith({ finalizePlan: false });
  });

  it('hands the chosen file to the model host and answers the window only its name, size and staged id', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-'));
    const file = path.join(dir, 'accounts.csv');
    await fs.writeFile(file, 'name\nAcme\n');
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const answer = (await ipcMainMock.handlers.get(desktopChannels.openFile)!(fromApp, {
      title: 'Import',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    })) as { ok: true; value: Record<string, unknown> };
    expect(answer).toEqual({ ok: true, value: { name: 'accounts.csv', size: 10, stagedFileId: 'staged-1' } });
    // The bytes never travel back to the window (each crossing would copy up to 2 GB): the model host has them.
    expect(new TextDecoder().decode(staged.get('staged-1'))).toBe('name\nAcme\n');
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(
      await ipcMainMock.handlers.get(desktopChannels.openFile)!(fromApp, { title: 'Import', filters: [] }),
    ).toEqual({
      ok: true,
      value: null,
    });
    expect(stageFile).toHaveBeenCalledTimes(1);
  });

  it('answers a typed error, not a hang, when the model host cannot take the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-'));
    const file = path.join(dir, 'accounts.csv');
    await fs.writeFile(file, 'name\nAcme\n');
    electronMock.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    stageFile.mockRejectedValueOnce(new Error('The model did not take the file: open it again'));
    const answer = await ipcMainMock.handlers.get(desktopChannels.openFile)!(fromApp, { title: 'Import', filters: [] });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('open it again') },
    });
  });

  it('refuses a file over 2 GB before reading it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-'));
    const file = path.join(dir, 'huge.csv');
    await fs.writeFile(file, '');
    await fs.truncate(file, MAX_FILE_BYTES + 1); // sparse: takes no disk
    const answer = await readChosenFile(file);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    if (!answer.ok) expect(answer.error.message).toContain('2 GB');
  });

  it('writes a save through a temporary file, leaving only the finished file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-'));
    const file = path.join(dir, 'export.csv');
    await writeFileAtomically(file, 'a,b\n1,2\n');
    expect(await fs.readFile(file, 'utf8')).toBe('a,b\n1,2\n');
    expect(await fs.readdir(dir)).toEqual(['export.csv']);
  });
});
