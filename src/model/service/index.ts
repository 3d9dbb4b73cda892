/**
 * The model service: answers every call of the contract (src/shared/api) after validating its input with the
 * call's zod schema, and turns every failure into a typed error.
 */
import { modelCalls, isModelMethod, type ModelEvent } from '../../shared/api';
import { ModelError, type ModelErrorPayload, type Result } from '../../shared/errors';
import type { PlannerDb } from '../db/schema';
import { ModelContext } from './context';
import { hierarchyHandlers } from './hierarchy';
import { peopleHandlers } from './people';
import { planHandlers } from './plans';
import { recordHandlers } from './records';

export interface ModelService {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ModelEvent) => void): () => void;
  readonly context: ModelContext;
}

export function toErrorPayload(error: unknown): ModelErrorPayload {
  if (error instanceof ModelError) return error.toPayload();
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || (typeof name === 'string' && name.endsWith('Error') && name !== 'Error' && name.startsWith('Dexie')) ) {
    return { code: 'STORAGE', message: `The database refused the change: ${message}` };
  }
  if (name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled' };
  return { code: 'INTERNAL', message };
}

export function createModelService(db: PlannerDb): ModelService {
  const context = new ModelContext(db);
  const handlers: Record<string, (input: never) => Promise<unknown>> = {
    ...planHandlers(context),
    ...hierarchyHandlers(context),
    ...peopleHandlers(context),
    ...recordHandlers(context),
    cancelTask: async ({ taskId }: { taskId: string }) => ({ cancelled: context.cancelTask(taskId) }),
  };

  return {
    context,
    subscribe: (listener) => context.subscribe(listener),
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
      try {
        return { ok: true, value: await handlers[method](parsed.data as never) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    },
  };
}
