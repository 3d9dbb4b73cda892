/**
 * Backup and restore (the plan menu): the whole local database to one file and back. A restore asks first, says
 * why a file is refused (damaged, from a newer version...) and then nothing has changed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { fileContent, type OpenedFile } from '../../../../shared/desktop';
import { attempt } from '../../actions';
import { desktop, desktopCall } from '../../bridge';
import { Modal } from '../../components/Modal';
import { callModel, mutate } from '../../data';
import { errorText } from '../../modelWords';
import { selectPlan, usePlanStore } from '../../stores/planStore';
import { notify, useUiStore } from '../../stores/uiStore';
import './export.css';
import { DialogActions } from '../../components/DialogActions';
import { TaskBar } from '../../components/TaskBar';

export const useBackupUi = create<{ open: boolean }>(() => ({ open: false }));
export const openBackupDialog = () => useBackupUi.setState({ open: true });
const closeBackupDialog = () => useBackupUi.setState({ open: false });

export function BackupDialog() {
  const open = useBackupUi((s) => s.open);
  return open ? <BackupForm /> : null;
}

function BackupForm() {
  const { t, i18n } = useTranslation();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<OpenedFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const progress = useUiStore((s) => (taskId ? s.progress[taskId] : undefined));
  const busy = taskId !== null;
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
      bytes / 1024 ** 2,
    );

  const backUp = async () => {
    const task = `backup-${Date.now()}`;
    setTaskId(task);
    setProblem(null);
    try {
      const file = await callModel('backupDatabase', { taskId: task });
      const answer = await attempt(() =>
        desktopCall(
          desktop.saveFile({
            suggestedName: file.fileName,
            filters: [{ name: t('report.backup.title'), extensions: ['tpbackup'] }],
            data: file.bytes,
          }),
        ),
      );
      if (answer?.saved)
        notify(t('report.backup.created', { file: file.fileName, size: size(file.bytes.length) }), 'success');
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setTaskId(null);
    }
  };

  const choose = async () => {
    setProblem(null);
    const file = await attempt(() =>
      desktopCall(
        desktop.openFile({
          title: t('report.backup.restore'),
          filters: [{ name: t('report.backup.title'), extensions: ['tpbackup', 'zip'] }],
        }),
      ),
    );
    if (file) setChosen(file);
  };

  const restore = async (file: OpenedFile) => {
    const task = `restore-${Date.now()}`;
    setTaskId(task);
    try {
      const info = await callModel('restoreDatabase', { ...fileContent(file), taskId: task });
      const plans = await callModel('listPlans', {});
      const current = usePlanStore.getState().planId;
      await selectPlan(plans.some((p) => p.id === current) ? current : (plans[0]?.id ?? null));
      notify(
        info.upgradedTo === null
          ? t('report.backup.restored', { count: info.plans })
          : t('report.backup.restoredUpgraded', {
              count: info.plans,
              version: info.schemaVersion,
              supported: info.upgradedTo,
            }),
        'success',
      );
      closeBackupDialog();
    } catch (error) {
      // The model reads bytes only: the file's name is the one the planner chose.
      setProblem(errorText(error, { fileName: file.name }));
      setChosen(null);
    } finally {
      setTaskId(null);
    }
  };

  const cancel = () => {
    if (taskId) void mutate('cancelTask', { taskId });
    else if (chosen) setChosen(null);
    else closeBackupDialog();
  };

  return (
    <Modal
      className="dialog backup-dialog"
      label={t('report.backup.title')}
      onClose={closeBackupDialog}
      canClose={!busy}
    >
      <h2>{t('report.backup.title')}</h2>
      <p className="muted">{t('report.backup.intro')}</p>
      {problem && (
        <p className="export-draft" role="alert">
          {problem}
        </p>
      )}
      {chosen ? (
        <div role="group" aria-label={t('report.backup.restoreConfirmTitle')}>
          <h3>{t('report.backup.restoreConfirmTitle')}</h3>
          <p>{t('report.backup.restoreConfirm', { file: chosen.name })}</p>
        </div>
      ) : (
        <div className="backup-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void backUp()}>
            {t('report.backup.create')}
          </button>
          <button type="button" disabled={busy} onClick={() => void choose()}>
            {t('report.backup.restore')}
          </button>
        </div>
      )}
      {busy && (
        <TaskBar
          className="export-progress"
          progress={progress}
          label={t('report.backup.progressLabel')}
          detail={chosen ? t('report.backup.restoring') : t('report.backup.creating')}
        />
      )}
      <DialogActions onCancel={cancel}>
        {chosen && (
          <button type="button" className="danger" disabled={busy} onClick={() => void restore(chosen)}>
            {t('report.backup.restoreAction')}
          </button>
        )}
      </DialogActions>
    </Modal>
  );
}
