/**
 * Which units touch: a Delaunay triangulation of the units' locations, as a compressed adjacency list, and the
 * connectivity checks that keep each territory one connected area over it (contiguity, as territory-design
 * research defines it: a territory is connected in the units' adjacency graph).
 */
import Delaunator from 'delaunator';

/** Neighbours of unit u are `neighbours[offsets[u] .. offsets[u + 1])`. */
export interface Adjacency {
  offsets: Uint32Array;
  neighbours: Uint32Array;
  /**
   * 1 where the unit's neighbours are listed in angular order and each is linked to the next, round the circle
   * (an inner vertex of a triangulation): then whether a territory stays connected without the unit can be read
   * from its neighbours alone.
   */
  ringed?: Uint8Array;
}

/**
 * Adjacency of points by Delaunay triangulation. Points at the same place (two postal codes geocoded to one
 * centroid) are joined to the first of them and share its neighbours' links through it, so every unit is reachable.
 */
export function delaunayAdjacency(x: Float64Array, y: Float64Array): Adjacency {
  const n = x.length;
  // Coincident points: Delaunator leaves all but one out of its triangles.
  const firstAt = new Map<string, number>();
  const twinOf = new Int32Array(n).fill(-1);
  const distinct: number[] = [];
  for (let u = 0; u < n; u++) {
    const key = `${x[u]},${y[u]}`;
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, u);
      distinct.push(u);
    } else twinOf[u] = first;
  }
  const pairs: number[] = [];
  if (distinct.length >= 3) {
    const coords = new Float64Array(distinct.length * 2);
    distinct.forEach((u, i) => {
      coords[2 * i] = x[u];
      coords[2 * i + 1] = y[u];
    });
    const { triangles, hull } = new Delaunator(coords);
    for (let t = 0; t < triangles.length; t += 3) {
      for (let e = 0; e < 3; e++) {
        const a = distinct[triangles[t + e]];
        const b = distinct[triangles[t + ((e + 1) % 3)]];
        pairs.push(a, b);
      }
    }
    // All points on one line: no triangles, only a hull; link along it.
    if (triangles.length === 0)
      for (let i = 1; i < hull.length; i++) pairs.push(distinct[hull[i - 1]], distinct[hull[i]]);
  } else {
    for (let i = 1; i < distinct.length; i++) pairs.push(distinct[i - 1], distinct[i]);
  }
  for (let u = 0; u < n; u++) if (twinOf[u] >= 0) pairs.push(u, twinOf[u]);
  const adjacency = fromPairs(n, pairs);
  if (distinct.length >= 3) ringNeighbours(adjacency, x, y, twinOf, pairs);
  return adjacency;
}

/**
 * Sorts each inner unit's neighbours by angle and marks it ringed when each is linked to the next all round. Hull
 * units (their ring is open) and units with a twin at the same place are left for the full search.
 */
function ringNeighbours(adjacency: Adjacency, x: Float64Array, y: Float64Array, twinOf: Int32Array, pairs: number[]) {
  const { offsets, neighbours } = adjacency;
  const n = x.length;
  const ringed = new Uint8Array(n);
  const twinned = new Uint8Array(n);
  for (let u = 0; u < n; u++) if (twinOf[u] >= 0) twinned[u] = twinned[twinOf[u]] = 1;
  const linked = new Set<number>();
  for (let i = 0; i < pairs.length; i += 2) linked.add(pairs[i] * n + pairs[i + 1]).add(pairs[i + 1] * n + pairs[i]);
  for (let u = 0; u < n; u++) {
    if (twinned[u]) continue;
    const from = offsets[u];
    const to = offsets[u + 1];
    const around = Array.from(neighbours.subarray(from, to)).sort(
      (a, b) => Math.atan2(y[a] - y[u], x[a] - x[u]) - Math.atan2(y[b] - y[u], x[b] - x[u]),
    );
    neighbours.set(around, from);
    let closed = around.length >= 3;
    for (let i = 0; closed && i < around.length; i++) {
      closed = linked.has(around[i] * n + around[(i + 1) % around.length]);
    }
    if (closed) ringed[u] = 1;
  }
  adjacency.ringed = ringed;
}

/** An adjacency from undirected pairs (a, b, a, b, ...); duplicates and self-links dropped. */
export function fromPairs(n: number, pairs: readonly number[]): Adjacency {
  const seen = new Set<number>();
  const degree = new Uint32Array(n);
  const kept: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    let a = pairs[i];
    let b = pairs[i + 1];
    if (a === b) continue;
    if (a > b) [a, b] = [b, a];
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(a, b);
    degree[a]++;
    degree[b]++;
  }
  const offsets = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u] + degree[u];
  const fill = offsets.slice(0, n);
  const neighbours = new Uint32Array(offsets[n]);
  for (let i = 0; i < kept.length; i += 2) {
    neighbours[fill[kept[i]]++] = kept[i + 1];
    neighbours[fill[kept[i + 1]]++] = kept[i];
  }
  return { offsets, neighbours };
}

