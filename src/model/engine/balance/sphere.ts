/**
 * Unit locations on the Earth: 3-D points for distances (chord length, which is the great-circle distance to
 * within 0.2 % up to 1,000 km, and right across the antimeridian) and a plane projection for the triangulation.
 */
export const EARTH_RADIUS_KM = 6371;

export interface Sphere {
  /** Points on the sphere of radius EARTH_RADIUS_KM. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Equirectangular projection around the points' mean longitude, km (for Delaunay). */
  planeX: Float64Array;
  planeY: Float64Array;
  /** Squared chord distance between two units, km². */
  distance2(a: number, b: number): number;
}

const RADIANS = Math.PI / 180;

export function toSphere(longitude: Float64Array, latitude: Float64Array): Sphere {
  const n = longitude.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  let sx = 0;
  let sy = 0;
  let sumLat = 0;
  for (let u = 0; u < n; u++) {
    const lat = latitude[u] * RADIANS;
    const lon = longitude[u] * RADIANS;
    x[u] = EARTH_RADIUS_KM * Math.cos(lat) * Math.cos(lon);
    y[u] = EARTH_RADIUS_KM * Math.cos(lat) * Math.sin(lon);
    z[u] = EARTH_RADIUS_KM * Math.sin(lat);
    sx += Math.cos(lon);
    sy += Math.sin(lon);
    sumLat += lat;
  }
  // The mean longitude as a direction, so points either side of the antimeridian project next to each other.
  const meanLon = Math.atan2(sy, sx);
  const cosLat = Math.cos(n > 0 ? sumLat / n : 0);
  const planeX = new Float64Array(n);
  const planeY = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let dLon = longitude[u] * RADIANS - meanLon;
    if (dLon > Math.PI) dLon -= 2 * Math.PI;
    if (dLon < -Math.PI) dLon += 2 * Math.PI;
    planeX[u] = EARTH_RADIUS_KM * dLon * cosLat;
    planeY[u] = EARTH_RADIUS_KM * latitude[u] * RADIANS;
  }
  return {
    x,
    y,
    z,
    planeX,
    planeY,
    distance2: (a, b) => (x[a] - x[b]) ** 2 + (y[a] - y[b]) ** 2 + (z[a] - z[b]) ** 2,
  };
}

/** Degrees of a 3-D point (any length). */
export function toDegrees(px: number, py: number, pz: number): { longitude: number; latitude: number } {
  const r = Math.hypot(px, py, pz);
  if (r === 0) return { longitude: NaN, latitude: NaN };
  return { longitude: Math.atan2(py, px) / RADIANS, latitude: Math.asin(pz / r) / RADIANS };
}

export function fromDegrees(longitude: number, latitude: number): [number, number, number] {
  const lat = latitude * RADIANS;
  const lon = longitude * RADIANS;
  return [
    EARTH_RADIUS_KM * Math.cos(lat) * Math.cos(lon),
    EARTH_RADIUS_KM * Math.cos(lat) * Math.sin(lon),
    EARTH_RADIUS_KM * Math.sin(lat),
  ];
}
