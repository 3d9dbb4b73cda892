/**
 * The words of conditions, shared by the rule editor and the Accounts filter editor: one label per operator
 * (date fields read "is before", "is on"...), the "exact" option and the hint that says exactly how text is
 * compared (src/shared/conditions.ts foldText).
 */
import type { ConditionOperator } from '../../../shared/domain';

type DateOperator = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'between';

export interface ConditionWords {
  operators: Record<ConditionOperator, string>;
  dateOperators: Record<DateOperator, string>;
  exact: string;
  foldHint: string;
  exactHint: string;
  listHint: string;
}

/** Numbers compare with the same signs in every language. */
const comparisonSigns = { eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥' } as const;

export const conditionsEn: ConditionWords = {
  operators: {
    is: 'is',
    isNot: 'is not',
    isAnyOf: 'is any of',
    isNoneOf: 'is none of',
    contains: 'contains',
    notContains: 'does not contain',
    startsWith: 'starts with',
    endsWith: 'ends with',
    isEmpty: 'is empty',
    isNotEmpty: 'is not empty',
    ...comparisonSigns,
    between: 'is between',
    postalStartsWith: 'starts with any of',
    postalInRanges: 'is in ranges',
    inRegions: 'is in regions',
    withinArea: 'is within the drawn area',
  },
  dateOperators: {
    eq: 'is on',
    ne: 'is not on',
    lt: 'is before',
    le: 'is on or before',
    gt: 'is after',
    ge: 'is on or after',
    between: 'is between',
  },
  exact: 'Exact',
  foldHint:
    'Case, accents, hyphens, dashes, underscores, apostrophes and repeated spaces are ignored: “Île-de-France”, “ile de  france” and “ILE_DE_FRANCE” are the same. Other punctuation counts.',
  exactHint: 'Exact: the text must match character for character (case, accents, spaces and punctuation).',
  listHint: 'Several values: one per line, or separated by commas or semicolons.',
};

export const conditionsFr: ConditionWords = {
  operators: {
    is: 'est',
    isNot: 'n’est pas',
    isAnyOf: 'est l’un de',
    isNoneOf: 'n’est aucun de',
    contains: 'contient',
    notContains: 'ne contient pas',
    startsWith: 'commence par',
    endsWith: 'finit par',
    isEmpty: 'est vide',
    isNotEmpty: 'n’est pas vide',
    ...comparisonSigns,
    between: 'est entre',
    postalStartsWith: 'commence par l’un de',
    postalInRanges: 'est dans les plages',
    inRegions: 'est dans les régions',
    withinArea: 'est dans la zone dessinée',
  },
  dateOperators: {
    eq: 'est le',
    ne: 'n’est pas le',
    lt: 'est avant le',
    le: 'est le ou avant le',
    gt: 'est après le',
    ge: 'est le ou après le',
    between: 'est entre',
  },
  exact: 'Exact',
  foldHint:
    'La casse, les accents, les traits d’union, tirets, soulignés, apostrophes et espaces répétés sont ignorés : « Île-de-France », « ile de  france » et « ILE_DE_FRANCE » sont identiques. Les autres signes comptent.',
  exactHint: 'Exact : le texte doit correspondre caractère pour caractère (casse, accents, espaces et ponctuation).',
  listHint: 'Plusieurs valeurs : une par ligne, ou séparées par des virgules ou des points-virgules.',
};
