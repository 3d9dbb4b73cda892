/**
 * The wire between a window and the model host: birpc over a MessagePort (Electron) or a Worker (browser host).
 * The same code runs in the preload and in the browser host, so both hosts speak exactly one protocol.
 *
 * Every call settles: an answer the host cannot send (it does not survive structured clone) comes back as
 * INTERNAL, a call in flight when the host is replaced answers HOST_RESTARTED, and a heartbeat tells the UI when
 * the host stops answering.
 */
import { createBirpc } from 'birpc';
import { ModelError, type ModelErrorPayload, type Result } from './errors';
import type { InputOf, ModelApi, ModelEvent, ModelMethod, OutputOf } from './api';
import { modelMethods } from './api';

export { MODEL_FLUSHED_MESSAGE, MODEL_FLUSH_MESSAGE, MODEL_PORT_MESSAGE } from './hostMessages';

/** What the model host serves on each port. */
export interface ModelHostFunctions {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** The heartbeat: answers at once unless the host is stuck or gone. */
  ping(): 'pong';
}

/** What each window serves back: the model pushes events through it. */
export interface WindowFunctions {
  event(event: ModelEvent): void;
}

/**
 * What happened to the model host, for the UI to tell the planner: `restarted` (it stopped and was started again;
 * calls in flight answered HOST_RESTARTED, saved work is intact), `unresponsive` (no heartbeat answer for a while),
 * `responsive` (answering again).
 */
export type HostStatus = 'restarted' | 'unresponsive' | 'responsive';

/** `window.territory`: the typed model API as the preload (or the browser host) exposes it. */
export interface TerritoryBridge {
  call<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  onEvent(listener: (event: ModelEvent) => void): () => void;
  /** Host restarts and heartbeat losses (both hosts provide it; optional for test doubles). */
  onHostStatus?(listener: (status: HostStatus) => void): () => void;
}

/** A bridge over one port, which can be closed when the port is replaced. */
export interface PortBridge extends TerritoryBridge {
  onHostStatus(listener: (status: HostStatus) => void): () => void;
  /** Stops the heartbeat and answers every call in flight with `code` (HOST_RESTARTED after a restart). */
  close(code?: 'HOST_RESTARTED' | 'INTERNAL'): void;
}

/** The part of MessagePort and Worker both have. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

export interface HeartbeatOptions {
  /** How often the window pings the host. */
  intervalMs: number;
  /** How long a ping may go unanswered before the host counts as unresponsive. */
  timeoutMs: number;
}

/** A busy host still answers pings between chunks of work: 20 s of silence means it is stuck or gone. */
export const HEARTBEAT: HeartbeatOptions = { intervalMs: 5_000, timeoutMs: 20_000 };

class BridgeClosed extends Error {
  constructor(readonly code: 'HOST_RESTARTED' | 'INTERNAL') {
    super(code);
  }
}

export const hostRestartedError = (method: string): ModelErrorPayload => ({
  code: 'HOST_RESTARTED',
  message: `The model host restarted while "${method}" was running; saved work is intact, try again`,
  details: { method },
});

/**
 * The buffers a call can hand over instead of copying: the ArrayBuffers of typed arrays among the call's input
 * values (a file's bytes for analyzeImportFile), each entirely owned by its view so nothing else of the sender's
 * memory goes with it. Only calls (window -> host): the host's answers may be views of what it keeps cached.
 */
export function transferablesOf(message: unknown): ArrayBuffer[] {
  const call = message as { t?: unknown; a?: unknown } | null;
  if (typeof call !== 'object' || call === null || call.t !== 'q' || !Array.isArray(call.a)) return [];
  const buffers = new Set<ArrayBuffer>();
  const consider = (value: unknown) => {
    if (!ArrayBuffer.isView(value)) return;
    const { buffer } = value;
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength) {
      buffers.add(buffer);
    }
  };
  for (const argument of call.a) {
    consider(argument);
    if (typeof argument === 'object' && argument !== null && !ArrayBuffer.isView(argument)) {
      for (const value of Object.values(argument as Record<string, unknown>)) consider(value);
    }
  }
  return [...buffers];
}

/** Listeners of one kind of news: `listen` adds one and gives back how to remove it; `emit` tells them all. */
export function listenerSet<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    listen(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value: T): void {
      for (const listener of listeners) listener(value);
    },
  };
}

/**
 * Connects to the model host over a port. A file's bytes are transferred to the host, not copied: the sender's
 * buffer is detached afterwards (the wizard hands them over once; from then on the import id stands for them).
 */
export function connectModel(port: PortLike, heartbeat: HeartbeatOptions | null = HEARTBEAT): PortBridge {
  const events = listenerSet<ModelEvent>();
  const statuses = listenerSet<HostStatus>();
  const emitStatus = statuses.emit;
  const rpc = createBirpc<ModelHostFunctions, WindowFunctions>(
    {
      event: events.emit,
    },
    {
      post: (data) => {
        const transfer = transferablesOf(data);
        if (transfer.length > 0) port.postMessage(data, transfer);
        else port.postMessage(data);
      },
      on: (fn) => port.addEventListener('message', (e) => fn(e.data)),
      // Imports of a million rows take seconds: no per-call timeout. A dead host is caught by the heartbeat and
      // by close() when main hands a new port.
      timeout: -1,
    },
  );
  port.start?.();

  let timer: ReturnType<typeof setInterval> | null = null;
  if (heartbeat) {
    let pingSent = 0;
    let waiting = false;
    let unresponsive = false;
    timer = setInterval(() => {
      if (waiting) {
        if (!unresponsive && Date.now() - pingSent >= heartbeat.timeoutMs) {
          unresponsive = true;
          emitStatus('unresponsive');
        }
        return;
      }
      waiting = true;
      pingSent = Date.now();
      rpc.ping().then(
        () => {
          waiting = false;
          if (unresponsive) {
            unresponsive = false;
            emitStatus('responsive');
          }
        },
        () => {
          // closed: the bridge is being replaced
        },
      );
    }, heartbeat.intervalMs);
    // In Node (tests) the heartbeat must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    async call(method, input) {
      if (!modelMethods.includes(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No model call named ${String(method)}` } };
      }
      try {
        return (await rpc.call(method, input)) as Result<never>;
      } catch (error) {
        if (error instanceof BridgeClosed && error.code === 'HOST_RESTARTED') {
          return { ok: false, error: hostRestartedError(method) };
        }
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'INTERNAL', message: `The model's answer was lost: ${message}` } };
      }
    },
    onEvent: events.listen,
    onHostStatus: statuses.listen,
    close(code = 'HOST_RESTARTED') {
      if (timer) clearInterval(timer);
      timer = null;
      if (!rpc.$closed) rpc.$close(new BridgeClosed(code));
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
