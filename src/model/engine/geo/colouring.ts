/**
 * Territory colours over their adjacency: neighbours never look alike. Colours the planner has (or the last
 * colouring gave) stay where they do not clash, so a colouring is stable from one run to the next; the result is
 * stored on the territories, so it survives a restart.
 */

/** CIE L*a*b* of a #rrggbb colour (D65). */
export function labOf(hex: string): [number, number, number] {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [channel(0), channel(1), channel(2)];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference: under about 25, two fills side by side read as the same hue. */
export function colourDistance(a: string, b: string): number {
  const p = labOf(a.toLowerCase());
  const q = labOf(b.toLowerCase());
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export const LOOK_ALIKE = 25;

export interface ColouringInput {
  /** Territory ids, in a stable order (the plan's). */
  ids: readonly string[];
  /** Current colour of each territory. */
  current: ReadonlyMap<string, string>;
  /** Pairs of territories that touch on the map. */
  neighbours: readonly (readonly [string, string])[];
  palette: readonly string[];
  /** Territories whose colour the planner set and wants kept. */
  locked?: ReadonlySet<string>;
}

/**
 * Colours such that no two neighbours look alike where the palette allows it (greedy, most-constrained first,
 * like DSatur). Returns only the territories whose colour changes.
 */
export function colourTerritories({ ids, current, neighbours, palette, locked }: ColouringInput): Map<string, string> {
  const adjacent = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const [a, b] of neighbours) {
    if (a === b || !adjacent.has(a) || !adjacent.has(b)) continue;
    adjacent.get(a)!.add(b);
    adjacent.get(b)!.add(a);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  const chosen = new Map<string, string>();
  const clashes = (id: string, colour: string) => {
    for (const n of adjacent.get(id)!) {
      const c = chosen.get(n);
      if (c && colourDistance(c, colour) < LOOK_ALIKE) return true;
    }
    return false;
  };
  for (const id of ids) if (locked?.has(id) && current.has(id)) chosen.set(id, current.get(id)!);
  const used = new Map<string, number>();
  for (const c of chosen.values()) used.set(c, (used.get(c) ?? 0) + 1);

  // First keep every current colour that clashes with no kept neighbour (plan order), so that a colouring run
  // again changes nothing and a planner's colours survive where they can.
  for (const id of ids) {
    const mine = current.get(id);
    if (chosen.has(id) || !mine || clashes(id, mine)) continue;
    chosen.set(id, mine);
    used.set(mine, (used.get(mine) ?? 0) + 1);
  }
  const pending = new Set(ids.filter((id) => !chosen.has(id)));
  while (pending.size > 0) {
    // Most already-coloured neighbours first, then most neighbours, then plan order.
    let next: string | null = null;
    let best = [-1, -1, Infinity];
    for (const id of pending) {
      let coloured = 0;
      for (const n of adjacent.get(id)!) if (chosen.has(n)) coloured++;
      const key = [coloured, adjacent.get(id)!.size, order.get(id)!];
      if (key[0] > best[0] || (key[0] === best[0] && (key[1] > best[1] || (key[1] === best[1] && key[2] < best[2])))) {
        best = key;
        next = id;
      }
    }
    const id = next!;
    pending.delete(id);
    let colour: string;
    {
      // The palette colour furthest from every coloured neighbour, the least used among equals.
      let bestColour = palette[0];
      let bestScore = -Infinity;
      for (const candidate of palette) {
        let nearest = Infinity;
        for (const n of adjacent.get(id)!) {
          const c = chosen.get(n);
          if (c) nearest = Math.min(nearest, colourDistance(c, candidate));
        }
        const score = Math.min(nearest, 100) - (used.get(candidate) ?? 0) * 0.01;
        if (score > bestScore) {
          bestScore = score;
          bestColour = candidate;
        }
      }
      colour = bestColour;
    }
    chosen.set(id, colour);
    used.set(colour, (used.get(colour) ?? 0) + 1);
  }
  const changed = new Map<string, string>();
  for (const id of ids) if (chosen.get(id) !== current.get(id)) changed.set(id, chosen.get(id)!);
  return changed;
}
