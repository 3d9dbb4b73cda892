/**
 * The renderer's one cache of model answers (TanStack Query), and the one subscription to the model's events:
 * `changed` events invalidate through the map in invalidation.ts, `progress` events feed the task bar.
 */
import { QueryClient } from '@tanstack/react-query';
import type { ModelEvent } from '../../../shared/api';
import { model, territoryBridge } from '../bridge';
import { trackProgress } from '../stores/uiStore';
import { isStaleAfter } from './invalidation';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Answers stay fresh until the model says otherwise: the model pushes every change, nothing polls.
      staleTime: Infinity,
      // A model error (a bad input, a missing plan) gives the same answer when asked again.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

/** What every model event does to the UI's state. Exported for tests; started once by startModelEvents. */
export function handleModelEvent(event: ModelEvent): void {
  if (event.type === 'progress') {
    trackProgress(event);
    return;
  }
  void queryClient.invalidateQueries({ predicate: (query) => isStaleAfter(query.queryKey, event) });
}

let stop: (() => void) | null = null;

/** Follows the model's events, once per window. */
export function startModelEvents(): void {
  stop ??= territoryBridge.onEvent(handleModelEvent);
}

export { model };
