/**
 * The places a rule names, as a territory's regions: a territory made from a place ("France", "Île-de-France")
 * shows on the map shaded right away. Only rules made of place conditions qualify (a rule that also tests an
 * industry or a city claims part of a place, not the place); the most precise level named wins (a rule "country is
 * FR and region is any of FR-IDF, FR-HDF" claims the two régions, not France).
 */
import { placeFieldKeys } from '../../../shared/places';
import type { Condition } from '../../../shared/domain';
import { normalizeRegionKey, regionKindOf } from '../../../shared/geography';

const levels = [placeFieldKeys.subregion, placeFieldKeys.region, placeFieldKeys.country] as const;

/** The region keys of a place-only rule (most precise level named), or [] when the rule is not about places only. */
export function regionsOfConditions(conditions: readonly Condition[]): string[] {
  const byField = new Map<string, string[]>();
  for (const condition of conditions) {
    if (!(levels as readonly string[]).includes(condition.field)) return [];
    const values =
      condition.operator === 'is' && typeof condition.value === 'string'
        ? [condition.value]
        : condition.operator === 'isAnyOf' && Array.isArray(condition.value)
          ? condition.value.filter((v): v is string => typeof v === 'string')
          : null;
    if (values === null) return [];
    const keys = values.map(normalizeRegionKey).filter((key) => regionKindOf(key) !== null);
    // Two conditions on one field AND together: only the places both name.
    const previous = byField.get(condition.field);
    byField.set(condition.field, previous ? previous.filter((key) => keys.includes(key)) : keys);
  }
  for (const field of levels) {
    const keys = byField.get(field);
    if (keys) return [...new Set(keys)];
  }
  return [];
}
