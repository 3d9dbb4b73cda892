/**
 * Real cities of Europe and North America for the sample plan (cities.json, one city a row): name, ISO country,
 * ISO 3166-2 region, latitude, longitude, a postal code of the city centre, and the metro population in thousands
 * (the weight with which sample accounts are spread). test/unit/sample/sampleCities.test.ts checks each row's shape.
 */
import cities from './cities.json';

export type SampleCity = readonly [
  name: string,
  country: string,
  region: string,
  lat: number,
  lon: number,
  postalCode: string,
  population: number,
];

/** JSON rows type as (string | number)[]: the test holds them to SampleCity. */
export const sampleCities = cities as unknown as readonly SampleCity[];
