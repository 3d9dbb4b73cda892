/**
 * How far a long task is: a bar filled to done/total, or an indeterminate one while the total is not known yet (or no
 * progress event has come).
 */
export function ProgressBar({ task, label }: { task: { done: number; total: number } | undefined; label: string }) {
  const share = task && task.total > 0 ? Math.min(1, task.done / task.total) : undefined;
  return <progress max={1} value={share} aria-label={label} />;
}
