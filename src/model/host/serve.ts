/**
 * The model host: opens the database and serves the model API on every port handed to it (one per UI window),
 * pushing change and progress events to all of them. Runs in Electron's hidden model-host window and in the
 * browser host's Worker alike.
 */
import { createBirpc } from 'birpc';
import { MODEL_PORT_MESSAGE, type ModelHostFunctions, type PortLike, type WindowFunctions } from '../../shared/bridge';
import { PlannerDb } from '../db/schema';
import { createModelService, type ModelService } from '../service';

export function servePort(service: ModelService, port: PortLike): () => void {
  const rpc = createBirpc<WindowFunctions, ModelHostFunctions>(
    { call: (method, input) => service.call(method, input) },
    {
      post: (data) => port.postMessage(data),
      on: (fn) => port.addEventListener('message', (e) => fn(e.data)),
      eventNames: ['event'],
      timeout: -1,
    },
  );
  port.start?.();
  const unsubscribe = service.subscribe((event) => {
    void rpc.event.asEvent(event).catch(() => unsubscribe());
  });
  return () => {
    unsubscribe();
    rpc.$close();
  };
}

/**
 * Starts serving: every message of type MODEL_PORT_MESSAGE arriving at `target` brings a port to serve.
 * Answers the service (for tests) once the database is open.
 */
export function startModelHost(
  target: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void },
  db = new PlannerDb(),
): Promise<ModelService> {
  const ready = db.open().then(() => createModelService(db));
  // Listen at once: a port that arrives while the database opens waits (a MessagePort queues until started).
  target.addEventListener('message', (event) => {
    if ((event.data as { type?: string } | null)?.type !== MODEL_PORT_MESSAGE) return;
    for (const port of event.ports) void ready.then((service) => servePort(service, port));
  });
  return ready;
}
