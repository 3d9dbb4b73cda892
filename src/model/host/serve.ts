/**
 * The model host: opens the database and serves the model API on every port handed to it (one per UI window),
 * pushing change and progress events to all of them. Runs in Electron's hidden model-host window and in the
 * browser host's Worker alike.
 */
import { createBirpc } from 'birpc';
import { MODEL_PORT_MESSAGE, type ModelHostFunctions, type PortLike, type WindowFunctions } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { PlannerDb } from '../db/schema';
import { createModelService, type ModelService } from '../service';

/** birpc's answer message (`{ t: 's', i: id, r: result }`): what we replace when the result cannot be cloned. */
interface AnswerMessage {
  t: 's';
  i: string;
  r?: unknown;
}

const isAnswer = (data: unknown): data is AnswerMessage =>
  typeof data === 'object' &&
  data !== null &&
  (data as AnswerMessage).t === 's' &&
  typeof (data as AnswerMessage).i === 'string';

/**
 * Posts a message; an answer that structured clone refuses (a function or a class instance slipped into a
 * result) is replaced by an INTERNAL error for the same call, so the caller is answered instead of waiting forever.
 * An event that cannot be cloned is dropped and logged, and the window stays subscribed.
 */
export function postOrAnswerInternal(port: Pick<PortLike, 'postMessage'>, data: unknown): void {
  try {
    port.postMessage(data);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!isAnswer(data)) {
      console.error('[model host] a message could not be sent', reason);
      return;
    }
    const answer: Result<never> = {
      ok: false,
      error: { code: 'INTERNAL', message: `The model's answer could not be sent (${reason})` },
    };
    port.postMessage({ t: 's', i: data.i, r: answer });
  }
}

export function servePort(service: ModelService, port: PortLike): () => void {
  const rpc = createBirpc<WindowFunctions, ModelHostFunctions>(
    { call: (method, input) => service.call(method, input), ping: () => 'pong' },
    {
      post: (data) => postOrAnswerInternal(port, data),
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
 * Ports are served at once: the first calls load their areas of the service while the database opens, and are
 * answered once it is open. Answers the service (for tests) once the database is open.
 */
export function startModelHost(
  target: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void },
  db = new PlannerDb(),
): Promise<ModelService> {
  // Read by `npm run bench foundation` (in the browser host's worker): where the first answer's time goes.
  performance.mark('territory:model-evaluated');
  const opened = db.open();
  // A database that cannot open is answered as STORAGE by every call: the mark's own chain must not reject too.
  opened.then(
    () => performance.mark('territory:model-db-open'),
    () => undefined,
  );
  const service = createModelService(db, { opened });
  target.addEventListener('message', (event) => {
    if ((event.data as { type?: string } | null)?.type !== MODEL_PORT_MESSAGE) return;
    for (const port of event.ports) servePort(service, port);
  });
  return opened.then(() => service);
}
