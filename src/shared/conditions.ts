/**
 * Conditions: what a rule condition and an Accounts filter share, on both sides of the bridge. A filter IS a rule
 * condition (`Condition` in domain.ts), compiled by the same engine (src/model/engine/rules/conditions.ts); this
 * module says which comparisons fit which field and how text is compared, once for the two editors and the engine.
 */
import type { ConditionOperator, FieldType } from './domain';
import { emptinessOperators, geoOperators, numberOperators, postalOperators, textOperators } from './domain';

// ------------------------------------------------------------------------------------------ text folding

const MARKS = /\p{M}+/gu;
/** Hyphens, dashes, underscores, apostrophes and quotes that CRM exports write in many forms. */
const JOINERS = /[-\u2010-\u2015\u2212_'\u2018\u2019\u02bc`´]+/g;
const SPACES = /\s+/g;

const isGap = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 95 || c === 39 || c === 96;

/**
 * foldText of an ASCII text (null for any other text): upper case lowered, each run of - _ ' ` and white space
 * one space, none at the ends. Most CRM values are ASCII ("Acme Corp", "ID-1234"); most need lower case only.
 */
function foldAscii(text: string): string | null {
  let gaps = false;
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return null;
    if (isGap(c) && (c !== 32 || previousSpace)) gaps = true;
    previousSpace = c === 32;
  }
  if (!gaps && !previousSpace) return text.toLowerCase();
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isGap(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/**
 * The one text folding of rules, Accounts filters and search (unless "exact" is ticked): case, accents, hyphens,
 * dashes (‐ – — −), underscores, apostrophes (' ’ `) and repeated spaces are ignored; "Île-de-France",
 * "ile de  france" and "ILE_DE_FRANCE" fold alike, as do "L'Oréal" and "l oreal". Other punctuation ("." "&" "/")
 * is kept: "A&B" is not "A B". The editors' hint (conditions.foldHint) says exactly this.
 */
export function foldText(text: string): string {
  const ascii = foldAscii(text);
  if (ascii !== null) return ascii;
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(JOINERS, ' ').replace(SPACES, ' ').trim();
}

// ------------------------------------------------------------------------------------------ operators

/** The pseudo-field of the geographic conditions (regions, drawn areas), offered by the rule editor only. */
export type ConditionFieldType = FieldType | 'geography';

/** Field keys of the canonical place codes ("FR", "US-CA"): compared as codes from a list, never by substring. */
const placeCodeKeys: ReadonlySet<string> = new Set(['countryCode', 'regionCode', 'subregionCode']);

/** Codes are picked from a list first; prefixes ("US-") and substrings stay possible, as rules saved before used them. */
const placeCodeOperators: readonly ConditionOperator[] = [
  'isAnyOf',
  'isNoneOf',
  'is',
  'isNot',
  'startsWith',
  'endsWith',
  'contains',
  'notContains',
];
const emptiness: readonly ConditionOperator[] = emptinessOperators;
const postalOnly: readonly ConditionOperator[] = postalOperators;

/**
 * Which condition operators fit a field of this type (and key): the one list read by the rule editor, the
 * Accounts filter editor and the engine, which refuses any other ("operatorNotForField"). The first is the
 * editors' default.
 */
export function operatorsFor(type: ConditionFieldType, key?: string): readonly ConditionOperator[] {
  if (type === 'geography') return geoOperators;
  if (key !== undefined && placeCodeKeys.has(key)) return [...placeCodeOperators, ...emptiness];
  switch (type) {
    case 'number':
    case 'money':
    case 'date':
    case 'latitude':
    case 'longitude':
      return numberOperators;
    case 'postalCode':
      return [...postalOnly, ...textOperators];
    default:
      return textOperators;
  }
}

/**
 * Whether the engine compiles the operator on a field of this type: the editors' operatorsFor, and the postal
 * comparisons on any text field. Rules saved before operators were matched to field types could compare a text
 * field holding postal codes ("zip", imported as text) as codes; they keep compiling, with the same meaning, and
 * the rule editor still shows their operator. Nothing offers that pairing any more.
 */
export function operatorFits(type: ConditionFieldType, key: string | undefined, operator: ConditionOperator): boolean {
  if (operatorsFor(type, key).includes(operator)) return true;
  return (type === 'text' || type === 'picklist') && postalOnly.includes(operator);
}

/** Whether "exact" applies: the operators that compare text. */
export function comparesText(operator: ConditionOperator): boolean {
  return (textOperators as readonly ConditionOperator[]).includes(operator) && !emptiness.includes(operator);
}

// ------------------------------------------------------------------------------------------ dates

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
export const DAY_MS = 86_400_000;

/**
 * A date value of a condition as a span of time (epoch ms, UTC): an ISO day "2024-05-03" is that whole day, an
 * ISO instant with its zone ("2024-05-03T10:00:00Z") or a number (epoch ms) is that instant. Anything else
 * (local formats, times without a zone) is not a date here: null. Both editors write ISO days.
 */
export function dateSpan(value: unknown): { from: number; to: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? { from: value, to: value } : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const day = ISO_DAY.exec(text);
  if (day) {
    const from = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    // "2024-02-30" is refused rather than read as 1 March.
    if (new Date(from).toISOString().slice(0, 10) !== text) return null;
    return { from, to: from + DAY_MS - 1 };
  }
  if (ISO_INSTANT.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : { from: at, to: at };
  }
  return null;
}
