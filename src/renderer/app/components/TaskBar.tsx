/**
 * A long task under way: what it is, its phase, a bar filled to done/total (indeterminate until a total is known),
 * a figure beside the bar (rows per second, "1,200 / 5,000") and a button that cancels it. The import's Check,
 * Import and Places steps, the export, backup and balance dialogs and the shell's list of running tasks all show
 * their work with it, so long work looks and reads the same everywhere.
 */
import { useTranslation } from 'react-i18next';
import { ProgressBar } from './ProgressBar';
import './taskBar.css';

export interface TaskBarProps {
  /** What is under way, as a line of its own ("Checking accounts.csv"). */
  title?: string;
  /** The work's current phase, worded, before the bar. */
  phase?: string;
  /** Done and total as last reported; undefined until the first report (the bar is indeterminate then). */
  progress: { done: number; total: number } | undefined;
  /** The bar's accessible name. */
  label: string;
  /** A figure after the bar. */
  detail?: string;
  /** Cancels the work. Without it there is no button: a dialog whose own Cancel stops the work passes none. */
  onCancel?: () => void;
  /** A status region read out as it changes (default); false in the shell's list, which announces on its own. */
  live?: boolean;
  /** Where it sits: spacing or a card look (`import-task`). */
  className?: string;
}

export function TaskBar({ title, phase, progress, label, detail, onCancel, live = true, className }: TaskBarProps) {
  const { t } = useTranslation();
  return (
    <div className={['task-bar', className].filter(Boolean).join(' ')} role={live ? 'status' : undefined}>
      {title && <strong className="task-bar-title">{title}</strong>}
      <div className="task-bar-line">
        {phase && <span className="task-bar-phase">{phase}</span>}
        <ProgressBar task={progress} label={label} />
        {detail !== undefined && <span className="muted small task-bar-detail">{detail}</span>}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
