/**
 * A bridge that outlives the model host: calls wait for the first port, and when main hands a new port after
 * a restart, later calls and event listeners move to it.
 */
import type { ModelEvent } from '../shared/api';
import type { TerritoryBridge } from '../shared/bridge';

export interface ReconnectingBridge extends TerritoryBridge {
  connect(bridge: TerritoryBridge): void;
}

export function createReconnectingBridge(): ReconnectingBridge {
  let current: TerritoryBridge | null = null;
  let waiting: ((bridge: TerritoryBridge) => void)[] = [];
  let detach: (() => void) | null = null;
  const listeners = new Set<(event: ModelEvent) => void>();
  const ready = (): Promise<TerritoryBridge> =>
    current ? Promise.resolve(current) : new Promise((resolve) => waiting.push(resolve));

  return {
    connect(bridge) {
      detach?.();
      current = bridge;
      detach = bridge.onEvent((event) => {
        for (const listener of listeners) listener(event);
      });
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
  };
}
