import { describe, expect, it } from 'vitest';
import { TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import type { GeoJSONStoreFeatures } from 'terra-draw';
import { drawStyles, editCursors, handleSizes } from '../../../src/renderer/app/views/map/drawStyles';

const teal = '#0891b2';
const white = '#ffffff';
/** terra-draw's own blue: what the handles were before, and must not be again. */
const terraDrawBlue = '#3f97e0';

/** A feature as terra-draw's store holds it: a handle (point) of one kind, or an area. */
function point(mode: string, kind: string): GeoJSONStoreFeatures {
  return {
    type: 'Feature',
    id: `${mode}-${kind}`,
    geometry: { type: 'Point', coordinates: [9.4, 47.6] },
    properties: { mode, [kind]: true },
  };
}
function area(mode: string, selected: boolean): GeoJSONStoreFeatures {
  return {
    type: 'Feature',
    id: `${mode}-area`,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [9, 47],
          [10, 47],
          [10, 48],
          [9, 47],
        ],
      ],
    },
    properties: { mode, selected },
  };
}

/** terra-draw's modes, built as the map builds them, styling each kind of feature they draw. */
function modes(colour: `#${string}`) {
  const styles = drawStyles(colour);
  return {
    polygon: new TerraDrawPolygonMode({ styles: styles.polygon, showCoordinatePoints: true }),
    select: new TerraDrawSelectMode({ styles: styles.select, cursors: editCursors }),
  };
}

describe('the styles of an area being drawn or edited', () => {
  it("draws every handle terra-draw shows in the territory's colour, ringed in white, never terra-draw's blue", () => {
    const { polygon, select } = modes(teal);
    const handles = [
      ['corner while drawing', polygon.styleFeature(point('polygon', 'coordinatePoint'))],
      ['closing corner', polygon.styleFeature(point('polygon', 'closingPoint'))],
      ['snapping point', polygon.styleFeature(point('polygon', 'snappingPoint'))],
      ['corner of a selected area', select.styleFeature(point('select', 'selectionPoint'))],
      ['midpoint of a selected area', select.styleFeature(point('select', 'midPoint'))],
    ] as const;
    for (const [name, style] of handles) {
      expect(style.pointColor, name).toBe(teal);
      expect(style.pointOutlineColor, name).toBe(white);
      // Large enough to grab: at least 12 px across with a ring of at least 2 px that reads on any fill.
      expect(style.pointWidth, name).toBeGreaterThanOrEqual(4.5);
      expect(style.pointOutlineWidth, name).toBeGreaterThanOrEqual(2);
    }
  });

  it("draws the area's fill and outline in the territory's colour, being drawn, edited and selected", () => {
    const { polygon, select } = modes(teal);
    const drawn = polygon.styleFeature(area('polygon', false));
    const selected = select.styleFeature(area('polygon', true));
    for (const style of [drawn, selected]) {
      expect(style.polygonFillColor).toBe(teal);
      expect(style.polygonOutlineColor).toBe(teal);
    }
    // Selected reads as selected: a little more tint and a thicker outline than while drawn.
    expect(selected.polygonFillOpacity).toBeGreaterThan(drawn.polygonFillOpacity);
    expect(selected.polygonOutlineWidth).toBeGreaterThan(drawn.polygonOutlineWidth);
  });

  it('sizes the handles by their use: the closing corner the largest, a midpoint smaller and fainter than a corner', () => {
    const { polygon, select } = modes(teal);
    const closing = polygon.styleFeature(point('polygon', 'closingPoint'));
    const corner = polygon.styleFeature(point('polygon', 'coordinatePoint'));
    const selectedCorner = select.styleFeature(point('select', 'selectionPoint'));
    const midpoint = select.styleFeature(point('select', 'midPoint'));
    expect(closing.pointWidth).toBe(handleSizes.closing.radius);
    expect(corner.pointWidth).toBe(handleSizes.corner.radius);
    expect(selectedCorner.pointWidth).toBe(corner.pointWidth);
    expect(closing.pointWidth).toBeGreaterThan(corner.pointWidth);
    expect(midpoint.pointWidth).toBeLessThan(corner.pointWidth);
    expect(midpoint.pointOpacity).toBeLessThan(selectedCorner.pointOpacity ?? 1);
  });

  it('follows the colour it is given: another territory, other handles', () => {
    const purple = '#7c3aed';
    const { polygon, select } = modes(purple);
    expect(polygon.styleFeature(point('polygon', 'coordinatePoint')).pointColor).toBe(purple);
    expect(select.styleFeature(point('select', 'selectionPoint')).pointColor).toBe(purple);
    expect(select.styleFeature(area('polygon', true)).polygonFillColor).toBe(purple);
  });

  it("is checked against terra-draw's defaults: unstyled, the same handles are its blue (the check can fail)", () => {
    const polygon = new TerraDrawPolygonMode({ showCoordinatePoints: true });
    const select = new TerraDrawSelectMode();
    expect(polygon.styleFeature(point('polygon', 'coordinatePoint')).pointColor).toBe(terraDrawBlue);
    expect(select.styleFeature(point('select', 'selectionPoint')).pointColor).toBe(terraDrawBlue);
    expect(select.styleFeature(point('select', 'midPoint')).pointColor).toBe(terraDrawBlue);
  });

  it('names no colour but the territory and the white ring', () => {
    const styles = drawStyles(teal);
    const colours = Object.values({ ...styles.polygon, ...styles.select }).filter((value) => typeof value === 'string');
    expect(new Set(colours)).toEqual(new Set([teal, white]));
  });
});
