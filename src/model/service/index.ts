/**
 * The model service: answers every call of the contract (src/shared/api) after validating its input with the
 * call's zod schema, and turns every failure into a typed error.
 *
 * Each area of the contract is answered by one module, loaded on the area's first call (a dynamic import): the
 * model host starts with only this registry, the database and the contract, so its first answer (the settings)
 * does not wait for the import, export, rules and geography code to be parsed. Once a call has been answered, the
 * other areas load in the background.
 */
import Dexie from 'dexie';
import { modelCalls, isModelMethod, modelAreas, type ModelArea, type ModelEvent } from '../../shared/api';
import { ModelError, type ModelErrorPayload, type Result } from '../../shared/errors';
import type { PlannerDb } from '../db/schema';
import { ModelContext, type Handlers, type ModelDeps } from './context';
import { settingsHandlers } from './settings';
import { isStorageFull, storageFullError } from './storageErrors';

/** How an area's handlers are made, per area: typed against its calls, so a call without its handler does not compile. */
type AreaHandlers = { [A in ModelArea]: (ctx: ModelContext) => Handlers<(typeof modelAreas)[A]> };

/** Where each area's handlers live. Vite makes each module (and what only it imports) a chunk of its own. */
const areaModules: { [A in ModelArea]: () => Promise<AreaHandlers[A]> } = {
  // With the registry: the first call of every start (the settings) waits for no other module.
  settings: async () => settingsHandlers,
  plans: () => import('./plans').then((m) => m.planHandlers),
  hierarchy: () => import('./hierarchy').then((m) => m.hierarchyHandlers),
  compare: () => import('./compare').then((m) => m.compareHandlers),
  balance: () => import('./balance').then((m) => m.balanceHandlers),
  forecast: () => import('./forecast').then((m) => m.forecastHandlers),
  people: () => import('./people').then((m) => m.peopleHandlers),
  records: () => import('./records').then((m) => m.recordHandlers),
  targets: () => import('./targets').then((m) => m.targetHandlers),
  rules: () => import('./rules').then((m) => m.ruleHandlers),
  imports: () => import('./imports').then((m) => m.importHandlers),
  map: () => import('./geography').then((m) => m.geographyHandlers),
  places: () => import('./places').then((m) => m.placeHandlers),
  tasks: async () => (ctx) => ({ cancelTask: async ({ taskId }) => ({ cancelled: ctx.cancelTask(taskId) }) }),
  export: () => import('./export').then((m) => m.exportHandlers),
  dataSets: () => import('./dataSets').then((m) => m.dataSetHandlers),
  dealStages: () => import('./dealStages').then((m) => m.dealStageHandlers),
  owners: () => import('./owners').then((m) => m.ownerHandlers),
  duplicates: () => import('./duplicates').then((m) => m.duplicateHandlers),
};

/** The area of each call. */
const areaOf = new Map<string, ModelArea>(
  (Object.keys(modelAreas) as ModelArea[]).flatMap((area) => Object.keys(modelAreas[area]).map((m) => [m, area])),
);

type Handler = (input: unknown) => Promise<unknown>;

export interface ModelService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ModelEvent) => void): () => void;
  /** Waits for the calls in flight (and areas still loading), then closes the database: nothing half-written at quit. */
  flush(): Promise<void>;
  readonly context: ModelContext;
}

export function toErrorPayload(error: unknown): ModelErrorPayload {
  if (error instanceof ModelError) return error.toPayload();
  // Before the AbortError test: Dexie reports a full disk as an aborted transaction.
  if (isStorageFull(error)) return storageFullError(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError' && !(error instanceof Dexie.DexieError))
    return { code: 'CANCELLED', message: 'Cancelled' };
  if (error instanceof Dexie.DexieError) {
    return { code: 'STORAGE', message: `The database refused the change: ${message}`, details: { name: error.name } };
  }
  return { code: 'INTERNAL', message };
}

export type { ModelDeps } from './context';

/**
 * The service over a database, with its one context: everything the areas keep lives there, so two services in one
 * process share nothing. `deps.opened` is the database's opening: calls wait for it, so the host can take calls (and
 * load their areas) while the database opens; `deps.geoSource` is where the geo data files are read.
 */
export function createModelService(db: PlannerDb, deps: ModelDeps = {}): ModelService {
  const opened = deps.opened ?? Promise.resolve();
  const context = new ModelContext(db, deps);
  const areas = new Map<ModelArea, Promise<Record<string, Handler>>>();
  const areaHandlers = (area: ModelArea): Promise<Record<string, Handler>> => {
    let loading = areas.get(area);
    if (!loading) {
      loading = areaModules[area]().then((make) => (make as AreaHandlers[ModelArea])(context) as never);
      // A chunk that failed to load is asked for again by the next call.
      loading.catch(() => areas.delete(area));
      areas.set(area, loading);
    }
    return loading;
  };
  /** The background loading of the other areas, once started: `flush` waits for it like for a call. */
  let othersLoading: Promise<unknown> | null = null;
  /** After the first answer, the areas no call has needed yet load in the background (they fail quietly). */
  const loadOtherAreas = () => {
    othersLoading ??= new Promise((resolve) => setTimeout(resolve)).then(() =>
      Promise.allSettled((Object.keys(areaModules) as ModelArea[]).map(areaHandlers)),
    );
  };

  const inFlight = new Set<Promise<unknown>>();
  /** The last call to start: each call starts after the one before it, in the order they came, as if all were loaded. */
  let lastStarted: Promise<unknown> = Promise.resolve();

  return {
    context,
    subscribe: (listener) => context.subscribe(listener),
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await othersLoading;
      db.close();
    },
    async call(method, input) {
      if (!isModelMethod(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No model call named ${String(method)}` } };
      }
      const parsed = modelCalls[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: `${issue?.message ?? 'Invalid input'}${where}`,
            details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
          },
        };
      }
      const ready = Promise.all([areaHandlers(areaOf.get(method)!), opened, lastStarted]);
      const start = ready.then(([handlers]) => handlers[method]);
      lastStarted = start.catch(() => undefined);
      const work = start.then((handler) => handler(parsed.data));
      inFlight.add(work);
      try {
        return { ok: true, value: await work };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      } finally {
        inFlight.delete(work);
        loadOtherAreas();
      }
    },
  };
}
