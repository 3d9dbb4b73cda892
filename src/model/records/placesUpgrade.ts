/**
 * Schema version 7: records imported before canonical places get them. For each kind with place columns, the
 * stored country, region, postal code, city and precision are resolved once per DISTINCT value (dictionary codes)
 * and written as the canonical columns of src/shared/places.ts, block by block, inside the upgrade transaction.
 * Coordinates are kept as stored (no geocoding here): the region comes from the region text, and the French
 * département from the postal code; confidence follows the stored precision.
 */
import Dexie, { type Transaction } from 'dexie';
import type { FieldDef } from '../../shared/domain';
import {
  canonicalPlaceKeys,
  countryOfCode,
  normalizePostalFor,
  placeFieldKeys,
  placeKey,
  type PlaceConfidence,
} from '../../shared/places';
import { coreFieldDefs } from '../../shared/records';
import type { RecordBlockRow, RecordDictRow, RecordMetaRow, StoredColumn } from '../db/schema';
import type { GeoFileSource } from '../import/geo/geocoder';
import { loadPlaceResolver, type PlaceResolver } from '../import/geo/placeResolver';
import { dictionaryRow, dictionaryValues } from './storage';

const MILITARY_CITY = /^(apo|fpo|dpo)$/;
const MILITARY_REGION = /^(aa|ae|ap)$/;

/** One text column as read from the blocks: the dictionary and each row's code. */
interface StoredText {
  values: string[];
  codes: (row: RecordBlockRow, i: number) => number;
}

/** A growing dictionary for one new column. */
class Dictionary {
  readonly values: string[] = [''];
  private readonly codes = new Map<string, number>([['', 0]]);
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.codes.set(value, code);
    }
    return code;
  }
}

function narrow(codes: Uint32Array, size: number): StoredColumn {
  return {
    type: 'text',
    codes: size <= 0x100 ? Uint8Array.from(codes) : size <= 0x10000 ? Uint16Array.from(codes) : codes,
  };
}

/** The canonical keys of one distinct address (country, region, postal, city and precision texts). */
export function canonicalOf(
  places: PlaceResolver,
  text: { country: string; region: string; postal: string; city: string; precision: string },
): Record<(typeof canonicalPlaceKeys)[number], string> {
  let country = text.country ? (places.country(text.country) ?? '') : '';
  let region = '';
  let subregion = '';
  // Without a country, only a region written as an ISO 3166-2 code ("US-TX") is understood; it gives the country.
  const match = text.region ? places.subdivision(country || null, text.region) : null;
  if (match?.found && !country && !text.country) country = countryOfCode(match.subdivision.code);
  if (match?.found) {
    if (match.subdivision.level === 1) region = match.subdivision.code;
    else {
      subregion = match.subdivision.code;
      region = match.subdivision.parent;
    }
  }
  const postal = text.postal ? (normalizePostalFor(country || null, text.postal) ?? '') : '';
  if (!subregion && postal && country) {
    const department = places.subregionOfPostal(country, postal);
    if (department) {
      subregion = department.code;
      region ||= department.parent;
    }
  }
  const military =
    MILITARY_CITY.test(placeKey(text.city)) ||
    ((country === 'US' || country === '') && MILITARY_REGION.test(placeKey(text.region)));
  const known = ['exact', 'postal', 'city', 'region', 'country', 'none'];
  const confidence: PlaceConfidence = known.includes(text.precision) ? (text.precision as PlaceConfidence) : 'none';
  return {
    [placeFieldKeys.country]: country,
    [placeFieldKeys.region]: region,
    [placeFieldKeys.subregion]: subregion,
    [placeFieldKeys.postal]: postal,
    [placeFieldKeys.confidence]: confidence,
    [placeFieldKeys.flag]: military ? 'military' : '',
  } as Record<(typeof canonicalPlaceKeys)[number], string>;
}

/** The upgrade to schema version 7 (see the file comment). */
export async function upgradeToCanonicalPlaces(tx: Transaction, source: GeoFileSource): Promise<void> {
  const metas = (await tx.table('recordMeta').toArray()) as RecordMetaRow[];
  const todo = metas.filter(
    (meta) =>
      meta.fields.some((f) => f.key === 'geoPrecision') && !meta.fields.some((f) => f.key === placeFieldKeys.country),
  );
  if (todo.length === 0) return;
  // The data files are read outside IndexedDB: waitFor keeps the upgrade transaction open meanwhile.
  const places = await Dexie.waitFor(loadPlaceResolver(source));
  for (const meta of todo) {
    const { kind } = meta;
    const dicts = (await tx.table('recordDicts').where('kind').equals(kind).toArray()) as RecordDictRow[];
    const text = (key: string): StoredText | null => {
      const dict = dicts.find((d) => d.field === key);
      if (!dict || !meta.fields.some((f) => f.key === key)) return null;
      const values = dictionaryValues(dict);
      return {
        values,
        codes: (block, i) => {
          const column = block.columns[key];
          return column?.type === 'text' ? column.codes[i] : 0;
        },
      };
    };
    const columns = {
      country: text('country'),
      region: text('region'),
      postal: text('postalCode'),
      city: text('city'),
      precision: text('geoPrecision'),
    };
    const out = canonicalPlaceKeys.map(() => new Dictionary());
    /** Distinct addresses by their five codes, joined: each resolved once. */
    const resolved = new Map<string, number[]>();
    const blocks = (await tx.table('recordBlocks').where('kind').equals(kind).toArray()) as RecordBlockRow[];
    const pending: { block: RecordBlockRow; codes: Uint32Array[] }[] = [];
    for (const block of blocks) {
      const codes = canonicalPlaceKeys.map(() => new Uint32Array(block.rows));
      for (let i = 0; i < block.rows; i++) {
        const parts = [columns.country, columns.region, columns.postal, columns.city, columns.precision].map((c) =>
          c ? c.codes(block, i) : 0,
        );
        const key = parts.join(',');
        let row = resolved.get(key);
        if (!row) {
          const value = (c: StoredText | null, code: number) => (c ? (c.values[code] ?? '') : '');
          const keys = canonicalOf(places, {
            country: value(columns.country, parts[0]),
            region: value(columns.region, parts[1]),
            postal: value(columns.postal, parts[2]),
            city: value(columns.city, parts[3]),
            precision: value(columns.precision, parts[4]),
          });
          row = canonicalPlaceKeys.map((k, j) => out[j].code(keys[k]));
          resolved.set(key, row);
        }
        for (let j = 0; j < row.length; j++) codes[j][i] = row[j];
      }
      pending.push({ block, codes });
    }
    // Codes are narrowed once the dictionaries are complete.
    const written = pending.map(({ block, codes }): RecordBlockRow => {
      const blockColumns = { ...block.columns };
      canonicalPlaceKeys.forEach((k, j) => (blockColumns[k] = narrow(codes[j], out[j].values.length)));
      return { ...block, columns: blockColumns };
    });
    const core = new Map(coreFieldDefs(kind).map((f) => [f.key, f]));
    const fields: FieldDef[] = [...meta.fields, ...canonicalPlaceKeys.map((k) => core.get(k)!)];
    await tx.table('recordBlocks').bulkPut(written);
    await tx
      .table('recordDicts')
      .bulkPut(canonicalPlaceKeys.map((field, j) => ({ kind, field, ...dictionaryRow(out[j].values) })));
    await tx.table('recordMeta').put({ ...meta, fields });
  }
}
