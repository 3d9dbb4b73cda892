/**
 * Places of the staged rows of an import: the canonical keys (src/shared/places.ts) beside the text the file
 * gave, and coordinates where the file gives none. Everything is decided once per DISTINCT value or address
 * (dictionary codes), never per row: a million rows in two hundred countries cost two hundred country lookups.
 *
 * - country: the country column resolved in any shipped language or code, else the fix-up the planner gave, else
 *   the country the geocoder inferred (a Canadian postal code), else the import's default country;
 * - region: the region column resolved WITHIN that country (a bare "DE" is Delaware only in the US), else the
 *   region of the city the geocoder found;
 * - subregion: a second-level subdivision named in the region column, or a French département from the postal
 *   code;
 * - postal key: the postal code normalised for the country;
 * - confidence: exact (coordinates given), postal, city, ambiguousCity, region, country or none;
 * - flag: military (APO/DPO/FPO, AA/AE/AP) addresses, which are not geocoded, and PO boxes.
 * Coordinates of 0,0 are refused (a problem naming the row) and the address is geocoded instead.
 */
import {
  countryOfCode,
  guessedConfidences,
  MAX_PLACE_VALUES,
  normalizePostalFor,
  placeFieldKeys,
  placeKey,
  placeReportFields,
  type PlaceConfidence,
  type PlaceFix,
  type PlaceFlag,
  type PlaceReport,
  type PlaceReportField,
  type PlaceTextField,
  type PlaceValueReport,
} from '../../shared/places';
import { coreFieldDefs, type GeoPrecision } from '../../shared/records';
import { newTextColumn, textCode, type NumberColumn, type RecordTable, type TextColumn } from '../records/recordTable';
import type { Geocoder, GeoPoint, Place } from './geo/geocoder';
import type { PlaceResolver, Subdivision } from './geo/placeResolver';
import type { ProblemLog } from './problems';
import type { ImportTask, ProblemCode, ProblemSeverity } from './types';

export interface LocateDeps {
  geocoder?: Geocoder | null;
  /** Omit to store no canonical places (the keys stay empty). */
  places?: PlaceResolver | null;
}

export interface LocateRequest {
  defaultCountry?: string | null;
  placeFixes?: readonly PlaceFix[];
  /** The file's header of a mapped field, for problems. */
  headerOf(field: string): string | null;
}

export interface LocateResult {
  /** Fields the merge writes besides the mapped ones. */
  written: string[];
  report: PlaceReport | null;
}

const MILITARY_CITY = /^(apo|fpo|dpo)$/;
const MILITARY_REGION = /^(aa|ae|ap)$/;
const PO_BOX =
  /\b(p\s?o\s?box|post office box|postfach|boite postale|bp\s?\d|b p\s?\d|cs\s?\d|apartado|casella postale|postbus|box\s?\d)/;

const problemText: Partial<Record<ProblemCode, (value: string, detail: string) => string>> = {
  unknownPlace: (v, field) => `"${v}" is not a ${field} we know; fix it in the place step or leave it unresolved`,
  ambiguousPlace: (v, candidates) => `"${v}" could be ${candidates}; choose one in the place step`,
  nullIsland: (v) => `Coordinates ${v} are not a real location; the address is used instead`,
  militaryAddress: (v) => `${v} is a military address; it is not placed on the map`,
  poBox: (v) => `${v} is a PO box; its location is the post office`,
};
const problemSeverity: Partial<Record<ProblemCode, ProblemSeverity>> = {
  unknownPlace: 'notice',
  ambiguousPlace: 'notice',
  nullIsland: 'warning',
  militaryAddress: 'notice',
  poBox: 'notice',
};

interface Resolved {
  status: PlaceValueReport['status'];
  code: string;
  candidates: string[];
}