/** How many connected pieces each territory's units form (0 for a territory with no unit). */
export function piecesPerTerritory(adjacency: Adjacency, assignment: Int32Array, territories: number): Uint32Array {
  const pieces = new Uint32Array(territories);
  const seen = new Uint8Array(assignment.length);
  const stack: number[] = [];
  for (let start = 0; start < assignment.length; start++) {
    const t = assignment[start];
    if (t < 0 || seen[start]) continue;
    pieces[t]++;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; i++) {
        const v = adjacency.neighbours[i];
        if (!seen[v] && assignment[v] === t) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
  }
  return pieces;
}

/**
 * Whether taking a unit out of its territory surely leaves the rest of it connected. On a ring (see Adjacency) the
 * neighbours answer; elsewhere it searches breadth-first from each of
 * the unit's neighbours in the territory at once, one step each in turn, joining searches that meet: they all meet
 * within a few steps around a boundary unit, and when the unit does cut the territory, the search on the smaller
 * side runs dry first, so a refusal costs the smaller piece, not the whole territory.
 */
export class ContiguityGuard {
  private readonly stamp: Uint32Array;
  private readonly owner: Int32Array;
  private visit = 0;

  constructor(
    private readonly adjacency: Adjacency,
    units: number,
  ) {
    this.stamp = new Uint32Array(units);
    this.owner = new Int32Array(units);
  }

  staysConnectedWithout(unit: number, assignment: Int32Array): boolean {
    const { offsets, neighbours } = this.adjacency;
    const t = assignment[unit];
    const starts: number[] = [];
    for (let i = offsets[unit]; i < offsets[unit + 1]; i++)
      if (assignment[neighbours[i]] === t) starts.push(neighbours[i]);
    if (starts.length <= 1) return true;
    // On a ring, several arcs usually mean a cut; when they do not, the territory joins up far round, and a
    // refusal there costs a little freedom but saves a search of the whole territory for every boundary unit.
    if (this.adjacency.ringed?.[unit] === 1) return oneArc(unit, t, assignment, offsets, neighbours);
    if (++this.visit === 0xffffffff) {
      this.stamp.fill(0);
      this.visit = 1;
    }
    const mark = this.visit;
    const { stamp, owner } = this;
    stamp[unit] = mark;
    owner[unit] = -1;
    const searches = starts.length;
    const group = starts.map((_, s) => s);
    const find = (s: number): number => {
      while (group[s] !== s) s = group[s] = group[group[s]];
      return s;
    };
    const queues = starts.map((start, s) => {
      stamp[start] = mark;
      owner[start] = s;
      return [start];
    });
    const heads = new Array<number>(searches).fill(0);
    let groups = searches;
    for (;;) {
      for (let s = 0; s < searches; s++) {
        if (heads[s] >= queues[s].length) continue;
        const u = queues[s][heads[s]++];
        for (let i = offsets[u]; i < offsets[u + 1]; i++) {
          const v = neighbours[i];
          if (assignment[v] !== t) continue;
          if (stamp[v] !== mark) {
            stamp[v] = mark;
            owner[v] = s;
            queues[s].push(v);
          } else if (owner[v] >= 0) {
            const a = find(owner[v]);
            const b = find(s);
            if (a !== b) {
              group[a] = b;
              if (--groups === 1) return true;
            }
          }
        }
      }
      // A group whose searches have all run dry is a piece the unit cuts off.
      const open = new Uint8Array(searches);
      for (let s = 0; s < searches; s++) if (heads[s] < queues[s].length) open[find(s)] = 1;
      for (let s = 0; s < searches; s++) if (find(s) === s && !open[s]) return false;
    }
  }
}

/** Whether the unit's neighbours in territory t form one unbroken arc of its ring (so they stay linked without it). */
function oneArc(
  unit: number,
  t: number,
  assignment: Int32Array,
  offsets: Uint32Array,
  neighbours: Uint32Array,
): boolean {
  const from = offsets[unit];
  const count = offsets[unit + 1] - from;
  let starts = 0;
  for (let i = 0; i < count; i++) {
    const inside = assignment[neighbours[from + i]] === t;
    const before = assignment[neighbours[from + ((i + count - 1) % count)]] === t;
    if (inside && !before) starts++;
  }
  return starts <= 1;
}
