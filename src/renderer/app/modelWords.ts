/**
 * The model answers with codes and parameters (errors, undo step labels); these put them into the planner's
 * language. Parameters that are codes themselves (a plan status, a record kind) are worded too.
 */
import i18next from 'i18next';
import { errorKeys, ModelError, type ErrorKey } from '../../shared/errors';
import type { StoredHistoryLabel } from '../../shared/history';
import { isImportLimitDetails } from '../../shared/imports';
import { formatNumber } from './i18n';

type Params = Record<string, unknown>;

function wordParams(params: Params): Params {
  const worded: Params = { ...params };
  for (const name of ['status', 'from', 'to'] as const) {
    const value = params[name];
    if (typeof value === 'string') worded[name] = i18next.t(`paramWords.status.${value}`, { defaultValue: value });
  }
  if (typeof params.kind === 'string') {
    worded.kind = i18next.t(`paramWords.kind.${params.kind}`, { defaultValue: params.kind });
  }
  // A place on the map, as [longitude, latitude]: read as "latitude, longitude".
  const at = params.at;
  if (Array.isArray(at) && at.length === 2 && at.every((n) => typeof n === 'number')) {
    worded.at = `${(at[1] as number).toFixed(3)}, ${(at[0] as number).toFixed(3)}`;
  }
  return worded;
}

/** A file refused by one of the import's limits, in the planner's language; null for other errors. */
function importLimitText(error: ModelError): string | null {
  if (error.code !== 'FILE_TOO_LARGE' || !isImportLimitDetails(error.details)) return null;
  const { fileName, limit, max, found, row, where } = error.details;
  return i18next.t(`importRules.limits.${limit}`, {
    name: fileName,
    max: formatNumber(max),
    found: found === undefined ? '' : formatNumber(found),
    row: row === undefined ? '' : formatNumber(row),
    where: where ?? '',
  });
}

const isErrorKey = (key: unknown): key is ErrorKey => errorKeys.includes(key as ErrorKey);

/**
 * A failure in the planner's words: the error's key when it has one, else its kind, else its own text. `known`
 * adds what the UI knows and the model was not told (the name of the file the planner chose).
 */
export function errorText(error: unknown, known: Params = {}): string {
  if (error instanceof ModelError) {
    if (error.key === 'fileBeyondImportLimit') {
      const limit = importLimitText(error);
      if (limit !== null) return limit;
    }
    if (isErrorKey(error.key)) {
      const details = typeof error.details === 'object' && error.details !== null ? (error.details as Params) : {};
      return i18next.t(`modelErrors.${error.key}`, wordParams({ ...details, ...known }));
    }
    // Without a key (input refused by its schema, an unexpected failure) the English text is the detail there is.
    return i18next.language.startsWith('en') && error.message
      ? error.message
      : i18next.t(`errors.${error.code}`, { defaultValue: error.message });
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An undo step's name in the planner's words; steps stored before label keys show their English words. */
export function historyLabelText(label: StoredHistoryLabel): string {
  if (typeof label === 'string') return label;
  return i18next.t(`history.${label.key}`, wordParams(label.params ?? {}));
}

/**
 * A territory's level label in the planner's words. Labels are free text the planner types, but the ones the app
 * wrote itself are English: the sample's ("Organisation", "Region", "District", "Territory") and Start from data's
 * (a field's key, "country"). Those are worded in the UI language; anything else shows as typed.
 */
export function levelLabelText(label: string): string {
  if (i18next.exists(`levelNames.${label}`)) return i18next.t(`levelNames.${label}`);
  if (/^[a-z][A-Za-z]*$/.test(label) && i18next.exists(`generate.field.${label}`))
    return i18next.t(`generate.field.${label}`);
  return label;
}
