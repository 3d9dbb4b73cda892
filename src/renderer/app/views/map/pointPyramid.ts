/**
 * Level of detail for the accounts layer. A million points drawn one by one cost seconds per frame in software
 * rendering (SwiftShader) and make a blot at continent zoom anyway, so the points are sorted once along a Z-order
 * (Morton) curve over a 2^16 × 2^16 Web Mercator grid and aggregated into a pyramid: each level merges the points
 * of one grid cell into one dot (weighted centre, the colour most of them have, their count, the largest size).
 * A frame draws the level whose cells are about a dot wide at the current zoom, and only the key ranges of the
 * cells in view (a Morton-sorted array keeps every quadtree cell contiguous). The points themselves are drawn once
 * few enough of them are in view.
 *
 * All arrays are typed; nothing here allocates per point objects.
 */

/** Bits per axis of the finest grid (2^16 cells across the world: about 600 m at the equator). */
export const FINEST_BITS = 16;
/** The coarsest aggregated level (2^6 = 64 cells across the world). */
export const COARSEST_BITS = 6;

export interface PointLevel {
  /** Bits per axis of this level's grid; the raw points carry the finest keys. */
  bits: number;
  /** True for the individual points (sorted, not merged). */
  raw: boolean;
  /** Morton key of each entry's cell at `bits`, ascending. */
  keys: Uint32Array;
  /** Mercator x, y per entry. */
  positions: Float32Array;
  /** RGBA per entry. */
  colors: Uint8Array;
  /** 0..1 per entry (sizing by revenue). */
  sizes: Float32Array;
  /** Points merged into each entry. */
  counts: Float32Array;
}

/** Spreads the low 16 bits of v to the even bits of a 32-bit word. */
function spread(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}

/** Morton key of grid cell (cx, cy) (each below 2^16): x on the even bits, y on the odd ones. */
export function morton(cx: number, cy: number): number {
  return (spread(cx) | (spread(cy) << 1)) >>> 0;
}

const FINEST = 1 << FINEST_BITS;

/** The cell of a Mercator coordinate in [0, 1] on the finest grid (clamped to the world). */
export function cellOf(v: number): number {
  const c = Math.floor(v * FINEST);
  return c < 0 ? 0 : c >= FINEST ? FINEST - 1 : c;
}

/** The finest Morton key of every point. */
export function pointKeys(positions: Float32Array): Uint32Array {
  const n = positions.length / 2;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = morton(cellOf(positions[2 * i]), cellOf(positions[2 * i + 1]));
  return keys;
}

