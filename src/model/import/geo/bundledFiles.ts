/**
 * The geo data files as the app ships them: Vite emits resources/geo/*.tsv into the build and gives their URLs,
 * on the app's own origin (app://bundle/ in Electron, the page's origin in the browser host), so the model reads
 * them with fetch() and no network. Each file is fetched only when the geocoder first needs it, and the list of
 * their URLs (bundledUrls.ts) is loaded with the first.
 */
import { ModelError } from '../../../shared/errors';
import type { GeoFileName, GeoFileSource } from './geocoder';

let urls: Promise<Record<string, string>> | null = null;

export const bundledGeoSource: GeoFileSource = async (name: GeoFileName) => {
  urls ??= import('./bundledUrls').then((m) => m.bundledUrls());
  const url = (await urls)[`../../../../resources/geo/${name}`];
  if (!url)
    throw new ModelError('INTERNAL', `The geo data file ${name} is not part of this build`, { name }, 'geoDataMissing');
  const response = await fetch(url);
  if (!response.ok)
    throw new ModelError(
      'INTERNAL',
      `The geo data file ${name} could not be read (${response.status})`,
      { name },
      'geoDataMissing',
    );
  return response.text();
};
