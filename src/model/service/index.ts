/**
 * The model service: answers every call of the contract (src/shared/api) after validating its input with the
 * call's zod schema, and turns every failure into a typed error.
 */
import Dexie from 'dexie';
import { modelCalls, isModelMethod, type ModelCalls, type ModelEvent } from '../../shared/api';
import { ModelError, type ModelErrorPayload, type Result } from '../../shared/errors';
import type { PlannerDb } from '../db/schema';
import { ModelContext, type Handlers } from './context';
import { balanceHandlers } from './balance';
import { compareHandlers } from './compare';
import { dataSetHandlers } from './dataSets';
import { dealStageHandlers } from './dealStages';
import { ownerHandlers } from './owners';
import { duplicateHandlers } from './duplicates';
import { exportHandlers } from './export';
import { forecastHandlers } from './forecast';
import { hierarchyHandlers } from './hierarchy';
import { importHandlers } from './imports';
import { geographyHandlers } from './geography';
import { peopleHandlers } from './people';
import { placeHandlers } from './places';
import { planHandlers } from './plans';
import { recordHandlers } from './records';
import { targetHandlers } from './targets';
import { ruleHandlers } from './rules';
import { isStorageFull, storageFullError } from './storageErrors';

export interface ModelService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ModelEvent) => void): () => void;
  /** Waits for the calls in flight, then closes the database: nothing half-written when the app quits. */
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

export function createModelService(db: PlannerDb): ModelService {
  const context = new ModelContext(db);
  // Typed against the whole contract: a call without its handler does not compile.
  const handlers: Handlers<ModelCalls> = {
    ...planHandlers(context),
    ...hierarchyHandlers(context),
    ...compareHandlers(context),
    ...balanceHandlers(context),
    ...forecastHandlers(context),
    ...peopleHandlers(context),
    ...recordHandlers(context),
    ...targetHandlers(context),
    ...ruleHandlers(context),
    ...importHandlers(context),
    ...exportHandlers(context),
    ...geographyHandlers(context),
    ...placeHandlers(context),
    ...dataSetHandlers(context),
    ...dealStageHandlers(context),
    ...ownerHandlers(context),
    ...duplicateHandlers(context),
    cancelTask: async ({ taskId }) => ({ cancelled: context.cancelTask(taskId) }),
  };

  const inFlight = new Set<Promise<unknown>>();

  return {
    context,
    subscribe: (listener) => context.subscribe(listener),
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
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
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      const work = handler(parsed.data);
      inFlight.add(work);
      try {
        return { ok: true, value: await work };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      } finally {
        inFlight.delete(work);
      }
    },
  };
}