/** Adds the canonical place columns to `staged` and fills them, with latitude/longitude/geoPrecision. */
export async function locateStaged(
  deps: LocateDeps,
  staged: RecordTable,
  request: LocateRequest,
  log: ProblemLog,
  fileRow: Uint32Array,
  severity: Uint8Array,
  task: ImportTask,
): Promise<LocateResult> {
  const rows = staged.rowCount;
  const lat = staged.columns.get('latitude') as NumberColumn;
  const lon = staged.columns.get('longitude') as NumberColumn;
  const precision = staged.columns.get('geoPrecision') as TextColumn;
  const text = (key: string) => staged.columns.get(key) as TextColumn | undefined;
  const [postal, city, region, country, street] = ['postalCode', 'city', 'region', 'country', 'street'].map(text);
  const capacity = staged.deleted.length;
  const core = new Map(coreFieldDefs(staged.kind).map((f) => [f.key, f]));
  const written: string[] = [];
  const canonical = (key: string): TextColumn => {
    const column = newTextColumn(capacity);
    if (!staged.columns.has(key)) staged.fields.push(core.get(key)!);
    staged.columns.set(key, column);
    written.push(key);
    return column;
  };
  const places = deps.places ?? null;
  const out = places
    ? {
        country: canonical(placeFieldKeys.country),
        region: canonical(placeFieldKeys.region),
        subregion: canonical(placeFieldKeys.subregion),
        postal: canonical(placeFieldKeys.postal),
        confidence: canonical(placeFieldKeys.confidence),
        flag: canonical(placeFieldKeys.flag),
      }
    : null;

  const problem = (r: number, code: ProblemCode, field: string | null, value: string, detail: string) => {
    const row = fileRow[r];
    log.add({
      row,
      column: field ? request.headerOf(field) : null,
      code,
      severity: problemSeverity[code]!,
      message: problemText[code]!(value, detail),
      value,
      detail,
    });
    severity[r] = Math.max(severity[r], log.worstOf(row));
  };

  // ---- 0,0 is nowhere: refused, and the address is used instead.
  for (let r = 0; r < rows; r++) {
    if (lat.values[r] === 0 && lon.values[r] === 0) {
      problem(r, 'nullIsland', 'latitude', '0, 0', '');
      lat.values[r] = NaN;
      lon.values[r] = NaN;
      if (precision.codes[r] !== 0) precision.codes[r] = 0;
    }
  }

  // ---- countries and regions, once per distinct value
  const fixes = new Map<string, string>();
  for (const fix of request.placeFixes ?? []) fixes.set(`${fix.field}|${placeKey(fix.value)}`, fix.code);
  const fixed = (field: PlaceTextField, value: string) => fixes.get(`${field}|${placeKey(value)}`);
  const defaultCountry = request.defaultCountry
    ? places
      ? places.country(request.defaultCountry)
      : request.defaultCountry.toUpperCase()
    : null;

  const countryResolved: (Resolved | undefined)[] = [];
  const resolveCountry = (code: number): Resolved => {
    let resolved = countryResolved[code];
    if (!resolved) {
      const value = country!.values[code];
      const fix = fixed('country', value);
      const found = fix !== undefined ? fix : (places?.country(value) ?? null);
      resolved = {
        status: fix !== undefined ? 'fixed' : found ? 'found' : 'notFound',
        code: found ?? '',
        candidates: [],
      };
      countryResolved[code] = resolved;
    }
    return resolved;
  };
  /** Region value code -> country -> resolution. */
  const regionResolved: Map<string, Resolved & { subdivision: Subdivision | null }>[] = [];
  const resolveRegion = (code: number, countryCode: string) => {
    let byCountry = regionResolved[code];
    if (!byCountry) regionResolved[code] = byCountry = new Map();
    let resolved = byCountry.get(countryCode);
    if (!resolved) {
      const value = region!.values[code];
      const fix = fixed('region', value);
      if (fix !== undefined) {
        const subdivision = fix === '' ? null : (places?.byCode(fix) ?? null);
        resolved = { status: 'fixed', code: subdivision?.code ?? '', candidates: [], subdivision };
      } else {
        const match = places ? places.subdivision(countryCode || null, value) : null;
        resolved =
          match === null
            ? { status: 'notFound', code: '', candidates: [], subdivision: null }
            : match.found
              ? { status: 'found', code: match.subdivision.code, candidates: [], subdivision: match.subdivision }
              : { status: 'ambiguous', code: '', candidates: [...match.ambiguous], subdivision: null };
      }
      byCountry.set(countryCode, resolved);
    }
    return resolved;
  };

  // ---- distinct addresses: postal, city, region, country codes, in nested maps (no key string per row)
  const keyOfRow = new Int32Array(rows).fill(-1);
  const addresses: {
    place: Place;
    country: string;
    regionCode: number;
    postalCode: number;
    cityCode: number;
    geocode: boolean;
    military: boolean;
  }[] = [];
  const index = new Map<number, Map<number, Map<number, Map<number, number>>>>();
  const given = new Set(precision.values.slice(1));
  const codeOf = (value: GeoPrecision) => textCode(precision, value);
  for (let r = 0; r < rows; r++) {
    const hasCoordinates = !Number.isNaN(lat.values[r]) && !Number.isNaN(lon.values[r]);
    if (hasCoordinates && (precision.codes[r] === 0 || !given.has(precision.values[precision.codes[r]])))
      // A precision given by the file (an export of ours) is kept; otherwise given coordinates are exact.
      precision.codes[r] = codeOf('exact');
    const a = postal ? postal.codes[r] : 0;
    const b = city ? city.codes[r] : 0;
    const c = region ? region.codes[r] : 0;
    const d = country ? country.codes[r] : 0;
    if (a === 0 && b === 0 && c === 0 && d === 0) {
      if (!hasCoordinates) precision.codes[r] = codeOf('none');
      continue;
    }
    let byCity = index.get(a);
    if (!byCity) index.set(a, (byCity = new Map()));
    let byRegion = byCity.get(b);
    if (!byRegion) byCity.set(b, (byRegion = new Map()));
    let byCountry = byRegion.get(c);
    if (!byCountry) byRegion.set(c, (byCountry = new Map()));
    let at = byCountry.get(d);
    if (at === undefined) {
      at = addresses.length;
      byCountry.set(d, at);
      const countryText = country ? country.values[d] : '';
      const countryCode = d !== 0 ? resolveCountry(d).code : '';
      const regionText = region ? region.values[c] : '';
      const cityText = city ? city.values[b] : '';
      const military =
        MILITARY_CITY.test(placeKey(cityText)) ||
        ((countryCode === 'US' || countryCode === '') && MILITARY_REGION.test(placeKey(regionText)));
      addresses.push({
        place: {
          postalCode: postal ? postal.values[a] : '',
          city: cityText,
          region: regionText,
          // The resolved code, so the geocoder reads the country as the canonical keys do.
          country: countryCode || countryText,
        },
        country: countryCode,
        regionCode: c,
        postalCode: a,
        cityCode: b,
        geocode: false,
        military,
      });
    }
    keyOfRow[r] = at;
    if (!hasCoordinates && !addresses[at].military) addresses[at].geocode = true;
  }

  // ---- geocoding, once per distinct address that has rows without coordinates
  const toGeocode: number[] = [];
  addresses.forEach((a, i) => {
    if (a.geocode) toGeocode.push(i);
  });
  let points: (GeoPoint | null)[] = [];
  if (toGeocode.length > 0) {
    task.progress('geocoding', 0, toGeocode.length);
    points = deps.geocoder
      ? await deps.geocoder.geocodeAll(
          toGeocode.map((i) => addresses[i].place),
          defaultCountry ?? request.defaultCountry ?? null,
        )
      : toGeocode.map(() => null);
    task.progress('geocoding', toGeocode.length, toGeocode.length);
  }
  const pointOf: (GeoPoint | null)[] = new Array(addresses.length).fill(null);
  toGeocode.forEach((at, i) => (pointOf[at] = points[i]));

  // ---- canonical keys of each distinct address
  const FOUND = 1;
  const AMBIGUOUS = 2;
  const NOT_FOUND = 3;
  const postalStatus = new Uint8Array(postal ? postal.values.length : 0);
  const postalKeyOf: string[] = [];
  const cityStatus = new Uint8Array(city ? city.values.length : 0);
  const worsen = (status: Uint8Array, code: number, value: number) => {
    if (status[code] < value) status[code] = value;
  };
  const statusResolved = (status: number, code: string): Resolved => ({
    status: status === NOT_FOUND ? 'notFound' : status === AMBIGUOUS ? 'ambiguous' : 'found',
    code,
    candidates: [],
  });
  const keys = addresses.map((address, i) => {
    const point = pointOf[i];
    let countryCode = address.country || point?.country || '';
    // A region written as an ISO 3166-2 code ("US-TX") names its country when the row names none.
    if (!countryCode && places && address.regionCode !== 0 && !address.place.country) {
      const match = places.subdivision(null, address.place.region ?? '');
      if (match?.found) countryCode = countryOfCode(match.subdivision.code);
    }
    countryCode ||= defaultCountry || '';
    let regionCode = '';
    let subregionCode = '';
    if (places && countryCode) {
      const fromText = address.regionCode !== 0 ? resolveRegion(address.regionCode, countryCode) : null;
      const subdivision = fromText?.subdivision ?? null;
      if (subdivision && subdivision.level === 1) regionCode = subdivision.code;
      else if (subdivision) {
        subregionCode = subdivision.code;
        regionCode = subdivision.parent;
      }
      if (!regionCode && point?.admin1) regionCode = places.byAdmin1(countryCode, point.admin1) ?? '';
    }
    const postalKey = address.place.postalCode
      ? (normalizePostalFor(countryCode || null, address.place.postalCode) ?? '')
      : '';
    if (places && !subregionCode && postalKey) {
      const department = places.subregionOfPostal(countryCode, postalKey);
      if (department) {
        subregionCode = department.code;
        regionCode ||= department.parent;
      }
    }
    const confidence: PlaceConfidence = point ? (point.ambiguous ? 'ambiguousCity' : point.precision) : 'none';
    // How the postal code and the city of the address were understood, for the place step (worst one wins).
    if (address.postalCode !== 0) {
      postalKeyOf[address.postalCode] ||= postalKey;
      worsen(postalStatus, address.postalCode, postalKey ? FOUND : NOT_FOUND);
    }
    if (address.cityCode !== 0 && address.geocode && !address.military)
      worsen(
        cityStatus,
        address.cityCode,
        !point || (point.precision !== 'city' && point.precision !== 'postal')
          ? NOT_FOUND
          : point.ambiguous
            ? AMBIGUOUS
            : FOUND,
      );
    return { countryCode, regionCode, subregionCode, postalKey, confidence, point };
  });

  // ---- rows
  const none = codeOf('none');
  const precisionCodes = new Map<string, number>();
  const reported = new Uint8Array(addresses.length);
  let guessedRows = 0;
  const flaggedRows: Partial<Record<PlaceFlag, number>> = {};
  const poBoxOf: (boolean | undefined)[] = [];
  const codeIn = (column: TextColumn, value: string) => (value === '' ? 0 : textCode(column, value));
  for (let r = 0; r < rows; r++) {
    const at = keyOfRow[r];
    const hasCoordinates = !Number.isNaN(lat.values[r]) && !Number.isNaN(lon.values[r]);
    const address = at >= 0 ? addresses[at] : null;
    const key = at >= 0 ? keys[at] : null;
    let flag: PlaceFlag | null = null;
    if (address?.military) flag = 'military';
    else if (street && street.codes[r] !== 0) {
      const code = street.codes[r];
      const isBox = (poBoxOf[code] ??= PO_BOX.test(placeKey(street.values[code])));
      if (isBox) flag = 'poBox';
    }
    if (flag) {
      flaggedRows[flag] = (flaggedRows[flag] ?? 0) + 1;
      const where = address ? [address.place.city, address.place.region, address.place.postalCode] : [];
      problem(
        r,
        flag === 'military' ? 'militaryAddress' : 'poBox',
        flag === 'military' ? 'city' : 'street',
        flag === 'military' ? where.filter(Boolean).join(', ') : street!.values[street!.codes[r]],
        '',
      );
    }
    let confidence: PlaceConfidence;
    if (hasCoordinates) confidence = 'exact';
    else if (!key || !key.point) {
      confidence = 'none';
      precision.codes[r] = none;
      if (address && deps.geocoder && !address.military) {
        const place = address.place;
        const where = [place.postalCode, place.city, place.region, place.country].filter(Boolean).join(', ');
        if (where !== '') {
          log.add({
            row: fileRow[r],
            column: null,
            code: 'notGeocoded',
            severity: 'notice',
            message: `No place found for ${where}: the record has no coordinates`,
            value: where,
          });
          severity[r] = Math.max(severity[r], log.worstOf(fileRow[r]));
        }
      }
    } else {
      const point = key.point;
      lat.values[r] = point.latitude;
      lon.values[r] = point.longitude;
      let code = precisionCodes.get(point.precision);
      if (code === undefined) precisionCodes.set(point.precision, (code = codeOf(point.precision)));
      precision.codes[r] = code;
      confidence = key.confidence;
    }
    if (guessedConfidences.includes(confidence) && (address || !hasCoordinates)) guessedRows++;
    if (out) {
      out.confidence.codes[r] = codeIn(out.confidence, confidence);
      out.flag.codes[r] = flag ? codeIn(out.flag, flag) : 0;
      if (key) {
        out.country.codes[r] = codeIn(out.country, key.countryCode);
        out.region.codes[r] = codeIn(out.region, key.regionCode);
        out.subregion.codes[r] = codeIn(out.subregion, key.subregionCode);
        out.postal.codes[r] = codeIn(out.postal, key.postalKey);
      }
    }
    // Unknown and ambiguous values: one problem per row, so the planner sees which rows hold them.
    if (places && address && reported[at] !== 2) {
      let any = false;
      if (country && country.codes[r] !== 0) {
        const resolved = resolveCountry(country.codes[r]);
        if (resolved.status === 'notFound') {
          problem(r, 'unknownPlace', 'country', country.values[country.codes[r]], 'country');
          any = true;
        }
      }
      if (region && region.codes[r] !== 0 && key?.countryCode) {
        const resolved = resolveRegion(region.codes[r], key.countryCode);
        if (resolved.status === 'notFound' && !address.military) {
          problem(r, 'unknownPlace', 'region', region.values[region.codes[r]], 'region');
          any = true;
        } else if (resolved.status === 'ambiguous') {
          problem(r, 'ambiguousPlace', 'region', region.values[region.codes[r]], resolved.candidates.join(', '));
          any = true;
        }
      }
      if (!any) reported[at] = 2;
    }
  }

  return {
    written,
    report: places
      ? placeReport(
          request,
          { country, region, postalCode: postal, city },
          fileRow,
          rows,
          {
            country: resolveCountry,
            region: (code) => {
              // A region value is reported by its resolution in the first country its rows have.
              const byCountry = regionResolved[code];
              return byCountry ? [...byCountry.values()][0] : undefined;
            },
            postalCode: (code) => statusResolved(postalStatus[code], postalKeyOf[code] ?? ''),
            city: (code) => statusResolved(cityStatus[code], ''),
          },
          guessedRows,
          flaggedRows,
        )
      : null,
  };
}

