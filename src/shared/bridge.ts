/**
 * The wire between a window and the model host: birpc over a MessagePort (Electron) or a Worker (browser host).
 * The same code runs in the preload and in the browser host, so both hosts speak exactly one protocol.
 */
import { createBirpc } from 'birpc';
import { ModelError, type ModelErrorPayload, type Result } from './errors';
import type { InputOf, ModelApi, ModelEvent, ModelMethod, OutputOf } from './api';
import { modelMethods } from './api';

export { MODEL_FLUSHED_MESSAGE, MODEL_FLUSH_MESSAGE, MODEL_PORT_MESSAGE } from './hostMessages';

/** What the model host serves on each port. */
export interface ModelHostFunctions {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

/** What each window serves back: the model pushes events through it. */
export interface WindowFunctions {
  event(event: ModelEvent): void;
}

/** `window.territory`: the typed model API as the preload (or the browser host) exposes it. */
export interface TerritoryBridge {
  call<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  onEvent(listener: (event: ModelEvent) => void): () => void;
}

/** The part of MessagePort and Worker both have. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

/** Connects to the model host over a port. */
export function connectModel(port: PortLike): TerritoryBridge {
  const listeners = new Set<(event: ModelEvent) => void>();
  const rpc = createBirpc<ModelHostFunctions, WindowFunctions>(
    {
      event(event) {
        for (const listener of listeners) listener(event);
      },
    },
    {
      post: (data) => port.postMessage(data),
      on: (fn) => port.addEventListener('message', (e) => fn(e.data)),
      // Imports of a million rows take seconds; the model host answers or fails, it never goes silent.
      timeout: -1,
    },
  );
  port.start?.();
  return {
    async call(method, input) {
      if (!modelMethods.includes(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No model call named ${String(method)}` } };
      }
      return (await rpc.call(method, input)) as Result<never>;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The API the UI codes against: answers values and throws ModelError, built over any bridge. */
export function createModelClient(bridge: TerritoryBridge): ModelApi {
  return new Proxy({} as ModelApi, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined;
      return async (input: unknown) => {
        const result = await bridge.call(method as ModelMethod, input as never);
        if (result.ok) return result.value;
        throw ModelError.from(result.error as ModelErrorPayload);
      };
    },
  });
}
