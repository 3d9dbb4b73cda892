/**
 * One key per place everywhere: the map's boundary keys and the canonical ISO 3166-2 codes of src/shared/places.ts
 * differ for some places (Paris is "FR-75" on the map, "FR-75C" in ISO; Guadeloupe "FR-GP" and "FR-971"). A region
 * picked on the map is stored, ruled on and shaded under its canonical code; the map draws it under its boundary
 * key. Keys that name no ISO code of today (US counties, old or disputed map shapes) are "shape-only": no record
 * carries them as a place, so rules test them by point in polygon.
 */
import { regionKindOf } from './geography';
import { boundaryAliases, boundaryOnlyKeys } from './regionAliases.data';

const boundaryOf = new Map(Object.entries(boundaryAliases).map(([boundary, canonical]) => [canonical, boundary]));
const boundaryOnly = new Set(boundaryOnlyKeys);

/** The canonical code of a key picked on the map ("FR-75" -> "FR-75C", "FR-GP" -> "FR-971"); others unchanged. */
export function canonicalRegionKey(key: string): string {
  return boundaryAliases[key] ?? key;
}

/** The map's boundary key of a canonical code ("FR-75C" -> "FR-75"); others unchanged. */
export function boundaryKeyOf(key: string): string {
  return boundaryOf.get(key) ?? key;
}

/**
 * Whether no record can carry the key as its canonical place, so that only its shape says what lies in it:
 * US counties ("US-06037"), map shapes without an ISO code of today ("LV-084", "CY~ESB-5132").
 */
export function isShapeOnlyKey(key: string): boolean {
  return regionKindOf(key) === 'county' || boundaryOnly.has(key) || key.includes('~');
}
