/** The import's long work (reading, checking, importing, placing) as a task bar, with rows per second and its phase. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskBar } from '../../components/TaskBar';
import { formatNumber } from '../../i18n';
import { useUiStore } from '../../stores/uiStore';
import { cancelTask, phaseOf, rowsPerSecond, type RunningTask } from './importStore';

/** Re-renders every `ms` while `active`, for figures that change with time (rows per second). */
function useTicker(active: boolean, ms = 250): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

export function ImportTaskBar({ task, title }: { task: RunningTask; title: string }) {
  const { t } = useTranslation();
  const progress = useUiStore((s) => s.progress[task.id]);
  useTicker(true);
  const rate = rowsPerSecond(task, progress);
  const phase = phaseOf(task, progress);
  return (
    <TaskBar
      className="import-task"
      title={title}
      phase={t(`imports.phases.${phase}`, { defaultValue: phase })}
      progress={progress}
      label={t('imports.progressLabel')}
      detail={rate ? t('imports.rowsPerSecond', { rate: formatNumber(Math.round(rate)) }) : ''}
      onCancel={() => void cancelTask()}
    />
  );
}
