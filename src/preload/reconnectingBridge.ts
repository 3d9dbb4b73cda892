/**
 * A bridge that outlives the model host: calls wait for the first port, and when main hands a new port after
 * a restart, the calls still waiting on the old one answer HOST_RESTARTED (they would never settle otherwise),
 * the UI hears `restarted`, and later calls and event listeners move to the new port.
 */
import type { ModelEvent } from '../shared/api';
import { listenerSet, type HostStatus, type PortBridge, type TerritoryBridge } from '../shared/bridge';

export interface ReconnectingBridge extends TerritoryBridge {
  connect(bridge: PortBridge): void;
  onHostStatus(listener: (status: HostStatus) => void): () => void;
}

export function createReconnectingBridge(): ReconnectingBridge {
  let current: PortBridge | null = null;
  let waiting: ((bridge: TerritoryBridge) => void)[] = [];
  let detach: (() => void)[] = [];
  const events = listenerSet<ModelEvent>();
  const statuses = listenerSet<HostStatus>();
  const emitStatus = statuses.emit;
  const ready = (): Promise<TerritoryBridge> =>
    current ? Promise.resolve(current) : new Promise((resolve) => waiting.push(resolve));

  return {
    connect(bridge) {
      for (const stop of detach) stop();
      const previous = current;
      current = bridge;
      detach = [bridge.onEvent(events.emit), bridge.onHostStatus(emitStatus)];
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
    onEvent: events.listen,
    onHostStatus: statuses.listen,
  };
}
