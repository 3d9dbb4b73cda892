/**
 * The canonical place names over the model's geo files (`ModelContext.geoSource`), loaded once per model and kept
 * on its context: the import, the hierarchy's place levels and the Places step all resolve names through it.
 */
import { loadPlaceResolver, type PlaceResolver } from '../import/geo/placeResolver';
import type { ModelContext } from './context';

/** The context's place resolver, read from its geo files on first use (again after a failed read). */
export function placeResolver(ctx: ModelContext): Promise<PlaceResolver> {
  const { caches } = ctx;
  if (!caches.placeResolver) {
    const resolver = loadPlaceResolver(ctx.geoSource);
    caches.placeResolver = resolver;
    resolver.catch(() => {
      if (caches.placeResolver === resolver) delete caches.placeResolver;
    });
  }
  return caches.placeResolver;
}
