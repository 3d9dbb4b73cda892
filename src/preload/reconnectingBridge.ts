/**
 * A bridge that outlives the model host: calls wait for the first port, and when main hands a new port after
 * a restart, the calls still waiting on the old one answer HOST_RESTARTED (they would never settle otherwise),
 * the UI hears `restarted`, and later calls and event listeners move to the new port.
 */
import type { ModelEvent } from '../shared/api';
import type { HostStatus, PortBridge, TerritoryBridge } from '../shared/bridge';

export interface ReconnectingBridge extends TerritoryBridge {
  connect(bridge: PortBridge): void;
  onHostStatus(listener: (status: HostStatus) => void): () => void;
}

export function createReconnectingBridge(): ReconnectingBridge {
  let current: PortBridge | null = null;
  let waiting: ((bridge: TerritoryBridge) => void)[] = [];
  let detach: (() => void)[] = [];
  const listeners = new Set<(event: ModelEvent) => void>();
  const statusListeners = new Set<(status: HostStatus) => void>();
  const emitStatus = (status: HostStatus) => {
    for (const listener of statusListeners) listener(status);
  };
  const ready = (): Promise<TerritoryBridge> =>
    current ? Promise.resolve(current) : new Promise((resolve) => waiting.push(resolve));

  return {
    connect(bridge) {
      for (const stop of detach) stop();
      const previous = current;
      current = bridge;
      detach = [
        bridge.onEvent((event) => {
          for (const listener of listeners) listener(event);
        }),
        bridge.onHostStatus(emitStatus),
      ];
      if (previous) {
        previous.close('HOST_RESTARTED');
        emitStatus('restarted');
      }
      const resolved = waiting;
      waiting = [];
      for (const resolve of resolved) resolve(bridge);
    },
    async call(method, input) {
      return (await ready()).call(method, input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onHostStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
