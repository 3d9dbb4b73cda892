/** The import's and the records table's words: field names, problems in the planner's language, sizes. */
import i18next from 'i18next';
import { countryName } from '../../../../shared/countryNames';
import type { ImportProblem } from '../../../../shared/imports';
import { formatNumber } from '../../i18n';

/** A field's name: the core fields' names (shared with the rule editor), else its imported column header. */
export function fieldName(key: string, label?: string): string {
  for (const prefix of ['rules.fields', 'imports.fields']) {
    if (i18next.exists(`${prefix}.${key}`)) return i18next.t(`${prefix}.${key}`);
  }
  return label || key;
}

/** A problem in the UI language, from its code, value and detail (the English message is the fallback). */
export function problemText(problem: ImportProblem): string {
  let detail = problem.detail ?? '';
  let value = problem.value ?? '';
  if (problem.code === 'coordinatesElsewhere') {
    value = countryName(i18next.language, value);
    detail = countryName(i18next.language, detail);
  } else if (problem.code === 'placeCleared') {
    detail = fieldName(detail).toLowerCase();
  } else if (problem.code === 'missingRequired') {
    detail = detail
      .split(' or ')
      .map((key) => fieldName(key))
      .join(i18next.t('imports.or'));
  } else if (problem.code === 'badDate' && i18next.exists(`imports.dateOrderNames.${detail}`)) {
    detail = i18next.t(`imports.dateOrderNames.${detail}`);
  } else if (problem.code === 'badCoordinate') {
    detail = fieldName(detail).toLowerCase();
  } else if (problem.code === 'tooManyCells' || problem.code === 'tooFewCells') {
    const counts = /^(\d+) cells, the header (\d+)$/.exec(detail);
    if (counts) detail = i18next.t('imports.cellCounts', { cells: counts[1], header: counts[2] });
  } else if (problem.code === 'farOffDate' && (detail === 'past' || detail === 'future')) {
    detail = i18next.t(`importCheck.when.${detail}`);
  } else if (problem.code === 'longCell') {
    detail = formatNumber(Number(detail.replace(/\D/g, '')));
  }
  // A currency column's code ("USD") rather than an amount written in another currency ("$5,000").
  const code = problem.code === 'otherCurrency' && problem.value === detail ? 'otherCurrencyCode' : problem.code;
  const key = `imports.problems.${code}`;
  if (!i18next.exists(key)) return problem.message;
  return i18next.t(key, { value, detail });
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
