/**
 * The report's PDF glue in main, with electron mocked: prints the asking window with the report's page settings,
 * writes the PDF where the save dialog says, asks nothing more when cancelled, and refuses a bad request.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopChannels } from '../../src/shared/desktop';
import { electronMock, ipcMainMock } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);

const { registerDesktopIpc } = await import('../../src/main/desktopIpc');

const pdfBytes = Buffer.from('%PDF-1.7\n% the report\n%%EOF\n');

function fromApp() {
  const printToPDF = vi.fn(async () => pdfBytes);
  return { event: { sender: { printToPDF }, senderFrame: { url: 'app://bundle/index.html' } }, printToPDF };
}

describe('report print to PDF (main)', () => {
  registerDesktopIpc({ onLanguage: () => {}, onCommandsEnabled: () => {}, stageFile: async () => 'staged' });
  const handler = () => ipcMainMock.handlers.get(desktopChannels.printToPdf)!;

  it('prints the asking window on A4 with backgrounds and saves the PDF where chosen', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-pdf-'));
    const file = path.join(dir, 'Sample plan - report.pdf');
    electronMock.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    const { event, printToPDF } = fromApp();
    const answer = await handler()(event, { suggestedName: '../Sample plan - report' });
    expect(answer).toEqual({ ok: true, value: { saved: true, path: file } });
    expect(printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
    );
    // The suggested name loses any folder and gains .pdf.
    expect(electronMock.dialog.showSaveDialog).toHaveBeenLastCalledWith(
      expect.objectContaining({ defaultPath: 'Sample plan - report.pdf' }),
    );
    expect(await fs.readFile(file)).toEqual(pdfBytes);
    expect(await fs.readdir(dir)).toEqual(['Sample plan - report.pdf']);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    electronMock.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const { event } = fromApp();
    expect(await handler()(event, { suggestedName: 'x.pdf' })).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
  });

  it('refuses a bad request and frames that are not the app', async () => {
    const { event, printToPDF } = fromApp();
    expect(await handler()(event, { suggestedName: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const elsewhere = { ...event, senderFrame: { url: 'https://evil.example/' } };
    expect(await handler()(elsewhere, { suggestedName: 'x' })).toMatchObject({ ok: false });
    expect(printToPDF).not.toHaveBeenCalled();
  });
});
