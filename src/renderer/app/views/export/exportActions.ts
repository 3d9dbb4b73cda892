/**
 * The export dialog, the finalize checklist and File > Open plan…: which is open, and the actions behind them.
 * Registered for the menu commands when the views load, so they work from any view.
 */
import i18next from 'i18next';
import { create } from 'zustand';
import type { ExportKind, ExportResult } from '../../../../shared/api/export';
import type { Plan } from '../../../../shared/domain';
import { fileContent } from '../../../../shared/desktop';
import { attempt } from '../../actions';
import { desktop, desktopCall } from '../../bridge';
import { errorText } from '../../modelWords';
import { callModel } from '../../data';
import { currentPlan, selectPlan, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';

interface ExportUi {
  exportOpen: boolean;
  initial: ExportKind;
  finalizePlanId: string | null;
}

export const useExportUi = create<ExportUi>(() => ({
  exportOpen: false,
  initial: 'assignments',
  finalizePlanId: null,
}));

export function openExportDialog(initial: ExportKind = 'assignments'): void {
  if (!currentPlan(usePlanStore.getState())) return;
  useExportUi.setState({ exportOpen: true, initial });
}

export function closeExportDialog(): void {
  useExportUi.setState({ exportOpen: false });
}

export function openFinalize(plan: Plan): void {
  useExportUi.setState({ finalizePlanId: plan.id });
}

export function closeFinalize(): void {
  useExportUi.setState({ finalizePlanId: null });
}

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

/** Saves each file of an export through the desktop, then says what was written (warnings in their own tone). */
export async function saveExport(result: ExportResult): Promise<boolean> {
  let saved = 0;
  for (const file of result.files) {
    const extension = file.fileName.slice(file.fileName.indexOf('.', file.fileName.lastIndexOf(' - ')) + 1);
    const answer = await attempt(() =>
      desktopCall(
        desktop.saveFile({
          suggestedName: file.fileName,
          filters: [{ name: extension.toUpperCase(), extensions: [extension.split('.').pop() ?? extension] }],
          data: file.bytes,
        }),
      ),
    );
    if (!answer?.saved) return false;
    saved++;
    notify(
      t('export.exported', {
        file: file.fileName,
        count: result.rows,
        formatted: result.rows.toLocaleString(i18next.language),
      }),
      'success',
    );
  }
  for (const note of result.notes) {
    if (note.code === 'neverApplied') notify(t('export.neverApplied'), 'error');
    if (note.code === 'regionsWithoutGeometry') notify(t('export.regionsWithoutGeometry', note.params), 'info');
  }
  return saved === result.files.length;
}

/** File > Open plan…: picks a plan file, opens it as a plan and switches to it; a refused file says why. */
export async function openPlanFile(): Promise<void> {
  const file = await attempt(() =>
    desktopCall(
      desktop.openFile({
        title: t('commands.openPlan'),
        filters: [{ name: t('export.open.filter'), extensions: ['json', 'gz'] }],
      }),
    ),
  );
  if (!file) return;
  try {
    const opened = await callModel('openPlanFile', { fileName: file.name, ...fileContent(file) });
    await selectPlan(opened.plan.id);
    notify(t('export.open.opened', { name: opened.plan.name }), 'success');
    if (opened.assignmentsSkipped > 0) notify(t('export.open.skipped', { count: opened.assignmentsSkipped }), 'info');
  } catch (error) {
    notify(errorText(error), 'error');
  }
}
