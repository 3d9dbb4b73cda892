/**
 * File > Export… (Ctrl+E): the plan's assignments as CSV, until the full export issue brings its own dialog.
 * Registered when the views load, so the command works from any view.
 */
import i18next from 'i18next';
import { attempt } from '../../actions';
import { desktopCall, desktop, model } from '../../bridge';
import { usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { onCommand } from '../../shell/commands';

export async function exportAssignments(): Promise<void> {
  const planId = usePlanStore.getState().planId;
  if (!planId) return;
  const file = await attempt(() => model.exportAssignments({ planId }));
  if (!file) return;
  const saved = await attempt(() =>
    desktopCall(
      desktop.saveFile({
        suggestedName: file.fileName,
        filters: [{ name: i18next.t('rules.csvFiles'), extensions: ['csv'] }],
        data: file.csv,
      }),
    ),
  );
  if (saved?.saved)
    notify(
      i18next.t('rules.exported', { count: file.rows, formatted: file.rows.toLocaleString(i18next.language) }),
      'success',
    );
}

onCommand('export', () => void exportAssignments());
