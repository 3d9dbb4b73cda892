/**
 * Stands in for the model's worker in the map bench: holds a million accounts' coordinate columns (Float64, as the
 * record table does) and their territory, and answers a points request the way getRecordPoints does: one scan
 * into typed arrays (record ids, interleaved lon/lat as Float32, territory per point), posted back to the page.
 */
interface Request {
  count: number;
  territories: number;
}

let columns: { lat: Float64Array; lon: Float64Array; territory: Int32Array; territories: number } | null = null;

/** Deterministic accounts in clusters around cities of Europe and North America, like a CRM export. */
function generate(count: number, territories: number) {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const centres: [number, number][] = [];
  for (let i = 0; i < 400; i++) {
    const europe = random() < 0.45;
    centres.push(europe ? [-9 + random() * 37, 37 + random() * 22] : [-123 + random() * 53, 27 + random() * 22]);
  }
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  const territory = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = centres[Math.floor(random() * centres.length)];
    // Sum of uniforms: a cheap bell around the centre, about 1° wide.
    lon[i] = c[0] + (random() + random() + random() - 1.5) * 1.2;
    lat[i] = c[1] + (random() + random() + random() - 1.5) * 0.8;
    territory[i] = Math.floor(random() * territories);
  }
  columns = { lat, lon, territory, territories };
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { count, territories } = event.data;
  if (!columns || columns.lat.length !== count || columns.territories !== territories) generate(count, territories);
  const { lat, lon, territory } = columns!;
  // What getRecordPoints does per request: one scan, typed arrays out.
  const recordIds = new Uint32Array(count);
  const lonLat = new Float32Array(count * 2);
  const territoryOfPoint = new Int32Array(count);
  let n = 0;
  for (let row = 0; row < count; row++) {
    const x = lon[row];
    const y = lat[row];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    recordIds[n] = row;
    lonLat[2 * n] = x;
    lonLat[2 * n + 1] = y;
    territoryOfPoint[n] = territory[row];
    n++;
  }
  const territoryIds = Array.from({ length: territories }, (_, i) => `t${i}`);
  // Copied, not transferred, as the app's bridge does.
  self.postMessage({ recordIds, lonLat, territoryOfPoint, territoryIds });
};
