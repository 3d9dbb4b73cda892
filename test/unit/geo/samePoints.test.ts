/**
 * The Map view keeps the points it shows when the model answers the same points again (a territory's regions or
 * areas changed, no account moved): no new upload to the GPU, no legend counted again. Any change of a point, its
 * place or its territory is a new answer.
 */
import { describe, expect, it } from 'vitest';
import type { RecordPoints } from '../../../src/shared/api';
import { samePoints } from '../../../src/renderer/app/views/map/pointsLayer';

function points(overrides: Partial<RecordPoints> = {}): RecordPoints {
  return {
    recordIds: Uint32Array.of(0, 2, 5),
    lonLat: Float32Array.of(2.35, 48.85, 4.83, 45.76, -71.06, 42.36),
    territoryOfPoint: Int32Array.of(0, 1, -1),
    territoryIds: ['t-nord', 't-sud'],
    territoryColors: ['#1f77b4', '#ff7f0e'],
    ...overrides,
  };
}

describe('samePoints', () => {
  it('takes an equal answer (new arrays, same contents) for the same points', () => {
    expect(samePoints(points(), points())).toBe(true);
    // Colours are the plan store's: a recolour alone moves no point.
    expect(samePoints(points(), points({ territoryColors: ['#000000', '#ffffff'] }))).toBe(true);
    const none = { recordIds: new Uint32Array(0), lonLat: new Float32Array(0) };
    expect(samePoints(none, { ...none })).toBe(true);
  });

  it('tells a point added, moved, or placed in another territory', () => {
    expect(samePoints(points(), points({ recordIds: Uint32Array.of(0, 2, 6) }))).toBe(false);
    expect(samePoints(points(), points({ lonLat: Float32Array.of(2.35, 48.85, 4.83, 45.76, -71.06, 42.4) }))).toBe(
      false,
    );
    expect(samePoints(points(), points({ territoryOfPoint: Int32Array.of(0, 0, -1) }))).toBe(false);
    expect(samePoints(points(), points({ territoryIds: ['t-nord', 't-est'] }))).toBe(false);
    expect(samePoints(points(), points({ territoryOfPoint: undefined, territoryIds: undefined }))).toBe(false);
    expect(
      samePoints(
        points(),
        points({ recordIds: Uint32Array.of(0, 2), lonLat: Float32Array.of(2.35, 48.85, 4.83, 45.76) }),
      ),
    ).toBe(false);
  });
});
