/** UI-only state: the current view, notices, and long tasks in progress. */
import i18next from 'i18next';
import { create } from 'zustand';
import type { ProgressEvent } from '../../../shared/api';
import { announce } from '../shell/announcer';

import type { ViewName } from '../../../shared/commands';
export { viewNames, type ViewName } from '../../../shared/commands';

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

// A notice is worded once, in the language of its moment: a language change clears them rather than leave English
// words on a French screen (and in a French screenshot).
i18next.on('languageChanged', () => {
  if (useUiStore.getState().notices.length > 0) useUiStore.setState({ notices: [] });
});

export function dismissNotice(id: number): void {
  useUiStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** A model task's phase in the planner's words ("rules" → "Running the rules"); an unknown phase as it is. */
export function phaseText(phase: string): string {
  return i18next.t(`a11y.phases.${phase}`, { defaultValue: phase });
}

/** Per task: the quarter of its work last announced (0 = started) and its phase, so progress is said every 25 %. */
const announced = new Map<string, { quarter: number; phase: string }>();

/** Follows the model's progress events; a task disappears once done. Start, each quarter and end are announced. */
export function trackProgress(event: ProgressEvent): void {
  const finished = event.total > 0 && event.done >= event.total;
  const quarter = event.total > 0 ? Math.floor((event.done / event.total) * 4) : 0;
  const said = announced.get(event.taskId);
  if (finished) {
    if (said) announce(i18next.t('a11y.progress.done', { phase: phaseText(said.phase) }));
    announced.delete(event.taskId);
  } else if (!said) {
    announced.set(event.taskId, { quarter, phase: event.phase });
    announce(i18next.t('a11y.progress.started', { phase: phaseText(event.phase) }));
  } else if (quarter > said.quarter || event.phase !== said.phase) {
    announced.set(event.taskId, { quarter, phase: event.phase });
    announce(i18next.t('a11y.progress.share', { phase: phaseText(event.phase), percent: quarter * 25 }));
  }
  useUiStore.setState((s) => {
    const progress = { ...s.progress };
    if (event.total > 0 && event.done >= event.total) delete progress[event.taskId];
    else progress[event.taskId] = event;
    return { progress };
  });
}
