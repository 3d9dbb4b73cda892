/**
 * The emitted URLs of the geo data files, by source path: replaced at build time by Vite (and vitest). Imported
 * by bundledFiles.ts on the geocoder's first file only: statically imported, this list (and the chunk of map data
 * addresses the UI's map shares with it) was preloaded with the model host's page before any call needed it.
 */
export function bundledUrls(): Record<string, string> {
  try {
    return import.meta.glob(['../../../../resources/geo/*.tsv', '../../../../resources/geo/*.topo.json'], {
      query: '?url',
      import: 'default',
      eager: true,
    });
  } catch {
    // Not built by Vite (a Node script run by tsx): no bundled files.
    return {};
  }
}
