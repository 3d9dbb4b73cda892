/**
 * How rule values and record values are made comparable: text folded (case, accents, hyphens, apostrophes...),
 * postal codes as codes (never numbers, so leading zeros stay), region codes upper-cased.
 */

/** Text folded the one way rules, filters and search compare it (src/shared/conditions.ts). */
export { foldText } from '../../../shared/conditions';

const ZIP_PLUS_4 = /^(\d{5})-\d{4}$/;
const POSTAL_NOISE = /[\s-]+/g;

/**
 * A postal code as a comparable code: upper case, no spaces or hyphens; a US ZIP+4 "12345-6789" keeps its first
 * five digits, so it matches prefixes and ranges written for 5-digit ZIPs. Rule values go through the same step.
 */
export function normalizePostalCode(code: string): string {
  // Most codes are already plain digits or capitals: answer them without a regular expression.
  let plain = code.length > 0;
  for (let i = 0; i < code.length && plain; i++) {
    const c = code.charCodeAt(i);
    plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }
  if (plain) return code;
  if (code.length === 10 && code.charCodeAt(5) === 45 && isDigits(code, 0, 5) && isDigits(code, 6, 10)) {
    return code.slice(0, 5); // ZIP+4, without the regular expression below
  }
  const trimmed = code.trim();
  const zip = ZIP_PLUS_4.exec(trimmed);
  if (zip) return zip[1];
  return trimmed.replace(POSTAL_NOISE, '').toUpperCase();
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** "FR", " us-ca " -> "FR", "US-CA". */
export function normalizeRegionCode(code: string): string {
  return code.trim().toUpperCase();
}

const LIST_SEPARATORS = /[,;\t\r\n]+/;

/**
 * The items of a list value: a string[] as given, or a pasted text split on commas, semicolons, tabs and line
 * breaks (spaces are kept: "K1A 0B6" is one postal code). Blank items are dropped.
 */
export function listItems(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(LIST_SEPARATORS) : Array.isArray(value) ? value : [];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() !== '') out.push(item);
  }
  return out;
}