/** The point indices in ascending key order (stable): a least-significant-digit radix sort in two 16-bit passes. */
export function sortedOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[from[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const p = from[i];
      to[counts[(keys[p] >>> shift) & 0xffff]++] = p;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** The points themselves in key order. */
export function rawLevel(
  keys: Uint32Array,
  order: Uint32Array,
  positions: Float32Array,
  colors: Uint8Array,
  sizes: Float32Array,
): PointLevel {
  const n = order.length;
  const level: PointLevel = {
    bits: FINEST_BITS,
    raw: true,
    keys: new Uint32Array(n),
    positions: new Float32Array(2 * n),
    colors: new Uint8Array(4 * n),
    sizes: new Float32Array(n),
    counts: new Float32Array(n).fill(1),
  };
  const colors32 = new Uint32Array(colors.buffer, colors.byteOffset, n);
  const out32 = new Uint32Array(level.colors.buffer);
  for (let i = 0; i < n; i++) {
    const p = order[i];
    level.keys[i] = keys[p];
    level.positions[2 * i] = positions[2 * p];
    level.positions[2 * i + 1] = positions[2 * p + 1];
    out32[i] = colors32[p];
    level.sizes[i] = sizes[p] ?? 0;
  }
  return level;
}

/**
 * The entries of `from` (the raw points) merged per cell of the grid with `bits` per axis. The colour is the one
 * most of the cell's points have (a majority vote over the points, exact when one colour holds the majority).
 */
export function aggregate(from: PointLevel, bits: number): PointLevel {
  const shift = 2 * (from.bits - bits);
  const div = 2 ** shift;
  const n = from.keys.length;
  // Count the cells first, to size the arrays exactly.
  let cells = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const k = Math.floor(from.keys[i] / div);
    if (k !== last) {
      cells++;
      last = k;
    }
  }
  const level: PointLevel = {
    bits,
    raw: false,
    keys: new Uint32Array(cells),
    positions: new Float32Array(2 * cells),
    colors: new Uint8Array(4 * cells),
    sizes: new Float32Array(cells),
    counts: new Float32Array(cells),
  };
  const inColors = new Uint32Array(from.colors.buffer, from.colors.byteOffset, n);
  const outColors = new Uint32Array(level.colors.buffer);
  let c = -1;
  last = -1;
  let sx = 0;
  let sy = 0;
  let total = 0;
  let candidate = 0;
  let weight = 0;
  let size = 0;
  const flush = () => {
    if (c < 0) return;
    level.positions[2 * c] = sx / total;
    level.positions[2 * c + 1] = sy / total;
    level.counts[c] = total;
    outColors[c] = candidate;
    level.sizes[c] = size;
  };
  for (let i = 0; i < n; i++) {
    const k = Math.floor(from.keys[i] / div);
    if (k !== last) {
      flush();
      c++;
      last = k;
      level.keys[c] = k;
      sx = sy = total = weight = size = 0;
    }
    const m = from.counts[i];
    sx += from.positions[2 * i] * m;
    sy += from.positions[2 * i + 1] * m;
    total += m;
    const color = inColors[i];
    if (color === candidate) weight += m;
    else if (weight < m) {
      candidate = color;
      weight = m - weight;
    } else weight -= m;
    if (from.sizes[i] > size) size = from.sizes[i];
  }
  flush();
  return level;
}

/** Number of levels: the raw points, then one per grid from the finest to the coarsest. */
export const LEVEL_COUNT = 2 + FINEST_BITS - COARSEST_BITS;

/** Bits per axis of level `index` (1 … LEVEL_COUNT - 1). */
export const bitsOfLevel = (index: number) => FINEST_BITS + 1 - index;

/** The raw points (index 0) and every aggregated level from the finest grid to the coarsest (index 1 …). */
export function buildLevels(
  keys: Uint32Array,
  order: Uint32Array,
  positions: Float32Array,
  colors: Uint8Array,
  sizes: Float32Array,
): PointLevel[] {
  const raw = rawLevel(keys, order, positions, colors, sizes);
  return [raw, ...Array.from({ length: LEVEL_COUNT - 1 }, (_, i) => aggregate(raw, bitsOfLevel(i + 1)))];
}

/** First index whose key is at least `value`. */
function lowerBound(keys: Uint32Array, value: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A Mercator box, [0, 1] each way. */
export interface MercatorBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The [first, count] ranges of `level` whose cells may fall in `box`: the box is covered by a few quadtree cells
 * (about four across its longer side), each a contiguous key range; adjacent ranges are merged. Every entry inside
 * the box is in a range (entries just outside may be too).
 */
export function rangesInView(level: PointLevel, box: MercatorBox): [number, number][] {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const minX = clamp(box.minX);
  const maxX = clamp(box.maxX);
  const minY = clamp(box.minY);
  const maxY = clamp(box.maxY);
  const span = Math.max(maxX - minX, maxY - minY, 2 ** -level.bits);
  const q = Math.max(0, Math.min(level.bits, Math.floor(-Math.log2(span)) + 2));
  const cells = 2 ** q;
  const cell = (v: number) => Math.min(cells - 1, Math.floor(v * cells));
  const width = 2 ** (2 * (level.bits - q));
  const starts: number[] = [];
  for (let cy = cell(minY); cy <= cell(maxY); cy++) {
    for (let cx = cell(minX); cx <= cell(maxX); cx++) starts.push(morton(cx, cy));
  }
  starts.sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const start of starts) {
    const first = lowerBound(level.keys, start * width);
    const end = lowerBound(level.keys, (start + 1) * width);
    if (end === first) continue;
    const previous = ranges[ranges.length - 1];
    if (previous && previous[0] + previous[1] === first) previous[1] += end - first;
    else ranges.push([first, end - first]);
  }
  return ranges;
}

/** Entries in the ranges. */
export function countIn(ranges: readonly [number, number][]): number {
  let n = 0;
  for (const [, count] of ranges) n += count;
  return n;
}

/** In view, up to this many points are always drawn themselves: few enough to cost little however they overlap. */
const FEW_POINTS = 4_000;

/**
 * The level to draw: the points themselves when at most `rawBudget` of them are in view and they do not crowd, else
 * the aggregated level whose cells are about `cellPx` wide at `zoom` (MapLibre's world is 512 × 2^zoom pixels wide).
 * Points crowd when that level holds fewer than half as many entries in view: most dots would then be drawn over
 * others, and the level's dots, a dot wide each, draw the same picture for a fraction (the accounts around Chicago
 * at county zoom in `npm run bench map`: 34,000 dots of 6.5 px, 45 ms of a frame in SwiftShader; aggregated, 2 ms).
 * `level` answers a level by index (built on first use).
 */
export function levelFor(
  level: (index: number) => PointLevel,
  zoom: number,
  box: MercatorBox,
  cellPx = 2,
  rawBudget = 150_000,
): { index: number; ranges: [number, number][] } {
  const rawRanges = rangesInView(level(0), box);
  const raw = countIn(rawRanges);
  if (raw <= FEW_POINTS) return { index: 0, ranges: rawRanges };
  const bits = Math.max(COARSEST_BITS, Math.min(FINEST_BITS, Math.floor(zoom + 9 - Math.log2(cellPx))));
  const index = FINEST_BITS + 1 - bits;
  const ranges = rangesInView(level(index), box);
  if (raw <= rawBudget && 2 * countIn(ranges) >= raw) return { index: 0, ranges: rawRanges };
  return { index, ranges };
}
