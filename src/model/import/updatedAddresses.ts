/**
 * The new address of a record a re-import updates: the file's address cells over the stored ones it does not map,
 * so that the place (canonical codes, precision, geocoded coordinates) is derived again from the record's new
 * address, exactly as for a new record, instead of the old place staying beside a new address.
 *
 * - address fields the file does not map (street, city, region, postal code, country) are taken from the stored
 *   record, EXCEPT a region or postal code of another country than the row's new country: those are cleared (a
 *   notice on the file's country column, which moved the record), never kept beside an address they contradict;
 * - coordinates the stored record got from a file (exact) are the planner's data: kept when the file gives none,
 *   with a warning when the new address is in another country than the record had;
 * - coordinates the app geocoded itself are not carried: the new address is geocoded again.
 * Runs before locateStaged, on the staged rows that update a stored record (same external ID, as the commit
 * matches them). The carried columns become written fields, so an import's undo restores the old address too.
 */
import type { FieldDef } from '../../shared/domain';
import { countryOfCode, placeFieldKeys } from '../../shared/places';
import { addField, textCode, type NumberColumn, type RecordTable, type TextColumn } from '../records/recordTable';
import type { PlaceResolver } from './geo/placeResolver';
import { storedRowsOf } from './reconcile';
import type { ProblemCode } from './types';

/** The address text fields, in the order the cleared ones are told. */
const addressKeys = ['street', 'city', 'region', 'postalCode', 'country'] as const;
/** Fields that belong to one country: cleared when the row moves to another. */
const countryBound: ReadonlySet<string> = new Set(['region', 'postalCode']);

export interface UpdatedAddressRequest {
  stored: RecordTable;
  staged: RecordTable;
  /** Field keys the file maps. */
  mapped: ReadonlySet<string>;
  /** The core field definitions of the kind, by key. */
  core: ReadonlyMap<string, FieldDef>;
  places: PlaceResolver | null;
  /** Tells a problem of staged row `r` about `field`'s column (null: the file has none). */
  problem(r: number, code: ProblemCode, field: string | null, value: string, detail: string): void;
}

function text(table: RecordTable, key: string): TextColumn | null {
  const column = table.columns.get(key);
  return column?.type === 'text' ? column : null;
}

function number(table: RecordTable, key: string): NumberColumn | null {
  const column = table.columns.get(key);
  return column?.type === 'number' ? column : null;
}

/**
 * Fills the staged address of update rows from their stored records (see above). Returns the fields it added to
 * the staged table (to be written by the merge); none when no row updates a record.
 */
export function carryStoredAddresses(request: UpdatedAddressRequest): string[] {
  const { stored, staged, mapped, core, places, problem } = request;
  if (stored.rowCount === 0 || staged.rowCount === 0) return [];
  const storedRow = storedRowsOf(stored, staged);
  if (!storedRow.some((row) => row >= 0)) return [];

  const carried = addressKeys.filter((key) => !mapped.has(key) && core.has(key) && text(stored, key));
  const added = carried.map((key) => {
    addField(staged, core.get(key)!);
    return key;
  });
  const stagedCountry = mapped.has('country') ? text(staged, 'country') : null;
  const storedCountryCode = text(stored, placeFieldKeys.country);
  const storedRegionCode = text(stored, placeFieldKeys.region);
  const storedPrecision = text(stored, 'geoPrecision');
  const storedLat = number(stored, 'latitude');
  const storedLon = number(stored, 'longitude');
  const lat = number(staged, 'latitude');
  const lon = number(staged, 'longitude');
  const precision = text(staged, 'geoPrecision');
  const carriesCoordinates = !mapped.has('latitude') && !mapped.has('longitude') && lat && lon && precision;
  const exactStored = storedPrecision ? storedPrecision.values.indexOf('exact') : -1;
  // The new country of each distinct country value of the file, resolved once.
  const newCountryOf: (string | undefined)[] = [];
  const newCountry = (code: number) =>
    (newCountryOf[code] ??= places && stagedCountry ? (places.country(stagedCountry.values[code]) ?? '') : '');

  for (let r = 0; r < staged.rowCount; r++) {
    const row = storedRow[r];
    if (row < 0) continue;
    const oldCountry =
      (storedCountryCode && storedCountryCode.values[storedCountryCode.codes[row]]) ||
      (storedRegionCode ? countryOfCode(storedRegionCode.values[storedRegionCode.codes[row]]) : '');
    const country = stagedCountry && stagedCountry.codes[r] !== 0 ? newCountry(stagedCountry.codes[r]) : '';
    const moved = country !== '' && oldCountry !== '' && country !== oldCountry;
    for (const key of carried) {
      const from = text(stored, key)!;
      const value = from.values[from.codes[row]];
      if (value === '') continue;
      if (moved && countryBound.has(key)) {
        problem(r, 'placeCleared', 'country', value, key);
        continue;
      }
      const to = text(staged, key)!;
      to.codes[r] = textCode(to, value);
    }
    if (
      carriesCoordinates &&
      exactStored > 0 &&
      storedPrecision!.codes[row] === exactStored &&
      storedLat &&
      storedLon &&
      Number.isFinite(storedLat.values[row]) &&
      Number.isFinite(storedLon.values[row]) &&
      Number.isNaN(lat.values[r])
    ) {
      lat.values[r] = storedLat.values[row];
      lon.values[r] = storedLon.values[row];
      precision.codes[r] = textCode(precision, 'exact');
      if (moved) problem(r, 'coordinatesElsewhere', 'country', oldCountry, country);
    }
  }
  return added;
}
