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
  /** False: no place report (PrepareRequest.placeReport). */
  placeReport?: boolean;
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

  // ---- distinct addresses: by their postal, city, region and country codes (no key string or number per row)
  const keyOfRow = new Int32Array(rows).fill(-1);
  const addresses: {
    /** The resolved country code, else ''. */
    country: string;
    countryTextCode: number;
    regionCode: number;
    postalCode: number;
    cityCode: number;
    geocode: boolean;
    military: boolean;
  }[] = [];
  // Sized for one address per row (a CRM export's addresses are mostly distinct): no rehashing as it fills.
  const index = new AddressIndex(rows);
  const given = new Set(precision.values.slice(1));
  const codeOf = (value: GeoPrecision) => textCode(precision, value);
  let exactCode = -1;
  // Military by city and by region, folded once per distinct value (0 not yet known, 1 no, 2 yes).
  const militaryCity = new Uint8Array(city ? city.values.length : 1);
  const militaryRegion = new Uint8Array(region ? region.values.length : 1);
  for (let r = 0; r < rows; r++) {
    const hasCoordinates = !Number.isNaN(lat.values[r]) && !Number.isNaN(lon.values[r]);
    if (hasCoordinates && (precision.codes[r] === 0 || !given.has(precision.values[precision.codes[r]])))
      // A precision given by the file (an export of ours) is kept; otherwise given coordinates are exact.
      precision.codes[r] = exactCode < 0 ? (exactCode = codeOf('exact')) : exactCode;
    const a = postal ? postal.codes[r] : 0;
    const b = city ? city.codes[r] : 0;
    const c = region ? region.codes[r] : 0;
    const d = country ? country.codes[r] : 0;
    if (a === 0 && b === 0 && c === 0 && d === 0) {
      if (!hasCoordinates) precision.codes[r] = codeOf('none');
      continue;
    }
    const at = index.add(a, b, c, d, addresses.length);
    if (at === addresses.length) {
      const countryCode = d !== 0 ? resolveCountry(d).code : '';
      militaryCity[b] ||= MILITARY_CITY.test(placeKey(city ? city.values[b] : '')) ? 2 : 1;
      if ((countryCode === 'US' || countryCode === '') && militaryRegion[c] === 0)
        militaryRegion[c] = MILITARY_REGION.test(placeKey(region ? region.values[c] : '')) ? 2 : 1;
      const military =
        militaryCity[b] === 2 || ((countryCode === 'US' || countryCode === '') && militaryRegion[c] === 2);
      addresses.push({
        country: countryCode,
        countryTextCode: d,
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
  /** The place of an address as the geocoder reads it (made when needed: most addresses are never geocoded). */
  const placeOf = (address: (typeof addresses)[number]): Place => ({
    postalCode: postal ? postal.values[address.postalCode] : '',
    city: city ? city.values[address.cityCode] : '',
    region: region ? region.values[address.regionCode] : '',
    // The resolved code, so the geocoder reads the country as the canonical keys do.
    country: address.country || (country ? country.values[address.countryTextCode] : ''),
  });

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
          toGeocode.map((i) => placeOf(addresses[i])),
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
  /**
   * Per country code, the postal key of each postal code value and its code in the canonical column: normalised and
   * looked up once per value and country (hundreds of thousands of postal codes: arrays as long as the dictionary,
   * never filled out of order into a sparse array or looked up in a Map of keys per address).
   */
  const postalKeys = new Map<string, { keys: (string | undefined)[]; out: Int32Array }>();
  const postalOf = (countryCode: string) => {
    let byCode = postalKeys.get(countryCode);
    if (!byCode) {
      const size = postal!.values.length;
      byCode = {
        keys: new Array<string | undefined>(size).fill(undefined),
        out: new Int32Array(out ? size : 0).fill(-1),
      };
      postalKeys.set(countryCode, byCode);
    }
    return byCode;
  };
  const postalKeyOfValue = (countryCode: string, code: number) => {
    const { keys } = postalOf(countryCode);
    return (keys[code] ??= normalizePostalFor(countryCode || null, postal!.values[code]) ?? '');
  };
  const keyOf = (address: (typeof addresses)[number], point: GeoPoint | null) => {
    let countryCode = address.country || point?.country || '';
    // A region written as an ISO 3166-2 code ("US-TX") names its country when the row names none.
    if (!countryCode && places && address.regionCode !== 0 && (!country || address.countryTextCode === 0)) {
      const match = places.subdivision(null, region!.values[address.regionCode]);
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
    const postalKey = address.postalCode !== 0 ? postalKeyOfValue(countryCode, address.postalCode) : '';
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
    return { countryCode, regionCode, subregionCode, postalKey, confidence };
  };

  // ---- what every row of an address gets, decided once per address
  const none = codeOf('none');
  const codeIn = (column: TextColumn, value: string) => (value === '' ? 0 : textCode(column, value));
  const precisionCodes = new Map<string, number>();
  const confidenceCodes = new Map<PlaceConfidence, number>();
  const confidenceCode = (confidence: PlaceConfidence) => {
    let code = confidenceCodes.get(confidence);
    if (code === undefined) confidenceCodes.set(confidence, (code = out ? codeIn(out.confidence, confidence) : 0));
    return code;
  };
  const count = addresses.length;
  /** Per address: precision code of its point (-1 without one), its latitude and longitude, its confidence code. */
  const addressPrecision = new Int32Array(count).fill(-1);
  const addressLat = new Float64Array(count);
  const addressLon = new Float64Array(count);
  const addressConfidence = new Uint32Array(count);
  const addressGuessed = new Uint8Array(count);
  /** Per address, the four canonical codes (country, region, subregion, postal) in the output columns. */
  const canonicalCodes = out ? new Uint32Array(count * 4) : null;
  /** Per address, what each of its rows must be told (unknown or ambiguous country or region); null if nothing. */
  const addressProblems: ({ code: ProblemCode; field: string; value: string; detail: string }[] | null)[] = [];
  /** For an address that has a place but no point, the "not geocoded" text of its rows; '' if none is due. */
  const notGeocoded = (address: (typeof addresses)[number]) => {
    if (!deps.geocoder || address.military) return '';
    const place = placeOf(address);
    return [place.postalCode, place.city, place.region, place.country].filter(Boolean).join(', ');
  };
  addresses.forEach((address, at) => {
    const point = pointOf[at];
    const key = keyOf(address, point);
    if (point) {
      let code = precisionCodes.get(point.precision);
      if (code === undefined) precisionCodes.set(point.precision, (code = codeOf(point.precision)));
      addressPrecision[at] = code;
      addressLat[at] = point.latitude;
      addressLon[at] = point.longitude;
      addressConfidence[at] = confidenceCode(key.confidence);
      addressGuessed[at] = guessedConfidences.includes(key.confidence) ? 1 : 0;
    }
    if (out && canonicalCodes) {
      canonicalCodes[at * 4] = codeIn(out.country, key.countryCode);
      canonicalCodes[at * 4 + 1] = codeIn(out.region, key.regionCode);
      canonicalCodes[at * 4 + 2] = codeIn(out.subregion, key.subregionCode);
      if (address.postalCode === 0) canonicalCodes[at * 4 + 3] = codeIn(out.postal, key.postalKey);
      else {
        const codes = postalOf(key.countryCode).out;
        if (codes[address.postalCode] < 0) codes[address.postalCode] = codeIn(out.postal, key.postalKey);
        canonicalCodes[at * 4 + 3] = codes[address.postalCode];
      }
    }
    let told: { code: ProblemCode; field: string; value: string; detail: string }[] | null = null;
    if (places && country && address.countryTextCode !== 0) {
      if (resolveCountry(address.countryTextCode).status === 'notFound')
        (told ??= []).push({
          code: 'unknownPlace',
          field: 'country',
          value: country.values[address.countryTextCode],
          detail: 'country',
        });
    }
    if (places && region && address.regionCode !== 0 && key.countryCode) {
      const resolved = resolveRegion(address.regionCode, key.countryCode);
      const value = region.values[address.regionCode];
      if (resolved.status === 'notFound' && !address.military)
        (told ??= []).push({ code: 'unknownPlace', field: 'region', value, detail: 'region' });
      else if (resolved.status === 'ambiguous')
        (told ??= []).push({ code: 'ambiguousPlace', field: 'region', value, detail: resolved.candidates.join(', ') });
    }
    addressProblems[at] = told;
  });

  // ---- rows: copying what their address decided
  const reporting = places !== null && request.placeReport !== false;
  const reportColumns = reporting
    ? placeReportFields.flatMap((field) => {
        const column = ({ country, region, postalCode: postal, city } as const)[field];
        return column && request.headerOf(field) !== null ? [{ field, column }] : [];
      })
    : [];
  const valueRows = reportColumns.map(({ column }) => new Uint32Array(column.values.length));
  const firstRows = reportColumns.map(({ column }) => new Uint32Array(column.values.length * FIRST_ROWS));
  const exact = confidenceCode('exact');
  const noConfidence = confidenceCode('none');
  const flagCodes = new Map<PlaceFlag, number>();
  let guessedRows = 0;
  const flaggedRows: Partial<Record<PlaceFlag, number>> = {};
  const poBoxOf: (boolean | undefined)[] = [];
  for (let r = 0; r < rows; r++) {
    const at = keyOfRow[r];
    const hasCoordinates = !Number.isNaN(lat.values[r]) && !Number.isNaN(lon.values[r]);
    const address = at >= 0 ? addresses[at] : null;
    let flag: PlaceFlag | null = null;
    if (address?.military) flag = 'military';
    else if (street && street.codes[r] !== 0) {
      const code = street.codes[r];
      const isBox = (poBoxOf[code] ??= PO_BOX.test(placeKey(street.values[code])));
      if (isBox) flag = 'poBox';
    }
    if (flag) {
      flaggedRows[flag] = (flaggedRows[flag] ?? 0) + 1;
      const place = address ? placeOf(address) : null;
      const where = place ? [place.city, place.region, place.postalCode] : [];
      problem(
        r,
        flag === 'military' ? 'militaryAddress' : 'poBox',
        flag === 'military' ? 'city' : 'street',
        flag === 'military' ? where.filter(Boolean).join(', ') : street!.values[street!.codes[r]],
        '',
      );
    }
    let confidence: number;
    if (hasCoordinates) confidence = exact;
    else if (at < 0 || addressPrecision[at] < 0) {
      confidence = noConfidence;
      precision.codes[r] = none;
      guessedRows++;
      const where = at >= 0 ? notGeocoded(addresses[at]) : '';
      if (where) {
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
    } else {
      lat.values[r] = addressLat[at];
      lon.values[r] = addressLon[at];
      precision.codes[r] = addressPrecision[at];
      confidence = addressConfidence[at];
      guessedRows += addressGuessed[at];
    }
    if (out && canonicalCodes) {
      out.confidence.codes[r] = confidence;
      if (flag) {
        let code = flagCodes.get(flag);
        if (code === undefined) flagCodes.set(flag, (code = codeIn(out.flag, flag)));
        out.flag.codes[r] = code;
      }
      if (at >= 0) {
        out.country.codes[r] = canonicalCodes[at * 4];
        out.region.codes[r] = canonicalCodes[at * 4 + 1];
        out.subregion.codes[r] = canonicalCodes[at * 4 + 2];
        out.postal.codes[r] = canonicalCodes[at * 4 + 3];
      }
    }
    // Unknown and ambiguous values: one problem per row, so the planner sees which rows hold them.
    const told = at >= 0 ? addressProblems[at] : null;
    if (told) for (const p of told) problem(r, p.code, p.field, p.value, p.detail);
  }
  countValues(
    reportColumns.map(({ column }) => column.codes),
    valueRows,
    firstRows,
    fileRow,
    rows,
  );

  const resolvedOf: Record<PlaceReportField, (code: number) => Resolved | undefined> = {
    country: resolveCountry,
    region: (code) => {
      // A region value is reported by its resolution in the first country its rows have.
      const byCountry = regionResolved[code];
      return byCountry ? [...byCountry.values()][0] : undefined;
    },
    postalCode: (code) => statusResolved(postalStatus[code], postalKeyOf[code] ?? ''),
    city: (code) => statusResolved(cityStatus[code], ''),
  };
  return {
    written,
    report: reporting
      ? {
          columns: reportColumns.map(({ field, column }, i) =>
            columnReport(field, request.headerOf(field)!, column, valueRows[i], firstRows[i], resolvedOf[field]),
          ),
          guessedRows,
          flaggedRows,
        }
      : null,
  };
}

/**
 * Distinct addresses by their four dictionary codes (postal code, city, region, country): open addressing over
 * typed arrays. A Map keyed by the codes folded into one number held hundreds of thousands of keys above the small
 * integers V8 keeps unboxed, each a heap number hashed and compared by value; here a key is four 32-bit integers.
 */
export class AddressIndex {
  /** Four codes per slot. */
  private keys: Uint32Array;
  /** The address of each slot, -1 when free. */
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Uint32Array(slots * 4);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  private slotOf(a: number, b: number, c: number, d: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & this.mask;
    const { keys, values } = this;
    while (values[slot] !== -1) {
      const at = slot * 4;
      if (keys[at] === a && keys[at + 1] === b && keys[at + 2] === c && keys[at + 3] === d) return slot;
      slot = (slot + 1) & this.mask;
    }
    return slot;
  }

  /** The address of these codes; `next` (stored for them) if they have none yet. */
  add(a: number, b: number, c: number, d: number, next: number): number {
    const slot = this.slotOf(a, b, c, d);
    if (this.values[slot] !== -1) return this.values[slot];
    const at = slot * 4;
    this.keys[at] = a;
    this.keys[at + 1] = b;
    this.keys[at + 2] = c;
    this.keys[at + 3] = d;
    this.values[slot] = next;
    if (++this.size * 2 > this.values.length) this.grow();
    return next;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] === -1) continue;
      const at = slot * 4;
      const [a, b, c, d] = [keys[at], keys[at + 1], keys[at + 2], keys[at + 3]];
      const to = this.slotOf(a, b, c, d);
      this.keys[to * 4] = a;
      this.keys[to * 4 + 1] = b;
      this.keys[to * 4 + 2] = c;
      this.keys[to * 4 + 3] = d;
      this.values[to] = values[slot];
    }
  }
}

/** Rows listed for each value of the place step. */
const FIRST_ROWS = 5;

/**
 * Rows per value of each place column, and the first FIRST_ROWS file rows of each value: one pass over the rows,
 * over typed arrays only (a small monomorphic loop the JIT keeps tight).
 */
function countValues(
  codes: Uint32Array[],
  valueRows: Uint32Array[],
  firstRows: Uint32Array[],
  fileRow: Uint32Array,
  rows: number,
): void {
  const columns = codes.length;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < columns; i++) {
      const code = codes[i][r];
      if (code === 0) continue;
      const seen = ++valueRows[i][code];
      if (seen <= FIRST_ROWS) firstRows[i][code * FIRST_ROWS + seen - 1] = fileRow[r];
    }
  }
}

