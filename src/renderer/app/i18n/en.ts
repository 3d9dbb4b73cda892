/**
 * English UI text: the i18next resources in locales/en (translation.json; host.json, which the browser host reads
 * before the app loads), with the view and command labels and key words that the desktop's main process shares
 * (src/shared/commands.ts, src/shared/shortcuts.ts). French (fr.ts) must have the same keys: the type checker holds
 * it to that, and test/unit/i18n/locales.test.ts to the same keys and placeholders both ways.
 */
import translation from './locales/en/translation.json';
import host from './locales/en/host.json';
import { commandLabels, viewLabels } from '../../../shared/commands';
import type { ConditionOperator } from '../../../shared/domain';
import type { ErrorKey } from '../../../shared/errors';
import type { HistoryLabelKey } from '../../../shared/history';
import type { ImportLimit } from '../../../shared/imports';
import { englishKeyWords } from '../../../shared/shortcuts';

/** Words the code looks up by a code of its own: each must have one, in English and so in French. */
interface WordsForCodes {
  conditions: {
    operators: Record<ConditionOperator, string>;
    dateOperators: Record<'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'between', string>;
  };
  importRules: { limits: Record<ImportLimit, string> };
  modelErrors: Record<ErrorKey, string>;
  history: Record<HistoryLabelKey, string>;
}

export const en = {
  ...(translation satisfies WordsForCodes),
  views: viewLabels.en,
  commands: commandLabels.en,
  host,
  keys: englishKeyWords,
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
