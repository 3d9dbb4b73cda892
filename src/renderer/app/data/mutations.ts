/**
 * How views change the model. A change never updates the cache by hand: the model answers, pushes a `changed`
 * event, and the invalidation map refreshes whatever shows it.
 *  - `mutate(method, input)`: for a planner's action; a failure becomes a notice in the planner's words and the
 *    promise resolves to undefined.
 *  - `callModel(method, input)`: for flows that handle failures themselves (the import wizard); it throws ModelError.
 *  - `useModelMutation(method)`: the same as `mutate` with TanStack's pending state, for a button that shows it.
 */
import { useMutation } from '@tanstack/react-query';
import type { InputOf, ModelMethod, OutputOf } from '../../../shared/api';
import { attempt } from '../actions';
import { model } from './client';

export function callModel<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  return model[method](input as never) as Promise<OutputOf<M>>;
}

export function mutate<M extends ModelMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M> | undefined> {
  return attempt(() => callModel(method, input));
}

export function useModelMutation<M extends ModelMethod>(method: M) {
  return useMutation({ mutationFn: (input: InputOf<M>) => mutate(method, input) });
}
