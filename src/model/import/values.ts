/**
 * Reading cell text as typed values. Formats are decided per column from the data (a French export writes
 * "1 234,50 €" and "05/03/2026"), and what the data cannot decide (is "05/03/2026" the 5th of March or the 3rd
 * of May?) is reported as an ambiguity for the planner to settle. Nothing is ever evaluated: "=1+2" is text.
 */
import type { FieldType } from '../../shared/domain';
import type { DateOrder, DecimalSeparator, ValueFormat } from './types';

const CURRENCY_SYMBOLS = /^[$€£¥₹₩₽₺]|[$€£¥₹₩₽₺]$/;
const CURRENCY_CODES =
  /^(USD|EUR|GBP|CHF|CAD|AUD|JPY|CNY|SEK|NOK|DKK|PLN|CZK|MXN|BRL|INR)\s*|\s*(USD|EUR|GBP|CHF|CAD|AUD|JPY|CNY|SEK|NOK|DKK|PLN|CZK|MXN|BRL|INR)$/i;
/** Spaces that thousands separators take: space, no-break space, narrow no-break space, apostrophes (Swiss). */
const GROUPING = /[\s\u00a0\u202f'’]/g;

/** True when the text is plain ASCII digits with at most one decimal separator and a leading minus. */
function isPlainNumber(text: string, decimal: number): boolean {
  const n = text.length;
  if (n === 0 || n > 20) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let digits = 0;
  let seenDecimal = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === decimal && !seenDecimal && digits > 0) seenDecimal = true;
    else return false;
  }
  return digits > 0 && text.charCodeAt(n - 1) !== decimal;
}

const CANONICAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Money or plain number as written; NaN when the text is not a number. Empty text is NaN too. */
export function parseNumber(raw: string, decimal: DecimalSeparator): number {
  if (isPlainNumber(raw, decimal === '.' ? 46 : 44)) return Number(decimal === '.' ? raw : raw.replace(',', '.'));
  let text = raw.trim();
  if (text === '') return NaN;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(CURRENCY_CODES, '').replace(CURRENCY_SYMBOLS, '').trim();
  if (text.endsWith('%')) text = text.slice(0, -1).trim();
  text = text.replace(CURRENCY_SYMBOLS, '').trim();
  if (text.startsWith('+')) text = text.slice(1);
  text = text.replace(GROUPING, '');
  if (decimal === '.') text = text.replace(/,(?=\d{3}(\D|$))/g, '');
  else text = text.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!CANONICAL.test(text)) return NaN;
  const value = Number(text);
  return negative ? -value : value;
}

export function hasCurrency(raw: string): boolean {
  const text = raw.trim();
  return CURRENCY_SYMBOLS.test(text) || CURRENCY_CODES.test(text);
}

const SYMBOL_CURRENCY: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
};

/**
 * The ISO currency a money cell names ("USD 1,200", "1 200 €", "$5,000"), upper case; null when it names none.
 * "$" is read as US dollars.
 */
export function currencyOf(raw: string): string | null {
  const text = raw.trim();
  const code = CURRENCY_CODES.exec(text);
  if (code) return (code[1] ?? code[2]).toUpperCase();
  const symbol = CURRENCY_SYMBOLS.exec(text.replace(/^\(|\)$/g, '').trim());
  return symbol ? (SYMBOL_CURRENCY[symbol[0]] ?? null) : null;
}

/** What one value says about the decimal separator: '.', ',', or 'either' ("1,234" or "1.234"). */
function decimalEvidence(raw: string): DecimalSeparator | 'either' | null {
  const text = raw.trim().replace(/[^\d.,]/g, '');
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  if (dot < 0 && comma < 0) return null;
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const sep = dot >= 0 ? '.' : ',';
  const other: DecimalSeparator = sep === '.' ? ',' : '.';
  const parts = text.split(sep);
  if (parts.length > 2) return other; // "1.234.567": grouping, so the decimal is the other one
  if (/^\d{1,3}$/.test(parts[0]) && /^\d{3}$/.test(parts[1]) && parts[0] !== '0') return 'either';
  return sep;
}

const ISO_DATE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MONTH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, h, m, s);
  // Date.UTC rolls 31/02 over into March: refuse it.
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "2026-03-05" without regex or Date objects: most CRM exports write dates this way, a million times. */
function isoDay(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    if (i < 4) year = year * 10 + d;
    else if (i < 7) month = month * 10 + d;
    else day = day * 10 + d;
  }
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000;
}

/** A date as epoch milliseconds (UTC); NaN when not a date in that order. ISO dates are read in any order. */
export function parseDate(raw: string, order: DateOrder): number {
  const fast = isoDay(raw);
  if (!Number.isNaN(fast)) return fast;
  const text = raw.trim();
  let match = ISO_DATE.exec(text);
  if (match) {
    return utc(
      Number(match[1]),
      Number(match[2]),
      Number(match[3]),
      Number(match[4] ?? 0),
      Number(match[5] ?? 0),
      Number(match[6] ?? 0),
    );
  }
  match = DAY_MONTH.exec(text);
  if (!match || order === 'ymd') return NaN;
  const a = Number(match[1]);
  const b = Number(match[2]);
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return utc(fullYear(match[3]), month, day, Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0));
}

