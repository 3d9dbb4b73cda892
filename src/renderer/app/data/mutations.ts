/**
 * How views change the model. A change never updates the cache by hand: the model answers, pushes a `changed`
 * event, and the invalidation map refreshes whatever shows it.
 *  - `mutate(method, input)`: for a planner's action; a failure becomes a notice in the planner's words and the
 *    promise resolves to undefined.
 *  - `callModel(method, input)`: for flows that handle failures themselves (the import wizard); it throws ModelError.
 *  - `refreshModel(method, input)`: after a change the model does not announce (a run's waiting preview).
 *  - `useModelMutation(method)`: the same as `mutate` with TanStack's pending state, for a button that shows it.
 */
import { useMutation } from '@tanstack/react-query';
import type { InputOf, ModelMethod, OutputOf } from '../../../shared/api';
import { attempt } from '../actions';
import { model, queryClient } from './client';
import type { QueryMethod } from './invalidation';

export function callModel<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  return model[method](input as never) as Promise<OutputOf<M>>;
}

export function mutate<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M> | undefined> {
  return attempt(() => callModel(method, input));
}

/**
 * Asks again for an answer the model changed without a `changed` event (a rule run's waiting preview). Resolves
 * once the answers on screen are fresh.
 */
export function refreshModel<M extends QueryMethod>(method: M, input: InputOf<M>): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [method, input] });
}

export function useModelMutation<M extends ModelMethod>(method: M) {
  return useMutation({ mutationFn: (input: InputOf<M>) => mutate(method, input) });
}
