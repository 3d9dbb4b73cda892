/** The Rules view's Export button: the File > Export… dialog, opened on the assignments. */
import { openExportDialog } from '../export/exportActions';

export function exportAssignments(): Promise<void> {
  openExportDialog('assignments');
  return Promise.resolve();
}
