/**
 * Place names and choices for the UI's place pickers (the import's fix-up table, rule conditions on country and
 * region): ISO codes are what is stored, names in the planner's language are what is shown. Read-only calls over
 * the shipped place data (resources/geo), the same the import resolves with.
 */
import { z } from 'zod';
import { language } from '../domain';
import { ISO_COUNTRY, ISO_SUBDIVISION } from '../places';
import { call } from './contract';

/** A country (level 0) or an ISO 3166-2 subdivision (level 1 or 2) a planner can pick. */
export interface PlaceChoice {
  code: string;
  /** Its name in the requested language (subdivisions: English or local name as the shipped data has them). */
  name: string;
  /** 0 country, 1 state/province/région/Land, 2 département/county/province. */
  level: 0 | 1 | 2;
  /** The first-level parent of a level-2 subdivision, else ''. */
  parent: string;
  /** Other names it is known by (the local name, the English name), for searching. */
  aliases: string[];
}

const countryCode = z.string().max(2).regex(ISO_COUNTRY);
const placeCode = z.union([countryCode, z.string().max(6).regex(ISO_SUBDIVISION)]);

export const placeCalls = {
  /** Every country (without `country`), or every subdivision of `country`, level 1 first, by name. */
  placeChoices: call(z.strictObject({ language, country: countryCode.optional() })).returns<PlaceChoice[]>(),
  /**
   * What a typed text names: a country in any shipped language or code ("Allemagne", "DEU" -> DE), or a
   * subdivision WITHIN `country` ("Bavaria" -> DE-BY; a bare "DE" is Delaware only with country US). Several
   * choices when the name is ambiguous, none when unknown.
   */
  resolvePlace: call(
    z.strictObject({
      language,
      field: z.enum(['country', 'region']),
      text: z.string().max(200),
      country: countryCode.nullable().optional(),
    }),
  ).returns<PlaceChoice[]>(),
  /** Names of ISO codes in the requested language; unknown codes are left out. */
  placeNames: call(z.strictObject({ language, codes: z.array(placeCode).max(5_000) })).returns<
    Record<string, string>
  >(),
};
