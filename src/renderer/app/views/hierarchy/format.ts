/** Numbers and money in the hierarchy, through Intl in the UI language; formatters are cached (2,000 nodes use them). */
const cache = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function formatCount(value: number, language: string): string {
  return formatter(`count:${language}`, () => new Intl.NumberFormat(language)).format(value);
}

/** 1.2 M€ rather than 1,187,342.00 €: a node has room for a glance, not for cents. */
export function formatCompactMoney(value: number, currency: string, language: string): string {
  return formatter(
    `money:${language}:${currency}`,
    () =>
      new Intl.NumberFormat(language, {
        style: 'currency',
        currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }),
  ).format(value);
}
