/**
 * The rule editor's vocabulary: which operators a field offers, what value each operator takes, how values are
 * typed (lists pasted from a spreadsheet, postal ranges, dates) and how a condition reads in a sentence.
 */
import i18next from 'i18next';
import { comparesText, dateSpan, operatorsFor, type ConditionFieldType } from '../../../../shared/conditions';
import type { Condition, ConditionOperator, ConditionValue, FieldDef, FieldType } from '../../../../shared/domain';

export { operatorsFor };
import { ISO_COUNTRY, ISO_SUBDIVISION, placeFieldKeys } from '../../../../shared/places';

/** The field key of geographic conditions (the engine reads country, region or coordinates itself). */
export const GEOGRAPHY = '';

const dateOperators = new Set<ConditionOperator>(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between']);

/** An operator in words, the one label set of both editors: "is any of"; on a date field "is before". */
export function operatorLabel(operator: ConditionOperator, type: ConditionFieldType): string {
  if (type === 'date' && dateOperators.has(operator)) return i18next.t(`conditions.dateOperators.${operator}`);
  return i18next.t(`conditions.operators.${operator}`);
}

export type ValueShape =
  'none' | 'text' | 'list' | 'number' | 'date' | 'numberRange' | 'dateRange' | 'postalRanges' | 'regions';

export function valueShape(operator: ConditionOperator, type: FieldType | 'geography'): ValueShape {
  switch (operator) {
    case 'isEmpty':
    case 'isNotEmpty':
    case 'withinArea':
      return 'none';
    case 'isAnyOf':
    case 'isNoneOf':
    case 'postalStartsWith':
      return 'list';
    case 'inRegions':
      return 'regions';
    case 'postalInRanges':
      return 'postalRanges';
    case 'between':
      return type === 'date' ? 'dateRange' : 'numberRange';
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return type === 'date' ? 'date' : 'number';
    default:
      return 'text';
  }
}

/** Whether the "exact" option applies (text comparisons). */
export const isTextOperator = comparesText;

/** A value that fits the operator, keeping what can be kept from the previous one. */
export function valueFor(shape: ValueShape, previous: ConditionValue): ConditionValue {
  switch (shape) {
    case 'none':
      return null;
    case 'list':
    case 'regions':
      return Array.isArray(previous) && previous.every((v) => typeof v === 'string')
        ? (previous as string[])
        : typeof previous === 'string' && previous !== ''
          ? [previous]
          : [];
    case 'postalRanges':
      return [];
    case 'numberRange':
      // Incomplete until both bounds are typed: null asks for them ("two values are needed").
      return Array.isArray(previous) && previous.length === 2 && typeof previous[0] === 'number' ? previous : null;
    case 'dateRange':
      // Dates are ISO days ("2024-05-31"), as the engine reads them (shared dateSpan).
      return Array.isArray(previous) && previous.length === 2 && typeof previous[0] === 'string' ? previous : null;
    case 'number':
      return typeof previous === 'number' ? previous : null;
    case 'date':
      return typeof previous === 'string' ? previous : null;
    default:
      return typeof previous === 'string'
        ? previous
        : Array.isArray(previous) && typeof previous[0] === 'string'
          ? previous[0]
          : '';
  }
}

const LIST_SEPARATORS = /[,;\t\r\n]+/;

/** A pasted column of a spreadsheet, or "a, b; c": items, trimmed, without blanks or repeats. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(LIST_SEPARATORS)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

/** "01000–01999", "01000-01999" or "01000..01999" per line (or comma): postal ranges, kept as codes. */
export function parsePostalRanges(text: string): { ranges: { from: string; to: string }[]; bad: string[] } {
  const ranges: { from: string; to: string }[] = [];
  const bad: string[] = [];
  for (const item of text
    .split(/[,;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const match = /^(\S+?)\s*(?:–|—|\.\.|-|to)\s*(\S+)$/i.exec(item);
    if (match) ranges.push({ from: match[1], to: match[2] });
    else bad.push(item);
  }
  return { ranges, bad };
}

export function formatPostalRanges(value: ConditionValue): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter((r): r is { from: string; to: string } => typeof r === 'object' && r !== null && 'from' in r)
    .map((r) => `${r.from}–${r.to}`)
    .join('\n');
}

export function fieldLabel(field: FieldDef | undefined, key: string): string {
  if (key === GEOGRAPHY) return i18next.t('rules.geography');
  const known = i18next.exists(`rules.fields.${key}`) ? i18next.t(`rules.fields.${key}`) : null;
  return known ?? (field?.label || key);
}

/** A date value (ISO day, ISO instant or epoch ms) as the planner reads it; the day is the UTC day it names. */
function dateText(value: unknown): string {
  const span = dateSpan(value);
  if (!span) return String(value);
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(span.from),
  );
}

/** Names a place code in the UI language ("DE-BY" -> "Bavière"); the code itself when the name is unknown. */
export type PlaceNamer = (code: string) => string;

/** Whether a condition's values are place codes (canonical country or region, "is in regions"). */
export function isPlaceCondition(condition: Condition): boolean {
  return (
    condition.operator === 'inRegions' ||
    condition.field === placeFieldKeys.country ||
    condition.field === placeFieldKeys.region ||
    condition.field === placeFieldKeys.subregion
  );
}

/** The ISO codes a list of conditions names, for the model's placeNames call. */
export function placeCodesOf(conditions: readonly Condition[]): string[] {
  const codes = new Set<string>();
  for (const condition of conditions) {
    if (!isPlaceCondition(condition)) continue;
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    for (const v of values) if (typeof v === 'string' && (ISO_COUNTRY.test(v) || ISO_SUBDIVISION.test(v))) codes.add(v);
  }
  return [...codes].sort();
}

function valueText(condition: Condition, type: FieldType | 'geography', placeName?: PlaceNamer): string {
  const named = placeName && isPlaceCondition(condition) ? placeName : null;
  const value =
    named && Array.isArray(condition.value)
      ? condition.value.map((v) => (typeof v === 'string' ? named(v) : v))
      : named && typeof condition.value === 'string'
        ? named(condition.value)
        : condition.value;
  if (value === null) return '';
  if (Array.isArray(value)) {
    if (condition.operator === 'between' && value.length === 2) {
      const [a, b] = value as [unknown, unknown];
      const show = (v: unknown) =>
        type === 'date' ? dateText(v) : typeof v === 'number' ? v.toLocaleString(i18next.language) : String(v);
      return `${show(a)} – ${show(b)}`;
    }
    const items = value.map((v) =>
      typeof v === 'string' ? v : typeof v === 'object' && v !== null && 'from' in v ? `${v.from}–${v.to}` : String(v),
    );
    const shown = items.slice(0, 6).join(', ');
    return items.length > 6 ? i18next.t('rules.andMore', { list: shown, count: items.length - 6 }) : shown;
  }
  if (type === 'date') return dateText(value);
  if (typeof value === 'number') return value.toLocaleString(i18next.language);
  return named ? String(value) : `"${value}"`;
}

/** "Country is any of France, Germany" in the UI language (place codes named when `placeName` is given). */
export function describeCondition(condition: Condition, fields: readonly FieldDef[], placeName?: PlaceNamer): string {
  const field = fields.find((f) => f.key === condition.field);
  const type: FieldType | 'geography' =
    condition.field === GEOGRAPHY || condition.operator === 'inRegions' || condition.operator === 'withinArea'
      ? 'geography'
      : (field?.type ?? 'text');
  const label = type === 'geography' ? i18next.t('rules.geography') : fieldLabel(field, condition.field);
  const operator = operatorLabel(condition.operator, type);
  const value =
    condition.operator === 'inRegions' && Array.isArray(condition.value) && condition.value.length === 0
      ? i18next.t('rules.territoryRegions')
      : valueText(condition, type, placeName);
  return [label, operator, value].filter((part) => part !== '').join(' ');
}

/** After moving condition `from` to `to` (0-based), the pattern's numbers follow their conditions. */
export function renumberAfterMove(pattern: string, from: number, to: number): string {
  return pattern.replace(/\d+/g, (text) => {
    const n = Number(text) - 1;
    if (n === from) return String(to + 1);
    if (from < to && n > from && n <= to) return String(n);
    if (from > to && n >= to && n < from) return String(n + 2);
    return text;
  });
}

/**
 * After removing condition `index` (0-based), later numbers shift down. A reference to the removed condition
 * becomes "?", so the pattern asks to be fixed rather than silently meaning another condition.
 */
export function renumberAfterRemove(pattern: string, index: number): string {
  return pattern.replace(/\d+/g, (text) => {
    const n = Number(text) - 1;
    if (n === index) return '?';
    return n > index ? String(n) : text;
  });
}

/** A rule problem in the UI language: the engine's English message, or a translation by its code. */
export function problemText(problem: {
  code: string;
  message: string;
  position?: number;
  conditionNumber?: number;
}): string {
  const key = `rules.problems.${problem.code}`;
  if (i18next.language === 'en' || !i18next.exists(key)) return problem.message;
  return i18next.t(key, {
    position: (problem.position ?? 0) + 1,
    number: problem.conditionNumber ?? '',
  });
}
