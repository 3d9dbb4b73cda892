/**
 * Tells the planner what happened to the model host (restarted, not answering, answering again) and that saved
 * work is safe; after a restart every query is fetched again from the new host.
 */
import i18next from 'i18next';
import type { HostStatus, TerritoryBridge } from '../../../shared/bridge';
import { notify } from '../stores/uiStore';

export function startHostNotices(bridge: TerritoryBridge, refetchAll: () => void): () => void {
  if (!bridge.onHostStatus) return () => undefined;
  return bridge.onHostStatus((status: HostStatus) => {
    notify(i18next.t(`host.${status}`), status === 'responsive' ? 'success' : 'error');
    if (status === 'restarted' || status === 'responsive') refetchAll();
  });
}
