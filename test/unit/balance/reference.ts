/**
 * Independent checks for balancing results: written plainly, without the engine's data structures, so a bug in
 * the engine's incremental bookkeeping or its fast connectivity test cannot hide in the check.
 */

/** Whether the units of each territory form one connected piece over an edge list. */
export function everyTerritoryConnected(
  assignment: ArrayLike<number>,
  edges: readonly [number, number][],
  territories: number,
): boolean[] {
  const n = assignment.length;
  const links: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    links[a].push(b);
    links[b].push(a);
  }
  const result: boolean[] = [];
  for (let t = 0; t < territories; t++) {
    const members = [...Array(n).keys()].filter((u) => assignment[u] === t);
    if (members.length === 0) {
      result.push(true);
      continue;
    }
    const seen = new Set([members[0]]);
    const queue = [members[0]];
    while (queue.length) {
      const u = queue.shift()!;
      for (const v of links[u]) {
        if (assignment[v] !== t || seen.has(v)) continue;
        seen.add(v);
        queue.push(v);
      }
    }
    result.push(seen.size === members.length);
  }
  return result;
}

/** Edges of an adjacency in CSR form, each once. */
export function edgesOf(adjacency: { offsets: Uint32Array; neighbours: Uint32Array }): [number, number][] {
  const edges: [number, number][] = [];
  for (let u = 0; u + 1 < adjacency.offsets.length; u++) {
    for (let i = adjacency.offsets[u]; i < adjacency.offsets[u + 1]; i++) {
      const v = adjacency.neighbours[i];
      if (u < v) edges.push([u, v]);
    }
  }
  return edges;
}

/** Sum of a measure per territory. */
export function loadsOf(assignment: ArrayLike<number>, measure: ArrayLike<number>, territories: number): number[] {
  const loads = new Array<number>(territories).fill(0);
  for (let u = 0; u < assignment.length; u++) if (assignment[u] >= 0) loads[assignment[u]] += measure[u];
  return loads;
}

/** Great-circle distance, km (haversine), for checking travel figures. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
