/** The renderer's data layer: read with queries, change with mutations; see docs/architecture.md, "The data layer". */
export { queryClient, startModelEvents } from './client';
export { fetchModel, followModel, modelQuery, modelQueryOrSkip, useModelQuery, type QueryMethod } from './queries';
export { callModel, mutate, refreshModel, useModelMutation } from './mutations';
export { readsOf, isStaleAfter } from './invalidation';
export { useDebounced } from './useDebounced';
