/**
 * The plan report as PDF: Chromium's print of the asking window (its print styles show only the report's pages),
 * saved where the planner chooses. The renderer never writes files; main does, atomically.
 */
import { BrowserWindow, dialog, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import type { Result } from '../shared/errors';
import { writeFileAtomically } from './desktopIpc';

export async function printToPdfHandler(
  event: IpcMainInvokeEvent,
  request: unknown,
): Promise<Result<{ saved: boolean; path: string | null }>> {
  const { suggestedName } = (request ?? {}) as { suggestedName?: unknown };
  if (typeof suggestedName !== 'string' || suggestedName.length === 0 || suggestedName.length > 1000) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Bad print-to-PDF request' } };
  }
  // Printed first: the save dialog must not be in the picture, and a failed print asks nothing.
  const pdf = await event.sender.printToPDF({
    landscape: false,
    pageSize: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
  const window = BrowserWindow.fromWebContents(event.sender) ?? undefined;
  const name = path.basename(suggestedName).endsWith('.pdf')
    ? path.basename(suggestedName)
    : `${path.basename(suggestedName)}.pdf`;
  const options = { defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { ok: true, value: { saved: false, path: null } };
  await writeFileAtomically(chosen.filePath, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  return { ok: true, value: { saved: true, path: chosen.filePath } };
}
