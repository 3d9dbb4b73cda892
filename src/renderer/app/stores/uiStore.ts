/** UI-only state: the current view, notices, and long tasks in progress. */
import { create } from 'zustand';
import type { ProgressEvent } from '../../../shared/api';

export const viewNames = ['hierarchy', 'map', 'accounts', 'rules', 'forecasts', 'compare'] as const;
export type ViewName = (typeof viewNames)[number];

export interface Notice {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
}

interface UiState {
  view: ViewName;
  notices: Notice[];
  progress: Record<string, ProgressEvent>;
}

export const useUiStore = create<UiState>(() => ({ view: 'hierarchy', notices: [], progress: {} }));

let nextNotice = 1;

export function showView(view: ViewName): void {
  useUiStore.setState({ view });
}

export function notify(text: string, tone: Notice['tone'] = 'info'): void {
  const notice = { id: nextNotice++, tone, text };
  useUiStore.setState((s) => ({ notices: [...s.notices, notice].slice(-4) }));
  setTimeout(() => dismissNotice(notice.id), tone === 'error' ? 9000 : 4000);
}

export function dismissNotice(id: number): void {
  useUiStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Follows the model's progress events; a task disappears once done. */
export function trackProgress(event: ProgressEvent): void {
  useUiStore.setState((s) => {
    const progress = { ...s.progress };
    if (event.total > 0 && event.done >= event.total) delete progress[event.taskId];
    else progress[event.taskId] = event;
    return { progress };
  });
}
