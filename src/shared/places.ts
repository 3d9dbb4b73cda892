/**
 * Canonical places: what every record carries beside the place text its file gave, and the one text folding used by
 * rules, filters and search. Rules, filters, "Start from data", the map, balancing and exports read these keys;
 * the text columns (country, region, postalCode, city) are kept for display only.
 *
 * Field keys of the canonical place columns (text dictionary columns of every located record kind):
 * - `countryCode`     ISO 3166-1 alpha-2 ("DE", "US"), upper case; empty when the country is unknown.
 * - `regionCode`      ISO 3166-2 first-level subdivision ("US-DE", "DE-BY", "FR-IDF", "GB-SCT", "CA-ON").
 * - `subregionCode`   ISO 3166-2 second-level subdivision where it is known ("FR-75C" from a Paris postal code,
 *                     "ES-B", "IT-MI", "GB-KEN"); its first-level parent is in `regionCode`.
 * - `postalKey`       the postal code normalised for its country: US ZIP5 (from ZIP+4), Canadian FSA ("K1A"),
 *                     5 digits in FR/DE/ES/IT, GB outward code ("SW1A"), 4 digits in NL; other countries upper
 *                     case without spaces.
 * - `placeConfidence` how sure the location is: one of {@link placeConfidences}.
 * - `placeFlag`       "military" (APO/DPO/FPO, AA/AE/AP) or "poBox"; empty otherwise.
 */
import { z } from 'zod';
import { foldText } from './conditions';

export const placeFieldKeys = {
  country: 'countryCode',
  region: 'regionCode',
  subregion: 'subregionCode',
  postal: 'postalKey',
  confidence: 'placeConfidence',
  flag: 'placeFlag',
} as const;
export type PlaceFieldKey = (typeof placeFieldKeys)[keyof typeof placeFieldKeys];
export const canonicalPlaceKeys: readonly PlaceFieldKey[] = Object.values(placeFieldKeys);

/**
 * How the record's location was found, from the surest to none:
 * exact (coordinates given), postal (postal code centroid), city, ambiguousCity (several places of that name in
 * the country and nothing narrows it: the first was taken), region, country, none.
 */
export const placeConfidences = ['exact', 'postal', 'city', 'ambiguousCity', 'region', 'country', 'none'] as const;
export type PlaceConfidence = (typeof placeConfidences)[number];
/** Confidences that are guesses a planner should check. */
export const guessedConfidences: readonly PlaceConfidence[] = ['ambiguousCity', 'region', 'country', 'none'];

export const placeFlags = ['military', 'poBox'] as const;
export type PlaceFlag = (typeof placeFlags)[number];

export const ISO_COUNTRY = /^[A-Z]{2}$/;
/** "US-CA", "FR-75C", "GB-KEN", "AT-9", "FR-971". */
export const ISO_SUBDIVISION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** The country of an ISO 3166-1 or 3166-2 code: "US-CA" -> "US", "FR" -> "FR". */
export function countryOfCode(code: string): string {
  return code.slice(0, 2);
}

// ------------------------------------------------------------------------------------------ text folding

/** The one text folding lives with the conditions that use it; place keys build on it. */
export { foldText } from './conditions';

/**
 * The key place names are looked up by: foldText, and every other punctuation as a space ("U.S.A." -> "u s a",
 * "St. Gallen" -> "st gallen"). Letters of every script are kept ("東京", "Москва").
 */
export function placeKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ------------------------------------------------------------------------------------------ postal codes

const DIGITS5 = /^\d{5}$/;

/**
 * A postal code normalised for its country (see `postalKey` above); null when it cannot be one of that
 * country's codes. Without a country: upper case, no spaces or hyphens, ZIP+4 cut to 5 digits.
 */
export function normalizePostalFor(country: string | null, raw: string): string | null {
  const text = raw.trim().toUpperCase();
  if (text === '') return null;
  const compact = text.replace(/[\s\-.]+/g, '');
  switch (country) {
    case 'US': {
      const m = /^(\d{3,5})(?:-?\d{4})?$/.exec(text.replace(/\s+/g, ''));
      return m ? m[1].padStart(5, '0') : null;
    }
    case 'CA': {
      const m = /^([A-Z]\d[A-Z])(\d[A-Z]\d)?$/.exec(compact);
      return m ? m[1] : null;
    }
    case 'FR':
    case 'DE':
    case 'ES':
    case 'IT': {
      const digits = compact.replace(/^(F|D|E|I|FR|DE|ES|IT)(?=\d)/, '');
      if (DIGITS5.test(digits)) return digits;
      // Spreadsheets drop leading zeros ("1000" for 01000).
      return /^\d{4}$/.test(digits) ? digits.padStart(5, '0') : null;
    }
    case 'GB': {
      const m = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})?$/.exec(text);
      return m ? m[1] : null;
    }
    case 'NL': {
      const m = /^(\d{4})\s*([A-Z]{2})?$/.exec(text);
      return m ? m[1] : null;
    }
    case 'BE':
    case 'CH':
    case 'AT':
    case 'DK':
    case 'NO':
      return /^\d{4}$/.test(compact) ? compact : null;
    default: {
      const zip = /^(\d{5})-\d{4}$/.exec(text);
      return zip ? zip[1] : compact;
    }
  }
}

// ------------------------------------------------------------------------------------------ import fix-ups

/** The place text columns whose values the import resolves and reports. */
export const placeTextFields = ['country', 'region'] as const;
export type PlaceTextField = (typeof placeTextFields)[number];

/**
 * A planner's answer for a value the import could not resolve, or resolved wrong: "Belgique" -> BE,
 * "Bavaria" -> DE-BY. Remembered with the mapping profile. An empty code means "not a place" (left unresolved).
 */
export const placeFixSchema = z.strictObject({
  field: z.enum(placeTextFields),
  value: z.string().max(200),
  code: z.union([z.string().max(2).regex(ISO_COUNTRY), z.string().max(12).regex(ISO_SUBDIVISION), z.literal('')]),
});
export type PlaceFix = z.infer<typeof placeFixSchema>;

export type PlaceValueStatus = 'found' | 'fixed' | 'notFound' | 'ambiguous';

/** One distinct value of a place column, as the import resolved it. */
export interface PlaceValueReport {
  value: string;
  status: PlaceValueStatus;
  /** The ISO code it resolved to ('' when not found or ambiguous); the postal key of a postal code; '' for a city. */
  code: string;
  /** For an ambiguous value: the codes it could be. */
  candidates: string[];
  /** Rows holding the value. */
  rows: number;
  /** The first rows (file row numbers) holding it. */
  firstRows: number[];
}

/**
 * The place columns the wizard's place step reports: country and region resolve to ISO codes (and take fix-ups);
 * a postal code is found when it is one of its country's codes; a city when the geocoder found it (ambiguous when
 * several places of the country share the name).
 */
export const placeReportFields = ['country', 'region', 'postalCode', 'city'] as const;
export type PlaceReportField = (typeof placeReportFields)[number];

/** The wizard's place step: per place column, its distinct values and how each resolved. */
export interface PlaceReport {
  columns: {
    field: PlaceReportField;
    header: string;
    found: number;
    notFound: number;
    ambiguous: number;
    /** Every distinct value, unresolved ones first, then by rows (at most MAX_PLACE_VALUES). */
    values: PlaceValueReport[];
  }[];
  /** Rows whose location is a guess (ambiguous city, region or country centroid, none). */
  guessedRows: number;
  /** Rows flagged as military or PO-box addresses. */
  flaggedRows: Partial<Record<PlaceFlag, number>>;
}

export const MAX_PLACE_VALUES = 2_000;
