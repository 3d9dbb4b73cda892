import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { lassoShares, regionsInLasso } from '../../../src/renderer/app/views/map/lassoRegions';

type Ring = [number, number][];

const shape = (key: string, ring: Ring) => ({ key, geometry: { type: 'Polygon', coordinates: [ring] } as Polygon });

/**
 * A U-shaped region, 10 × 10 degrees at the equator with a notch 6 wide and 8 deep cut from the top: its centre
 * (the centre of its box, where a label point goes) lies in the notch, outside the region.
 */
const uRing: Ring = [
  [0, 0],
  [10, 0],
  [10, 10],
  [8, 10],
  [8, 2],
  [2, 2],
  [2, 10],
  [0, 10],
  [0, 0],
];

/** The same U, drawn 0.3 degrees wider all round: a planner's lasso that follows the region's outline. */
const uLasso: Ring = [
  [-0.3, -0.3],
  [10.3, -0.3],
  [10.3, 10.3],
  [7.7, 10.3],
  [7.7, 2.3],
  [2.3, 2.3],
  [2.3, 10.3],
  [-0.3, 10.3],
];

describe('regions taken by a lasso', () => {
  it('takes a region whose centre is outside the lasso but whose area is inside', () => {
    const centre: [number, number] = [5, 5];
    expect(booleanPointInPolygon(centre, turfPolygon([[...uLasso, uLasso[0]]]))).toBe(false);
    expect(regionsInLasso(uLasso, [shape('U', uRing)])).toEqual(['U']);
  });

  it('leaves out a neighbour the lasso only grazes and one it does not reach', () => {
    const neighbour: Ring = [
      [10, 0],
      [20, 0],
      [20, 10],
      [10, 10],
      [10, 0],
    ];
    const far: Ring = [
      [40, 40],
      [41, 40],
      [41, 41],
      [40, 40],
    ];
    const shares = lassoShares(uLasso, [shape('U', uRing), shape('E', neighbour), shape('far', far)]);
    expect(shares.get('E')).toBeGreaterThan(0);
    expect(shares.get('E')).toBeLessThan(0.05);
    expect(shares.has('far')).toBe(false);
    expect(regionsInLasso(uLasso, [shape('U', uRing), shape('E', neighbour), shape('far', far)])).toEqual(['U']);
  });

  it('takes a region half covered, not one a third covered, and counts holes and multipolygons', () => {
    const square: Ring = [
      [0, -5],
      [10, -5],
      [10, 5],
      [0, 5],
      [0, -5],
    ];
    const lassoOver = (x: number): Ring => [
      [-1, -6],
      [x, -6],
      [x, 6],
      [-1, 6],
    ];
    expect(regionsInLasso(lassoOver(5.2), [shape('S', square)])).toEqual(['S']);
    expect(regionsInLasso(lassoOver(3.3), [shape('S', square)])).toEqual([]);
    // A square with a hole over its left half's middle: the lasso over the left half holds less than half of it.
    const holed = {
      key: 'H',
      geometry: {
        type: 'Polygon',
        coordinates: [
          square,
          [
            [1, -4],
            [1, 4],
            [4, 4],
            [4, -4],
            [1, -4],
          ],
        ],
      } as Polygon,
    };
    expect(lassoShares(lassoOver(5), [holed]).get('H')).toBeCloseTo((50 - 24) / (100 - 24), 3);
    // Two islands, one inside: half the area.
    const islands = {
      key: 'M',
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: [
          [
            [
              [0, 0],
              [2, 0],
              [2, 2],
              [0, 2],
              [0, 0],
            ],
          ],
          [
            [
              [20, 0],
              [22, 0],
              [22, 2],
              [20, 2],
              [20, 0],
            ],
          ],
        ],
      },
    };
    expect(lassoShares(lassoOver(5), [islands]).get('M')).toBeCloseTo(0.5, 3);
  });

  it('accepts a lasso that crosses itself at its closing, as drawn by hand', () => {
    const crossing: Ring = [
      [-1, -1],
      [11, -1],
      [11, 11],
      [-1, 11],
      [-1, -2],
      [0.5, -3],
    ];
    expect(regionsInLasso(crossing, [shape('U', uRing)])).toEqual(['U']);
    expect(
      regionsInLasso(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ] as Ring,
        [shape('U', uRing)],
      ),
    ).toEqual([]);
  });

  it('measures shares on the map as drawn (Web Mercator): a high-latitude lasso follows the screen', () => {
    // Between 60° and 70° north the upper half of a 10°-high box is larger on screen than its lower half.
    const box: Ring = [
      [0, 60],
      [10, 60],
      [10, 70],
      [0, 70],
      [0, 60],
    ];
    const upper: Ring = [
      [-1, 65],
      [11, 65],
      [11, 71],
      [-1, 71],
    ];
    const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const onScreen = (y(70) - y(65)) / (y(70) - y(60));
    expect(onScreen).toBeGreaterThan(0.54);
    expect(lassoShares(upper, [shape('B', box)]).get('B')).toBeCloseTo(onScreen, 6);
  });

  /** A star-shaped ring (never self-intersecting) around a centre near the equator. */
  const star = (cx: number, cy: number, radii: number[]): Ring => {
    const ring = radii.map((r, i): [number, number] => {
      const a = (2 * Math.PI * i) / radii.length;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
    return [...ring, ring[0]];
  };
  const radii = fc.array(fc.double({ min: 1, max: 8, noNaN: true }), { minLength: 3, maxLength: 14 });
  const mercatorY = (lat: number) => (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;

  it('agrees with a grid of points tested by turf, on the projected shapes', () => {
    fc.assert(
      fc.property(
        radii,
        radii,
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        (shapeRadii, lassoRadii, dx, dy) => {
          const region = star(0, 10, shapeRadii);
          const lasso = star(dx, 10 + dy, lassoRadii);
          const share = lassoShares(lasso.slice(0, -1), [shape('R', region)]).get('R') ?? 0;
          // The reference: the share of a fine grid of the region's points (projected) that fall in the lasso.
          const project = (ring: Ring) => [ring.map(([x, y]) => [x, mercatorY(y)])];
          const regionP = turfPolygon(project(region));
          const lassoP = turfPolygon(project(lasso));
          let inRegion = 0;
          let inBoth = 0;
          const step = 0.1;
          for (let x = -8; x <= 8; x += step) {
            for (let y = mercatorY(1.5); y <= mercatorY(18.5); y += step) {
              if (!booleanPointInPolygon([x, y], regionP)) continue;
              inRegion++;
              if (booleanPointInPolygon([x, y], lassoP)) inBoth++;
            }
          }
          expect(share).toBeCloseTo(inBoth / inRegion, 1);
        },
      ),
      { numRuns: 25 },
    );
  });
});