export interface ColumnFormat {
  format: ValueFormat;
  /** The data fits more than one reading. */
  ambiguousDecimal: boolean;
  ambiguousDateOrder: boolean;
  /** The data itself decided the decimal separator / the date order (not the hint). */
  decidedDecimal: boolean;
  decidedDateOrder: boolean;
  /** Values that fit several readings, to show the planner. */
  examples: string[];
}

/**
 * A vote between two readings of a column's values: values only the first or only the second reading fits, and
 * values both fit (a few kept, to show the planner).
 */
interface Vote {
  first: number;
  second: number;
  either: number;
  examples: string[];
}

const newVote = (): Vote => ({ first: 0, second: 0, either: 0, examples: [] });

function voteEither(vote: Vote, text: string): void {
  vote.either++;
  if (vote.examples.length < 3) vote.examples.push(text);
}

/** The reading with more votes (`hint` on a tie); ambiguous when every value fits both. */
function outcome<T>(vote: Vote, first: T, second: T, hint: T) {
  return {
    reading: vote.first === vote.second ? hint : vote.first > vote.second ? first : second,
    ambiguous: vote.first === 0 && vote.second === 0 && vote.either > 0,
    decided: vote.first !== vote.second,
  };
}

/** Decides how a column's values are written, from a sample of them; `hint` breaks ties (from the delimiter). */
export function detectColumnFormat(values: readonly string[], hint: ValueFormat): ColumnFormat {
  const decimalVote = newVote(); // '.' or ','
  const dateVote = newVote(); // day first or month first
  for (const raw of values) {
    const text = raw.trim();
    if (text === '') continue;
    const day = DAY_MONTH.exec(text);
    if (day) {
      const a = Number(day[1]);
      const b = Number(day[2]);
      if (a > 12 && b <= 12) dateVote.first++;
      else if (b > 12 && a <= 12) dateVote.second++;
      else if (a !== b && a <= 12 && b <= 12) voteEither(dateVote, text);
      continue;
    }
    if (ISO_DATE.test(text)) continue;
    const evidence = decimalEvidence(text);
    if (evidence === '.') decimalVote.first++;
    else if (evidence === ',') decimalVote.second++;
    else if (evidence === 'either') voteEither(decimalVote, text);
  }
  const decimal = outcome<DecimalSeparator>(decimalVote, '.', ',', hint.decimalSeparator);
  const date = outcome<DateOrder>(dateVote, 'dmy', 'mdy', hint.dateOrder);
  return {
    format: { decimalSeparator: decimal.reading, dateOrder: date.reading },
    ambiguousDecimal: decimal.ambiguous,
    ambiguousDateOrder: date.ambiguous,
    decidedDecimal: decimal.decided,
    decidedDateOrder: date.decided,
    examples: date.ambiguous ? dateVote.examples : decimal.ambiguous ? decimalVote.examples : [],
  };
}

const LEADING_ZERO = /^0\d/;
const BOOLEAN = /^(true|false|yes|no|oui|non|vrai|faux|y|n|0|1)$/i;

/**
 * The type of an imported column kept as a custom field: numbers (money when written with a currency), dates,
 * postal codes and coordinates by their header, picklists when few distinct values repeat, text otherwise.
 * Digits with a leading zero ("00123") stay text: they are codes, and the zero matters.
 */
export function inferFieldType(header: string, values: readonly string[], format: ValueFormat): FieldType {
  const name = header.toLowerCase();
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (/(zip|postal|post ?code|code postal|cp$|plz)/.test(name)) return 'postalCode';
  if (filled.length === 0) return 'text';
  const numbers = filled.map((v) => parseNumber(v, format.decimalSeparator));
  const allNumbers = numbers.every((n) => !Number.isNaN(n)) && !filled.some((v) => LEADING_ZERO.test(v));
  if (allNumbers && !filled.every((v) => BOOLEAN.test(v) && !/^\d+$/.test(v))) {
    if (/(^|\W)(lat|latitude)($|\W)/.test(name) && numbers.every((n) => Math.abs(n) <= 90)) return 'latitude';
    if (/(^|\W)(lon|lng|long|longitude)($|\W)/.test(name) && numbers.every((n) => Math.abs(n) <= 180))
      return 'longitude';
    return filled.some(hasCurrency) ? 'money' : 'number';
  }
  if (filled.every((v) => !Number.isNaN(parseDate(v, format.dateOrder)))) return 'date';
  const distinct = new Set(filled).size;
  if (filled.length >= 20 && distinct <= Math.max(12, filled.length / 20) && filled.every((v) => v.length <= 60)) {
    return 'picklist';
  }
  if (filled.every((v) => BOOLEAN.test(v) && !/^\d+$/.test(v))) return 'picklist';
  return 'text';
}

/** Formula-looking text: a spreadsheet would evaluate it when the cell is written to a CSV and opened. */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const c = text[0];
  return c === '=' || c === '+' || c === '-' || c === '@' || c === '\t' || c === '\r';
}

/** A US ZIP stored as a number by a spreadsheet lost its leading zeros: "2134" was "02134". */
export function restoreZipLeadingZeros(postalCode: string): string {
  if (/^\d{3,4}$/.test(postalCode)) return postalCode.padStart(5, '0');
  if (/^\d{3,4}-\d{4}$/.test(postalCode)) return postalCode.padStart(10, '0');
  return postalCode;
}
