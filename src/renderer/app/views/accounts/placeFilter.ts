/**
 * The Accounts view's "Place" quick filter: records whose place the import only guessed, or flagged, found again
 * after the import by their canonical place confidence and flag (src/shared/places.ts).
 */
import type { RecordFilter } from '../../../../shared/api/records';
import { guessedConfidences, placeFieldKeys } from '../../../../shared/places';

export const placeFilters = [
  'guessed',
  'ambiguousCity',
  'none',
  'flagged',
  'military',
  'poBox',
  'exact',
  'postal',
  'city',
] as const;
export type PlaceFilter = (typeof placeFilters)[number];

export const isPlaceFilter = (value: string): value is PlaceFilter =>
  (placeFilters as readonly string[]).includes(value);

/** The record filter a Place choice stands for. */
export function placeFilterOf(choice: PlaceFilter): RecordFilter {
  const confidence = placeFieldKeys.confidence;
  const flag = placeFieldKeys.flag;
  switch (choice) {
    case 'guessed':
      return { field: confidence, operator: 'isAnyOf', value: [...guessedConfidences] };
    case 'flagged':
      return { field: flag, operator: 'isNotEmpty', value: null };
    case 'military':
    case 'poBox':
      return { field: flag, operator: 'is', value: choice };
    default:
      return { field: confidence, operator: 'is', value: choice };
  }
}
