/**
 * Place codes of rule conditions named in the UI language ("DE-BY" -> "Bavaria" / "Bavière"), for the sentences
 * that read a rule back; a code whose name is not (yet) known reads as the code.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import { placeCodesOf, type PlaceNamer } from './conditions';

export function usePlaceNamer(conditions: readonly Condition[]): PlaceNamer {
  const { i18n } = useTranslation();
  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const codes = placeCodesOf(conditions);
  const names = useModelQuery('placeNames', codes.length > 0 ? { language, codes } : null, { keepPrevious: true });
  const data = names.data;
  return useCallback((code: string) => data?.[code] ?? code, [data]);
}