/** One column of the place step: its distinct values with how each resolved, worst first. */
function columnReport(
  field: PlaceReportField,
  header: string,
  column: TextColumn,
  valueRows: Uint32Array,
  firstRows: Uint32Array,
  resolvedOf: (code: number) => Resolved | undefined,
): PlaceReport['columns'][number] {
  const codes: number[] = [];
  const statuses: Resolved[] = [];
  let found = 0;
  let notFound = 0;
  let ambiguous = 0;
  for (let code = 1; code < column.values.length; code++) {
    if (valueRows[code] === 0) continue;
    const resolved = resolvedOf(code) ?? { status: 'notFound' as const, code: '', candidates: [] };
    if (resolved.status === 'notFound') notFound++;
    else if (resolved.status === 'ambiguous') ambiguous++;
    else found++;
    codes.push(code);
    statuses[code] = resolved;
  }
  const rank = { notFound: 0, ambiguous: 1, fixed: 2, found: 3 } as const;
  // Only the first MAX_PLACE_VALUES are listed: chosen without sorting every value (a million postal codes).
  const listed = firstSorted(
    codes,
    (a, b) =>
      rank[statuses[a].status] - rank[statuses[b].status] ||
      valueRows[b] - valueRows[a] ||
      column.values[a].localeCompare(column.values[b]),
    MAX_PLACE_VALUES,
  );
  const values: PlaceValueReport[] = listed.map((code) => {
    const resolved = statuses[code];
    const rows = valueRows[code];
    return {
      value: column.values[code],
      status: resolved.status,
      code: resolved.code,
      candidates: resolved.candidates,
      rows,
      firstRows: [...firstRows.subarray(code * FIRST_ROWS, code * FIRST_ROWS + Math.min(rows, FIRST_ROWS))],
    };
  });
  return { field, header, found, notFound, ambiguous, values };
}

