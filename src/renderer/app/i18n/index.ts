/** UI text through i18next, English and French; numbers, money and dates through Intl in the active language. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { en } from './en';
import { fr } from './fr';

export function detectLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(i18next.language, options).format(value);

export const formatMoney = (value: number, currency: string) =>
  new Intl.NumberFormat(i18next.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);

export const formatCompactMoney = (value: number, currency: string) =>
  new Intl.NumberFormat(i18next.language, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);

export const formatDate = (value: string | number | Date) =>
  new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium' }).format(new Date(value));

/**
 * A fiscal year by the plan's start month: "FY2027", or "FY2027 (Apr 2026 – Mar 2027)" when it does not start in
 * January, since a year named after the one it ends in is read both ways.
 */
export const formatFiscalYear = (year: number, startMonth: number) => {
  const name = i18next.t('forecasts.fiscalYearName', { year });
  if (startMonth === 1) return name;
  const months = new Intl.DateTimeFormat(i18next.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const from = Date.UTC(year - 1, startMonth - 1, 1);
  const to = Date.UTC(year, startMonth - 2, 1);
  return `${name} (${months.formatRange(from, to)})`;
};

export const formatRelative = (value: string | number | Date) => {
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(i18next.language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(Math.round(seconds), 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
};
