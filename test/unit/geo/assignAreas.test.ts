/**
 * Many territories' areas at once (the map's and the bench's assignment of a million points): checked against
 * @turf/boolean-point-in-polygon, with holes, territories made of several overlapping areas, areas drawn across
 * the antimeridian, and points crowded near the outlines where a grid could go wrong.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPointsToAreas } from '../../../src/model/engine/geo/areas';
import type { Polygon } from '../../../src/shared/domain';

type Ring = [number, number][];

/** A star ring around (cx, cy): angles evenly spread, radii as given (never self-intersecting). */
function star(cx: number, cy: number, radii: readonly number[], phase = 0): Ring {
  const ring = radii.map((r, i): [number, number] => {
    const a = phase + (2 * Math.PI * i) / radii.length;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  return [...ring, ring[0]];
}

/** As a planner's drawing is stored: longitudes back within ±180 (a ring across 180° jumps). */
const wrap = (ring: Ring): Ring => ring.map(([x, y]) => [x > 180 ? x - 360 : x, y]);

const area = fc
  .record({
    cx: fc.oneof(fc.double({ min: -150, max: 150, noNaN: true }), fc.double({ min: 168, max: 179, noNaN: true })),
    cy: fc.double({ min: -60, max: 60, noNaN: true }),
    outer: fc.array(fc.double({ min: 5, max: 20, noNaN: true }), { minLength: 3, maxLength: 16 }),
    hole: fc.option(fc.array(fc.double({ min: 0.5, max: 4, noNaN: true }), { minLength: 3, maxLength: 8 })),
  })
  .map(({ cx, cy, outer, hole }) => {
    // Unwrapped, for turf (planar, so longitudes past 180 work as they are).
    const rings: Ring[] = [star(cx, cy, outer)];
    if (hole) rings.push(star(cx, cy, hole, 0.3));
    return rings;
  });

describe('assigning points to many territories, against turf', () => {
  it('gives each point the first territory holding it, with holes, unions and the antimeridian', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(area, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 120,
        }),
        (territories, offsets) => {
          // Points near every area's centre and outline (offsets up to 22° away), wrapped back into ±180.
          const points: [number, number][] = [];
          for (const areas of territories) {
            for (const rings of areas) {
              const [cx, cy] = rings[0][0];
              for (const [dx, dy] of offsets) {
                const x = cx + dx * 22;
                points.push([x > 180 ? x - 360 : x, Math.max(-89, Math.min(89, cy + dy * 22))]);
              }
            }
          }
          const stored = territories.map((areas) => areas.map((rings): Polygon => rings.map(wrap)));
          const lonLat = new Float64Array(points.flat());
          const { territoryOfPoint, counts } = assignPointsToAreas(lonLat, stored);
          points.forEach(([x, y], i) => {
            const holds = (rings: Ring[], ignoreBoundary: boolean) =>
              [x, x + 360].some((px) => booleanPointInPolygon([px, y], turfPolygon(rings), { ignoreBoundary }));
            // On an outline either answer is fair: skip points turf itself is unsure about.
            const unsure = territories.some((areas) => areas.some((r) => holds(r, false) !== holds(r, true)));
            const first = territories.findIndex((areas) => areas.some((rings) => holds(rings, false)));
            if (!unsure) expect(territoryOfPoint[i]).toBe(first);
          });
          // Counts are per first territory, each point once.
          const tally = new Array<number>(territories.length).fill(0);
          for (const t of territoryOfPoint) if (t >= 0) tally[t]++;
          expect(Array.from(counts)).toEqual(tally);
        },
      ),
      // A run takes half a second. A failing case once kept CI busy for over 13 minutes shrinking (each shrink step
      // re-runs turf over every point, and a test's timeout cannot stop synchronous work): stop after 20 s and
      // report what was found, seed and counterexample, as a failure.
      { numRuns: 60, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
  }, 120_000);

  it('answers a point on both sides of 180° and leaves points without coordinates out', () => {
    const fiji: Polygon = [
      [
        [176, -20],
        [-178, -20],
        [-178, -15],
        [176, -15],
        [176, -20],
      ],
    ];
    const lonLat = new Float32Array([177, -17, -179, -17, -177, -17, NaN, -17, 0, 0]);
    const { territoryOfPoint, counts } = assignPointsToAreas(lonLat, [[], [fiji]]);
    expect(Array.from(territoryOfPoint)).toEqual([1, 1, -1, -1, -1]);
    expect(Array.from(counts)).toEqual([0, 2]);
  });

  it('answers a point a hair from a vertex that a row of cell centres passes a rounding error away', () => {
    // Found by the property above (seed 1695987061): territory 0's outline has a vertex at (5, 0), the grid's row
    // of cell centres runs at y = -3.6e-15, and the edge ending at (5, 0) crossed that row at x = 5 - 2.6e-16,
    // which rounds to 5. The carry from the cell's centre counted it on one leg of its path and not on the other,
    // and put these points, outside territory 0 and inside territory 1, in territory 0.
    const territories: Polygon[][] = [
      [
        [
          [
            [5, 0],
            [3.5355339059327378, 3.5355339059327373],
            [1.2246467991472201e-15, 19.999999999997826],
            [-3.5355339059327373, 3.5355339059327378],
            [-5, 6.123233995736766e-16],
            [-3.5355339059327386, -3.5355339059327373],
            [-3.6739403974416616e-15, -19.999999999997833],
            [4.663693195086389, -4.663693195086391],
            [5, 0],
          ],
          [
            [2.5117680041973243, 0.7769808943078486],
            [0.0089301438976395, 0.6306504523538511],
            [-1.4500094037887135, 0.4939416468698745],
            [-0.3147377015698973, -0.42054614445481203],
            [0.4314950284042575, -0.6119386143240605],
            [2.5117680041973243, 0.7769808943078486],
          ],
        ],
      ],
      [
        [
          [
            [7.885158449985559, 8.644256224937236e-197],
            [5.643313832155842, 5.643313832155841],
            [3.975563448951991e-16, 6.492587824864986],
            [-7.022245063724484, 7.022245063724485],
            [-13.540337678565258, 1.6582131197429246e-15],
            [-11.73517364684918, -11.735173646849177],
            [-1.773142200010228e-15, -9.652536558539484],
            [7.962056062405655, -7.962056062405659],
            [7.885158449985559, 8.644256224937236e-197],
          ],
        ],
        [
          [
            [174.7318553144003, 1.2193047888817935e-230],
            [175.64442447878477, 9.581578289002668],
            [164.76714101162324, 14.178848998138857],
            [160.82600383883317, 3.45643774382776],
            [162.75839550728884, -2.5258469627043834],
            [166.84285657012538, -5.084544926364959],
            [177.4983574378926, -11.906336688409535],
            [174.7318553144003, 1.2193047888817935e-230],
          ],
          [
            [171.11603076638707, 0.9628585696505122],
            [168.86336662408422, 2.1964032907473565],
            [167.59746135494763, 0.7017574838945109],
            [165.3577507587786, 0.39659684454018973],
            [167.3680461067434, -0.5904425077295138],
            [168.25852596064297, -3.368612828646786],
            [168.827390342599, -0.5608410721769936],
            [171.11603076638707, 0.9628585696505122],
          ],
        ],
        [
          [
            [6.517143446999459, 3.0405267933419665e-186],
            [11.467893614222875, 7.3699677161789365],
            [5.65311048963561, 12.378585303135027],
            [-0.970623744037753, 6.750836423693331],
            [-3.723487513294411, 4.297133661278224],
            [-14.693936452956452, 4.314529028140826],
            [-15.135303182356898, -4.444125992994351],
            [-11.164331586813331, -12.884325486812495],
            [-0.9292809381478307, -6.4632908927151345],
            [4.756347225899945, -10.414947660244174],
            [4.64481354699224, -2.985040412874734],
            [6.517143446999459, 3.0405267933419665e-186],
          ],
          [
            [0.7468254077500593, 0.231020170746581],
            [0.2083147745432918, 0.5320296069394899],
            [-0.37240119469382627, 0.6438267155619866],
            [-1.9642867311147403, 0.29446024602302806],
            [-1.2741118921539627, -1.1841029704374275],
            [0.26724972444084333, -3.528287420964999],
            [0.42001788389099814, -0.2858709769940863],
            [0.7468254077500593, 0.231020170746581],
          ],
        ],
      ],
    ];
    const lonLat = new Float64Array([
      5, 1.687509923990094e-205, 5, 2.2610269075739716e-105, 5, -1.087e-321, 5, -2.412802230073894e-172,
    ]);
    const { territoryOfPoint } = assignPointsToAreas(lonLat, territories);
    expect(Array.from(territoryOfPoint)).toEqual([1, 1, 1, 1]);
  });
});