function placeReport(
  request: LocateRequest,
  columns: Partial<Record<PlaceReportField, TextColumn>>,
  fileRow: Uint32Array,
  rows: number,
  resolvedOf: Record<PlaceReportField, (code: number) => Resolved | undefined>,
  guessedRows: number,
  flaggedRows: Partial<Record<PlaceFlag, number>>,
): PlaceReport {
  const report: PlaceReport = { columns: [], guessedRows, flaggedRows };
  for (const field of placeReportFields) {
    const column = columns[field];
    const header = request.headerOf(field);
    if (!column || header === null) continue;
    const counts = new Uint32Array(column.values.length);
    const firstRows: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const code = column.codes[r];
      if (code === 0) continue;
      counts[code]++;
      const list = (firstRows[code] ??= []);
      if (list.length < 5) list.push(fileRow[r]);
    }
    const values: PlaceValueReport[] = [];
    let found = 0;
    let notFound = 0;
    let ambiguous = 0;
    for (let code = 1; code < column.values.length; code++) {
      if (counts[code] === 0) continue;
      const resolved = resolvedOf[field](code) ?? { status: 'notFound' as const, code: '', candidates: [] };
      if (resolved.status === 'notFound') notFound++;
      else if (resolved.status === 'ambiguous') ambiguous++;
      else found++;
      values.push({
        value: column.values[code],
        status: resolved.status,
        code: resolved.code,
        candidates: resolved.candidates,
        rows: counts[code],
        firstRows: firstRows[code] ?? [],
      });
    }
    const rank = { notFound: 0, ambiguous: 1, fixed: 2, found: 3 } as const;
    values.sort((a, b) => rank[a.status] - rank[b.status] || b.rows - a.rows || a.value.localeCompare(b.value));
    report.columns.push({ field, header, found, notFound, ambiguous, values: values.slice(0, MAX_PLACE_VALUES) });
  }
  return report;
}
