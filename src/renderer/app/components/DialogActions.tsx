/** The buttons at the foot of a dialog: Cancel (or Close) first, then the dialog's own commands, the main one last. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function DialogActions({
  onCancel,
  cancelLabel,
  children,
}: {
  onCancel: () => void;
  /** "Cancel" unless said otherwise ("Close" once the work is done). */
  cancelLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </button>
      {children}
    </div>
  );
}
