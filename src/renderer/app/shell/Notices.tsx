import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { model } from '../bridge';
import { dismissNotice, phaseText, useUiStore } from '../stores/uiStore';
import { useAnnouncer } from './announcer';
import { formatNumber } from '../i18n';
import { TaskBar } from '../components/TaskBar';

/** Short messages in the corner: errors in the planner's words, confirmations. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useUiStore((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="icon" aria-label={t('common.dismiss')} onClick={() => dismissNotice(n.id)}>
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** A bar per long task (import, rule run), with what it is doing, how far, and a way to cancel. */
export function TaskProgress() {
  const tasks = Object.values(useUiStore((s) => s.progress));
  if (tasks.length === 0) return null;
  return (
    <div className="task-progress">
      {tasks.map((task) => (
        <TaskBar
          key={task.taskId}
          live={false}
          phase={phaseText(task.phase)}
          progress={task}
          label={phaseText(task.phase)}
          // A share, not done/total: what is counted depends on the phase (the file's bytes while reading rows).
          detail={task.total > 0 ? formatNumber(task.done / task.total, { style: 'percent' }) : undefined}
          onCancel={() => void model.cancelTask({ taskId: task.taskId })}
        />
      ))}
    </div>
  );
}

/**
 * The shell's polite live region, always in the page (a region added together with its text is often not read) and
 * visually hidden: progress and results of long work, as `announce` sends them. aria-live without role="status", so
 * it is not mistaken for a view's own status line.
 */
export function Announcer() {
  const latest = useAnnouncer((s) => s.latest);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true">
      {latest && <span key={latest.id}>{latest.text}</span>}
    </div>
  );
}
