/**
 * Country names as a planner says them: the Unicode CLDR's display names ("Russia", "Moldavie", "North Macedonia"),
 * which is what Intl.DisplayNames gives at run time and what the map's boundaries carry (built from the CLDR's
 * territories.json by scripts/geo/build-map-data.ts). One rule for both: CLDR's short form where it is the
 * everyday name and not an abbreviation ("Hong Kong" rather than "Hong Kong SAR China"; never "US" or "UK").
 */
import type { Language } from './domain';

/**
 * The countries whose CLDR short form (`-alt-short`, Intl.DisplayNames `style: 'short'`) is the everyday name.
 * CLDR's other short forms are abbreviations (US, UK, É.-U., R.-U.) or name part of the country (Bosnia).
 */
export const SHORT_NAME_COUNTRIES: ReadonlySet<string> = new Set(['CC', 'HK', 'MM', 'MO', 'PN', 'PS']);

const displayNames = new Map<string, Intl.DisplayNames | null>();

function namer(language: string, style: 'long' | 'short'): Intl.DisplayNames | null {
  const key = `${language}/${style}`;
  let names = displayNames.get(key);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([language], { type: 'region', style, fallback: 'code' });
    } catch {
      names = null;
    }
    displayNames.set(key, names);
  }
  return names;
}

/** An ISO 3166-1 alpha-2 code ("RU") in the language ("Russia", "Russie"); the code itself when it names none. */
export function countryName(language: Language | string, code: string): string {
  try {
    return namer(language, SHORT_NAME_COUNTRIES.has(code) ? 'short' : 'long')?.of(code) ?? code;
  } catch {
    return code;
  }
}