/**
 * The first `limit` items in the order a stable sort by `compare` gives them, without sorting them all: a bounded
 * heap keeps the best `limit` seen so far, so most items cost one comparison with its top (n log limit at worst,
 * against n log n for a sort).
 */
export function firstSorted<T>(items: readonly T[], compare: (a: T, b: T) => number, limit: number): T[] {
  if (items.length <= limit) return [...items].sort(compare);
  if (limit <= 0) return [];
  // Ties keep the items' order, as a stable sort does: an item comes after another if it compares after it or
  // compares equal and comes later.
  const after = (i: number, j: number) => {
    const c = compare(items[i], items[j]);
    return c > 0 || (c === 0 && i > j);
  };
  /** Max-heap of item indices: the worst kept item at the top. */
  const heap: number[] = [];
  const siftUp = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!after(heap[at], heap[parent])) return;
      [heap[at], heap[parent]] = [heap[parent], heap[at]];
      at = parent;
    }
  };
  const siftDown = (at: number) => {
    for (;;) {
      const left = at * 2 + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && after(heap[right], heap[left]) ? right : left;
      if (!after(heap[child], heap[at])) return;
      [heap[at], heap[child]] = [heap[child], heap[at]];
      at = child;
    }
  };
  for (let i = 0; i < items.length; i++) {
    if (heap.length < limit) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (after(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((i, j) => (after(i, j) ? 1 : -1)).map((i) => items[i]);
}
