/**
 * Place names and choices for the UI's pickers: ISO codes named in the planner's language (countries through
 * Intl.DisplayNames as the map names them, src/shared/countryNames.ts; subdivisions from the shipped ISO 3166-2 data), and typed text resolved the way the import
 * resolves it (src/model/import/geo/placeResolver.ts).
 */
import type { PlaceChoice, placeCalls } from '../../shared/api/places';
import { countryName } from '../../shared/countryNames';
import type { Language } from '../../shared/domain';
import { ISO_COUNTRY } from '../../shared/places';
import { subdivisionName, type PlaceResolver, type Subdivision } from '../import/geo/placeResolver';
import type { Handlers, ModelContext } from './context';
import { placeResolver } from './geoData';

function countryChoice(language: Language, code: string): PlaceChoice {
  const name = countryName(language, code);
  const other = countryName(language === 'en' ? 'fr' : 'en', code);
  return { code, name, level: 0, parent: '', aliases: other !== name ? [other] : [] };
}

function subdivisionChoice(language: Language, s: Subdivision): PlaceChoice {
  const name = subdivisionName(language, s);
  const aliases = [s.name, s.englishName, s.frenchName].filter((n) => n && n !== name);
  return { code: s.code, name, level: s.level, parent: s.parent, aliases: [...new Set(aliases)] };
}

function byName(a: PlaceChoice, b: PlaceChoice, language: Language): number {
  return a.level - b.level || a.name.localeCompare(b.name, language);
}

function choiceOf(places: PlaceResolver, language: Language, code: string): PlaceChoice | null {
  if (ISO_COUNTRY.test(code)) return places.countryCodes().includes(code) ? countryChoice(language, code) : null;
  const s = places.byCode(code);
  return s ? subdivisionChoice(language, s) : null;
}

export function placeHandlers(ctx: ModelContext): Handlers<typeof placeCalls> {
  return {
    async placeChoices({ language, country }) {
      const places = await placeResolver(ctx);
      const choices = country
        ? places.subdivisionsOf(country).map((s) => subdivisionChoice(language, s))
        : places.countryCodes().map((code) => countryChoice(language, code));
      return choices.sort((a, b) => byName(a, b, language));
    },

    async resolvePlace({ language, field, text, country }) {
      const places = await placeResolver(ctx);
      if (field === 'country') {
        const code = places.country(text);
        return code ? [countryChoice(language, code)] : [];
      }
      const match = places.subdivision(country ?? null, text);
      if (!match) return [];
      const codes = match.found ? [match.subdivision.code] : match.ambiguous;
      return codes.flatMap((code) => choiceOf(places, language, code) ?? []);
    },

    async placeNames({ language, codes }) {
      const places = await placeResolver(ctx);
      const names: Record<string, string> = {};
      for (const code of codes) {
        const choice = choiceOf(places, language, code);
        if (choice) names[code] = choice.name;
      }
      return names;
    },
  };
}
