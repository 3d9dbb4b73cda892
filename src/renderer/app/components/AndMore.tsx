/**
 * "and 12 more" under a list cut to what fits, one wording app-wide (issue 15): the count in the UI language's
 * numbers, as its own list item or paragraph. `andMoreText` gives the same words inside a sentence.
 */
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';

export function andMoreText(count: number): string {
  return i18next.t('lists.andMore', { count, formatted: formatNumber(count) });
}

/** Nothing when nothing was cut. */
export function AndMore({ count, as: Tag = 'p' }: { count: number; as?: 'li' | 'p' }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return <Tag className="and-more muted small">{t('lists.andMore', { count, formatted: formatNumber(count) })}</Tag>;
}
