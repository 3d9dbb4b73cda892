/**
 * How views read the model: `useModelQuery(method, input)` (keys `[method, input]`), or `modelQuery(method, input)`
 * for useQueries, prefetching and code outside React. Answers are cached and invalidated by the model's events, so a
 * view neither subscribes to events nor keeps a staleness flag, and a late answer never overwrites a newer one.
 */
import {
  keepPreviousData,
  QueryObserver,
  queryOptions,
  skipToken,
  useQuery,
  type QueryObserverResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../shared/api';
import { model, queryClient } from './client';
import type { QueryMethod } from './invalidation';

export type { QueryMethod };

/** The key of one model read: the call and its input (null while the read waits). */
export type ModelKey<M extends QueryMethod> = readonly [M, InputOf<M> | null];

function ask<M extends QueryMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  return model[method](input as never) as Promise<OutputOf<M>>;
}

/** The query options of one model read: the key `[method, input]` and the call. */
export function modelQuery<M extends QueryMethod>(method: M, input: InputOf<M>) {
  return queryOptions<OutputOf<M>, Error, OutputOf<M>, ModelKey<M>>({
    queryKey: [method, input],
    queryFn: () => ask(method, input),
  });
}

/** The same, disabled while `input` is null (no plan open, nothing selected yet). */
export function modelQueryOrSkip<M extends QueryMethod>(method: M, input: InputOf<M> | null) {
  return queryOptions<OutputOf<M>, Error, OutputOf<M>, ModelKey<M>>({
    queryKey: [method, input],
    queryFn: input === null ? skipToken : () => ask(method, input),
  });
}

/**
 * Reads a model answer in a component; `input` null waits (the query is disabled). `same` tells a new answer equal
 * to the one shown, which is then kept (the same object: nothing derived from it is computed again); without it,
 * plain objects and arrays are compared as TanStack Query does, typed arrays never.
 */
export function useModelQuery<M extends QueryMethod>(
  method: M,
  input: InputOf<M> | null,
  options: { keepPrevious?: boolean; same?: (shown: OutputOf<M>, answer: OutputOf<M>) => boolean } = {},
): UseQueryResult<OutputOf<M>> {
  const { keepPrevious, same } = options;
  return useQuery({
    ...modelQueryOrSkip(method, input),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    ...(same && {
      structuralSharing: (shown: unknown, answer: unknown) =>
        shown !== undefined && same(shown as OutputOf<M>, answer as OutputOf<M>) ? shown : answer,
    }),
  });
}

/** Reads a model answer outside React, through the cache (a fresh cached answer is not asked again). */
export function fetchModel<M extends QueryMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  return queryClient.fetchQuery(modelQuery(method, input));
}

/**
 * Follows one model read outside React (a store that projects answers): calls `apply` with each answer, or with
 * the error. Returns the function that stops following.
 */
export function followModel<M extends QueryMethod>(
  method: M,
  input: InputOf<M>,
  apply: (result: QueryObserverResult<OutputOf<M>>) => void,
): () => void {
  const observer = new QueryObserver(queryClient, modelQuery(method, input));
  return observer.subscribe(apply);
}
