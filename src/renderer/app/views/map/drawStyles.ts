/**
 * How terra-draw shows an area being drawn or edited: in its territory's colour, as the area shows once saved, with
 * handles a mouse or trackpad grabs easily. terra-draw's defaults are its own blue (#3f97e0) and 6 px dots with no
 * outline, which clash with the territory and vanish on a fill of the same hue.
 *
 * terra-draw styles each kind of point apart (corners while drawing, the corner that closes the area, the corners
 * and midpoints of a selected area), so every kind is named here; sizes are MapLibre circle radii, in CSS pixels.
 */
import type { TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';

type HexColour = `#${string}`;
type PolygonStyles = NonNullable<NonNullable<ConstructorParameters<typeof TerraDrawPolygonMode>[0]>['styles']>;
type SelectStyles = NonNullable<NonNullable<ConstructorParameters<typeof TerraDrawSelectMode>[0]>['styles']>;
type SelectCursors = NonNullable<NonNullable<ConstructorParameters<typeof TerraDrawSelectMode>[0]>['cursors']>;

/** The ring around every handle: it reads on the area's own tint, on land, water and other territories. */
const ring = '#ffffff';

/** Radii (CSS px) and ring widths: a corner is 16 px across, the corner that finishes an area 20 px. */
export const handleSizes = {
  corner: { radius: 6, ring: 2 },
  closing: { radius: 7, ring: 3 },
  midpoint: { radius: 4.5, ring: 2 },
} as const;

/** The area's fill while drawn or edited (the saved area's fill is 0.22, basemap.ts) and its outline's width. */
const fillOpacity = 0.22;
const selectedFillOpacity = 0.3;
const outlineWidth = 2.5;
/** A midpoint is a place to add a corner, not a corner: fainter than the corners beside it. */
const midpointOpacity = 0.75;

/** The styles of terra-draw's polygon (drawing) and select (editing) modes for an area of `colour`. */
export function drawStyles(colour: HexColour): { polygon: PolygonStyles; select: SelectStyles } {
  const { corner, closing, midpoint } = handleSizes;
  return {
    polygon: {
      fillColor: colour,
      fillOpacity,
      outlineColor: colour,
      outlineWidth,
      outlineOpacity: 1,
      coordinatePointColor: colour,
      coordinatePointWidth: corner.radius,
      coordinatePointOutlineColor: ring,
      coordinatePointOutlineWidth: corner.ring,
      closingPointColor: colour,
      closingPointWidth: closing.radius,
      closingPointOutlineColor: ring,
      closingPointOutlineWidth: closing.ring,
      // Not shown today (no snapping, no editing in the polygon mode), styled alike should they be turned on.
      snappingPointColor: colour,
      snappingPointWidth: corner.radius,
      snappingPointOutlineColor: ring,
      snappingPointOutlineWidth: corner.ring,
      editedPointColor: colour,
      editedPointWidth: corner.radius,
      editedPointOutlineColor: ring,
      editedPointOutlineWidth: corner.ring,
    },
    select: {
      selectedPolygonColor: colour,
      selectedPolygonFillOpacity: selectedFillOpacity,
      selectedPolygonOutlineColor: colour,
      selectedPolygonOutlineWidth: outlineWidth + 0.5,
      selectedPolygonOutlineOpacity: 1,
      selectionPointColor: colour,
      selectionPointWidth: corner.radius,
      selectionPointOpacity: 1,
      selectionPointOutlineColor: ring,
      selectionPointOutlineWidth: corner.ring,
      selectionPointOutlineOpacity: 1,
      midPointColor: colour,
      midPointWidth: midpoint.radius,
      midPointOpacity: midpointOpacity,
      midPointOutlineColor: ring,
      midPointOutlineWidth: midpoint.ring,
      midPointOutlineOpacity: 1,
    },
  };
}

/**
 * terra-draw has no hover style for its handles; it sets the pointer instead. A hand over a corner that grabs it
 * while dragged, a plus over a midpoint (a click or a drag adds a corner there), the four arrows over an area.
 */
export const editCursors: SelectCursors = {
  pointerOver: 'move',
  pointerOverFeature: 'move',
  pointerOverCoordinate: 'grab',
  dragStart: 'grabbing',
  dragEnd: 'grab',
  insertMidpoint: 'copy',
};
