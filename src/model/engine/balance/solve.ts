/**
 * Balancing territories: a location–allocation heuristic with local search, after the territory-design literature
 * (Kalcsics, Nickel & Schröder's survey; Ríos-Mercado & Fernández's GRASP for commercial territory design).
 *
 * 1. Start: the plan's current territories, or (from scratch, or for units in no territory) seeds spread by
 *    k-means++ and grown over the unit adjacency, the lightest territory taking its nearest free neighbour first.
 *    With contiguity asked, the stray pieces of a territory are given back and regrown, so every territory starts
 *    as one connected area.
 * 2. Improve: boundary units move to a neighbouring territory when that lowers the objective, with a cooling
 *    acceptance of a few worse moves early on; the best assignment seen is kept. Moves never empty a territory,
 *    never cut one in two (with contiguity), never touch a fixed unit or a locked territory, and never push the
 *    disruption past its cap.
 *
 * Objective (each term testable on its own in objective.ts): balance of each measure within its tolerance,
 * compactness (account-weighted distance to the territory's centre, relative to the spread around one centre), and
 * a price for each unit moved away from where it was. Pure and deterministic: the same input and seed give the
 * same answer.
 */
import { ContiguityGuard, delaunayAdjacency, piecesPerTerritory, type Adjacency } from './graph';
import { Objective, type MeasureGoal } from './objective';
import { randomSource } from './random';
import { fromDegrees, toSphere, type Sphere } from './sphere';

export interface BalanceUnits {
  /** Degrees, WGS84. */
  longitude: Float64Array;
  latitude: Float64Array;
  /** What is balanced: measures[m][u]; the first is the primary measure. */
  measures: readonly Float64Array[];
  /** Accounts in each unit: compactness weighs distance by them; disruption may count them. */
  accounts: Float64Array;
  /** Revenue in each unit, for a disruption cap by revenue. */
  revenue: Float64Array;
  /** Territory each unit is in now (-1: none). */
  start: Int32Array;
  /** 1: the unit stays where it is (manual placements, locked accounts). */
  fixed: Uint8Array;
}

export interface BalanceOptions {
  territories: number;
  /** 1 per locked territory: its units stay and nothing moves in. */
  locked?: Uint8Array;
  /** One per measure, in the units' order. */
  goals: readonly MeasureGoal[];
  contiguity: boolean;
  /** Weight of compactness against balance (0: ignore distances). */
  compactness: number;
  /** Fixed centres (say the managers' home bases), degrees; NaN where a territory has none. */
  homeBases?: HomeBases;
  /** At most this share of accounts (or revenue) may change territory. */
  maxDisruption?: { share: number; by: 'accounts' | 'revenue' };
  /** Price of moving a unit away from its territory, in shares of an average territory's primary load. */
  keepThreshold?: number;
  /** Loads that do not move (accounts without a location, say): baseLoads[m][t]. */
  baseLoads?: readonly Float64Array[];
  /** Ignore the current territories of movable units and build the territories anew. */
  fromScratch?: boolean;
  seed: number;
  /** Fresh builds to try, each from its own seed (default 1). */
  starts?: number;
  /** Improvement passes at most (each visits every boundary unit once). */
  maxPasses?: number;
  /** Adjacency of the units (computed by Delaunay triangulation when absent). */
  adjacency?: Adjacency;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface BalanceSolution {
  assignment: Int32Array;
  /** loads[m][t]. */
  loads: Float64Array[];
  /** Connected pieces of each territory over the adjacency. */
  pieces: Uint32Array;
  /** Units, accounts and revenue now in another territory than at the start. */
  movedUnits: number;
  movedAccounts: number;
  movedRevenue: number;
  /** Account-weighted distance to the territory centres, km, summed. */
  travel: number;
  objective: number;
  passes: number;
  /** Centres of the territories at the end, degrees (NaN for an empty territory). */
  centres: { longitude: Float64Array; latitude: Float64Array };
  /** When contiguity was asked but a territory could not be made one piece (fixed units apart). */
  contiguityBrokenBy: 'fixedUnits' | 'lockedTerritories' | null;
}

export class BalanceCancelled extends Error {
  constructor() {
    super('Balancing cancelled');
  }
}

/** Progress of a run: passes done of the most it may take, over all starts. */
export interface BalanceProgress {
  done: number;
  total: number;
}

/** Balances in one go (tests, benchmarks, the command line). */
export function balanceTerritories(units: BalanceUnits, options: BalanceOptions): BalanceSolution {
  const steps = balanceSteps(units, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value.done, step.value.total);
  }
}

/**
 * Balances one pass at a time, waiting for `pause` between passes, so the model's worker can take a cancel and
 * send progress while it works.
 */
export async function balanceTerritoriesInSteps(
  units: BalanceUnits,
  options: BalanceOptions,
  pause: () => Promise<void>,
): Promise<BalanceSolution> {
  const steps = balanceSteps(units, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value.done, step.value.total);
    await pause();
    if (options.signal?.aborted) throw new BalanceCancelled();
  }
}

function* balanceSteps(units: BalanceUnits, options: BalanceOptions): Generator<BalanceProgress, BalanceSolution> {
  const sphere = toSphere(units.longitude, units.latitude);
  const adjacency = options.adjacency ?? delaunayAdjacency(sphere.planeX, sphere.planeY);
  // Several starts (GRASP): each from its own seed; the best wins. Only a fresh build has more than one start.
  // Improving a plan with nothing that prices a move (no cap, no keep threshold) may also start afresh: the
  // current plan can be too far from even for moves at the borders to get there.
  const starts = options.fromScratch ? Math.max(1, options.starts ?? 1) : 1;
  const alsoFresh = !options.fromScratch && !options.maxDisruption && !options.keepThreshold && !options.homeBases;
  const runs = starts + (alsoFresh ? 1 : 0);
  const maxPasses = options.maxPasses ?? 200;
  let best: BalanceSolution | null = null;
  for (let i = 0; i < runs; i++) {
    const fresh = i >= starts;
    const once = solveOnce(units, sphere, adjacency, {
      ...options,
      fromScratch: options.fromScratch || fresh,
      seed: options.seed + i,
    });
    let step = once.next();
    while (!step.done) {
      yield { done: i * maxPasses + step.value, total: runs * maxPasses };
      step = once.next();
    }
    if (!best || step.value.objective < best.objective) best = step.value;
  }
  return best!;
}

function* solveOnce(
  units: BalanceUnits,
  sphere: Sphere,
  adjacency: Adjacency,
  options: BalanceOptions,
): Generator<number, BalanceSolution> {
  const n = units.start.length;
  const k = options.territories;
  const locked = options.locked ?? new Uint8Array(k);
  const random = randomSource(options.seed);

  const assignment = Int32Array.from(units.start);
  const movable = (u: number) => units.fixed[u] === 0 && !(assignment[u] >= 0 && locked[assignment[u]] === 1);
  for (let u = 0; u < n; u++) {
    if (assignment[u] >= k) throw new RangeError(`unit ${u} is in territory ${assignment[u]} of ${k}`);
    if (options.fromScratch && movable(u)) assignment[u] = -1;
  }
  // A fresh build without home bases: cut the map in slabs of even load (recursive bisection), which a local
  // search cannot reach from grown seeds when accounts crowd in a few places (a load must cross many territories).
  const start: StartingAssignment = { assignment, sphere, units, locked, k, random };
  if (options.fromScratch && !options.homeBases) bisectFreeUnits(start);
  let contiguityBrokenBy: BalanceSolution['contiguityBrokenBy'] = null;
  if (options.contiguity) contiguityBrokenBy = releaseStrayPieces(assignment, adjacency, units, locked, k);
  if (options.homeBases) {
    // Without contiguity, the closest base is where travel is least: start there and let the search balance.
    if (!options.contiguity) nearestHomeBase(start, options.homeBases);
    else seedAtHomeBases(start, options.homeBases);
  }
  seedEmptyTerritories(start);
  growIntoFreeUnits(start, adjacency);
  // Units no territory could reach (walled in by locked territories) go back where they were, or stay in none.
  for (let u = 0; u < n; u++) {
    if (assignment[u] < 0 && units.start[u] >= 0) {
      assignment[u] = units.start[u];
      if (options.contiguity) contiguityBrokenBy ??= 'lockedTerritories';
    }
  }

  const objective = new Objective(units, sphere, options, k);
  objective.reset(assignment);
  const guard = new ContiguityGuard(adjacency, n);
  const anyTerritory = !options.contiguity && k <= 32;
  const maxPasses = options.maxPasses ?? 200;
  const best = Int32Array.from(assignment);
  let bestValue = objective.value;
  let passes = 0;
  // Cooling: early passes accept a worse move with probability exp(-delta / temperature).
  let temperature = objective.value > 0 ? objective.value * 1e-6 : 0;
  const coldest = temperature * 1e-3;
  let quiet = 0;
  const order = new Uint32Array(n);
  for (let u = 0; u < n; u++) order[u] = u;
  const search: LocalSearch = { assignment, adjacency, objective, guard, units, locked, options, k };

  for (; passes < maxPasses; passes++) {
    if (options.signal?.aborted) throw new BalanceCancelled();
    yield passes;
    objective.recentre(assignment);
    random.shuffle(order);
    let improved = false;
    for (let i = 0; i < n; i++) {
      const u = order[i];
      const from = assignment[u];
      if (from < 0 || units.fixed[u] === 1 || locked[from] === 1 || objective.count[from] <= 1) continue;
      let to = -1;
      let toDelta = Infinity;
      if (!objective.disruptionAllows(u, from)) continue;
      const consider = (b: number) => {
        if (b < 0 || b === from || locked[b] === 1 || b === to) return;
        const delta = objective.delta(u, from, b);
        if (delta < toDelta) {
          toDelta = delta;
          to = b;
        }
      };
      // Without contiguity a unit may go to any territory (when there are few); else only to a neighbouring one.
      if (anyTerritory) for (let b = 0; b < k; b++) consider(b);
      else
        for (let e = adjacency.offsets[u]; e < adjacency.offsets[u + 1]; e++)
          consider(assignment[adjacency.neighbours[e]]);
      if (to < 0) continue;
      const accept =
        toDelta < -1e-12 || (temperature > 0 && toDelta > 0 && random.next() < Math.exp(-toDelta / temperature));
      if (!accept) continue;
      if (options.contiguity && !guard.staysConnectedWithout(u, assignment)) continue;
      objective.move(u, from, to);
      assignment[u] = to;
      if (toDelta < -1e-12) improved = true;
    }
    // The best assignment is looked for at the end of each pass (copying it after every move would cost n²).
    if (objective.value < bestValue - 1e-12) {
      bestValue = objective.value;
      best.set(assignment);
    }
    temperature *= 0.7;
    if (temperature < coldest) temperature = 0;
    // Stuck on single moves: two units trading places often gets out (a band full on both sides, say).
    if (!improved && temperature === 0) improved = swapPass(search, order);
    // A load may have to cross territories that are at the mean: pass it along chains of them.
    if (chainPass(search)) improved = true;
    if (objective.value < bestValue - 1e-12) {
      bestValue = objective.value;
      best.set(assignment);
    }
    quiet = improved ? 0 : quiet + 1;
    if (quiet >= 2 && temperature === 0) {
      passes++;
      break;
    }
  }

  objective.reset(best);
  return {
    assignment: best,
    loads: objective.loads.map((l) => Float64Array.from(l)),
    pieces: piecesPerTerritory(adjacency, best, k),
    movedUnits: objective.movedUnits(best),
    movedAccounts: objective.moved.accounts,
    movedRevenue: objective.moved.revenue,
    travel: objective.travelKm(best),
    objective: objective.value,
    passes,
    centres: objective.centresInDegrees(),
    contiguityBrokenBy,
  };
}

/**
 * Gives back the units of every piece of a territory but its heaviest (by the primary measure), so that growth
 * can hand them to a neighbour. Pieces holding fixed units stay; the answer says when that leaves one in pieces.
 */
function releaseStrayPieces(
  assignment: Int32Array,
  adjacency: Adjacency,
  units: BalanceUnits,
  locked: Uint8Array,
  k: number,
): 'fixedUnits' | null {
  const n = assignment.length;
  const piece = new Int32Array(n).fill(-1);
  const pieceTerritory: number[] = [];
  const pieceWeight: number[] = [];
  const pieceFixed: boolean[] = [];
  const stack: number[] = [];
  const primary = units.measures[0];
  for (let s = 0; s < n; s++) {
    if (assignment[s] < 0 || piece[s] >= 0) continue;
    const id = pieceTerritory.length;
    const t = assignment[s];
    pieceTerritory.push(t);
    let weight = 0;
    let fixed = false;
    piece[s] = id;
    stack.push(s);
    while (stack.length > 0) {
      const u = stack.pop()!;
      weight += primary[u] + 1e-9;
      if (units.fixed[u]) fixed = true;
      for (let e = adjacency.offsets[u]; e < adjacency.offsets[u + 1]; e++) {
        const v = adjacency.neighbours[e];
        if (piece[v] < 0 && assignment[v] === t) {
          piece[v] = id;
          stack.push(v);
        }
      }
    }
    pieceWeight.push(weight);
    pieceFixed.push(fixed);
  }
  const heaviest = new Int32Array(k).fill(-1);
  for (let p = 0; p < pieceTerritory.length; p++) {
    const t = pieceTerritory[p];
    if (heaviest[t] < 0 || pieceWeight[p] > pieceWeight[heaviest[t]]) heaviest[t] = p;
  }
  const keptPieces = new Uint32Array(k);
  for (let p = 0; p < pieceTerritory.length; p++) {
    const t = pieceTerritory[p];
    const keep = p === heaviest[t] || pieceFixed[p] || locked[t] === 1;
    if (keep) keptPieces[t]++;
    else for (let u = 0; u < n; u++) if (piece[u] === p) assignment[u] = -1;
  }
  for (let t = 0; t < k; t++) if (keptPieces[t] > 1 && locked[t] === 0) return 'fixedUnits';
  return null;
}

/** What the passes of the local search work on: they change `assignment` and `objective` together. */
interface LocalSearch {
  assignment: Int32Array;
  adjacency: Adjacency;
  objective: Objective;
  guard: ContiguityGuard;
  units: BalanceUnits;
  locked: Uint8Array;
  options: BalanceOptions;
  k: number;
}

/**
 * One pass of swaps: each unit with a neighbour in another territory trades places with it when that lowers the
 * objective and breaks no rule (fixed units, locks, the disruption cap, contiguity). Answers whether any was made.
 */
function swapPass(search: LocalSearch, order: Uint32Array): boolean {
  const { assignment, adjacency, objective, guard, units, locked, options } = search;
  let swapped = false;
  const { offsets, neighbours } = adjacency;
  const free = (u: number) => units.fixed[u] === 0 && assignment[u] >= 0 && locked[assignment[u]] === 0;
  // Small problems without contiguity: any two units may trade; otherwise neighbours only.
  const anyPair = !options.contiguity && assignment.length <= 2000;
  for (const u of order) {
    if (!free(u)) continue;
    const count = anyPair ? assignment.length : offsets[u + 1] - offsets[u];
    for (let e = 0; e < count; e++) {
      const v = anyPair ? e : neighbours[offsets[u] + e];
      const a = assignment[u];
      const b = assignment[v];
      if (b === a || !free(v) || !objective.disruptionAllows(u, a)) continue;
      const first = objective.delta(u, a, b);
      objective.move(u, a, b);
      assignment[u] = b;
      const second = objective.delta(v, b, a);
      const allowed =
        first + second < -1e-12 &&
        objective.disruptionAllows(v, b) &&
        (!options.contiguity || swapKeepsContiguity(u, v, a, b, assignment, adjacency, guard));
      if (allowed) {
        objective.move(v, b, a);
        assignment[v] = a;
        swapped = true;
        break;
      }
      objective.move(u, b, a);
      assignment[u] = a;
    }
  }
  return swapped;
}

/**
 * Ejection chains: from each territory over its tolerance, the nearest one under the mean is found over the
 * territories' adjacency, and one boundary unit moves along each step of the path (each step about the size of the
 * one before, so the territories in between keep their load). A chain is kept when it lowers the objective, else
 * undone. Answers whether any was kept.
 */
const CHAINS_PER_TERRITORY = 8;

function chainPass({ assignment, adjacency, objective, guard, units, locked, options, k }: LocalSearch): boolean {
  const { offsets, neighbours } = adjacency;
  const primary = units.measures[0];
  const mean = objective.means[0];
  const tolerance = options.goals[0].tolerance;
  if (mean <= 0) return false;
  // Boundary units of a towards b, and which territories touch.
  const boundary = new Map<number, number[]>();
  const touching: Set<number>[] = Array.from({ length: k }, () => new Set());
  for (let u = 0; u < assignment.length; u++) {
    const a = assignment[u];
    if (a < 0 || units.fixed[u] || locked[a]) continue;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const b = assignment[neighbours[e]];
      if (b < 0 || b === a || locked[b]) continue;
      touching[a].add(b);
      const key = a * k + b;
      const list = boundary.get(key);
      if (!list) boundary.set(key, [u]);
      else if (list[list.length - 1] !== u) list.push(u);
    }
  }
  const load = objective.loads[0];
  const over: number[] = [];
  for (let t = 0; t < k; t++) if (!locked[t] && load[t] > (1 + tolerance) * mean) over.push(t);
  over.sort((a, b) => load[b] - load[a]);
  let kept = false;
  for (const from of over.flatMap((t) => new Array<number>(CHAINS_PER_TERRITORY).fill(t))) {
    if (load[from] <= (1 + tolerance) * mean) continue;
    // Breadth-first over territories to the nearest one under the mean.
    const previous = new Int32Array(k).fill(-1);
    previous[from] = from;
    const queue = [from];
    let target = -1;
    for (let head = 0; head < queue.length && target < 0; head++) {
      const t = queue[head];
      for (const b of touching[t]) {
        if (previous[b] >= 0) continue;
        previous[b] = t;
        if (load[b] < mean) {
          target = b;
          break;
        }
        queue.push(b);
      }
    }
    if (target < 0) continue;
    const path: number[] = [target];
    while (path[0] !== from) path.unshift(previous[path[0]]);
    let amount = Math.min(load[from] - mean, mean - load[target]);
    const done: [number, number, number][] = [];
    const before = objective.value;
    let broken = false;
    for (let i = 0; i + 1 < path.length && !broken; i++) {
      const a = path[i];
      const b = path[i + 1];
      let pick = -1;
      let pickGap = Infinity;
      for (const u of boundary.get(a * k + b) ?? []) {
        if (assignment[u] !== a || objective.count[a] <= 1 || !objective.disruptionAllows(u, a)) continue;
        const gap = Math.abs(primary[u] - amount);
        if (gap < pickGap && (!options.contiguity || guard.staysConnectedWithout(u, assignment))) {
          pickGap = gap;
          pick = u;
        }
      }
      if (pick < 0) {
        broken = true;
        break;
      }
      objective.move(pick, a, b);
      assignment[pick] = b;
      done.push([pick, a, b]);
      amount = Math.max(primary[pick], 1e-9);
    }
    if (!broken && objective.value < before - 1e-12) {
      kept = true;
      continue;
    }
    for (let i = done.length - 1; i >= 0; i--) {
      const [u, a, b] = done[i];
      objective.move(u, b, a);
      assignment[u] = a;
    }
  }
  return kept;
}

/** With u already moved from a to b: may v now leave b for a, and did a stay whole without u? */
function swapKeepsContiguity(
  u: number,
  v: number,
  a: number,
  b: number,
  assignment: Int32Array,
  adjacency: Adjacency,
  guard: ContiguityGuard,
): boolean {
  // a without u: test with u put back in a.
  assignment[u] = a;
  const aWhole = guard.staysConnectedWithout(u, assignment);
  assignment[u] = b;
  if (!aWhole || !guard.staysConnectedWithout(v, assignment)) return false;
  // v must touch a (other than through u, which has left).
  for (let e = adjacency.offsets[v]; e < adjacency.offsets[v + 1]; e++) {
    if (assignment[adjacency.neighbours[e]] === a) return true;
  }
  return false;
}

/** What the steps that build a starting assignment work on: they fill `assignment` in place. */
interface StartingAssignment {
  assignment: Int32Array;
  sphere: Sphere;
  units: BalanceUnits;
  locked: Uint8Array;
  k: number;
  random: ReturnType<typeof randomSource>;
}

type HomeBases = { longitude: Float64Array; latitude: Float64Array };

/** The territories that hold no unit yet and are not locked, in order. */
function emptyTerritories(assignment: Int32Array, locked: Uint8Array, k: number): number[] {
  const has = new Uint8Array(k);
  for (const t of assignment) if (t >= 0) has[t] = 1;
  const empty: number[] = [];
  for (let t = 0; t < k; t++) if (!has[t] && !locked[t]) empty.push(t);
  return empty;
}

/**
 * Recursive bisection: the free units are cut in two along a direction (the wider of the two axes, turned by a
 * small random angle so that several starts differ) where the primary load splits in the ratio of the
 * territories each side will hold, and so on down to one territory. Territories that already hold units (fixed
 * ones) or are locked take no slab.
 */
function bisectFreeUnits({ assignment, sphere, units, locked, k, random }: StartingAssignment): void {
  const open = emptyTerritories(assignment, locked, k);
  const free: number[] = [];
  for (let u = 0; u < assignment.length; u++) if (assignment[u] < 0 && !units.fixed[u]) free.push(u);
  if (open.length === 0 || free.length === 0) return;
  const primary = units.measures[0];
  const split = (members: number[], territories: number[]) => {
    if (territories.length === 1 || members.length <= 1) {
      for (const u of members) assignment[u] = territories[0];
      return;
    }
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const u of members) {
      minX = Math.min(minX, sphere.planeX[u]);
      maxX = Math.max(maxX, sphere.planeX[u]);
      minY = Math.min(minY, sphere.planeY[u]);
      maxY = Math.max(maxY, sphere.planeY[u]);
    }
    const angle = (maxX - minX >= maxY - minY ? 0 : Math.PI / 2) + (random.next() - 0.5) * 0.5;
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const along = (u: number) => sphere.planeX[u] * dx + sphere.planeY[u] * dy;
    members.sort((a, b) => along(a) - along(b));
    const left = Math.floor(territories.length / 2);
    let total = 0;
    for (const u of members) total += primary[u] + 1e-9;
    const wanted = (total * left) / territories.length;
    let sum = 0;
    let cut = 0;
    while (cut < members.length - 1 && sum + (primary[members[cut]] + 1e-9) / 2 < wanted)
      sum += primary[members[cut++]] + 1e-9;
    cut = Math.max(1, cut);
    split(members.slice(0, cut), territories.slice(0, left));
    split(members.slice(cut), territories.slice(left));
  };
  split(free, open);
}

/** Every free unit to the territory whose home base is nearest (territories without one take none here). */
function nearestHomeBase({ assignment, sphere, units, locked }: StartingAssignment, bases: HomeBases): void {
  const points = Array.from(bases.longitude, (lon, t) =>
    locked[t] || Number.isNaN(lon) || Number.isNaN(bases.latitude[t]) ? null : fromDegrees(lon, bases.latitude[t]),
  );
  for (let u = 0; u < assignment.length; u++) {
    if (assignment[u] >= 0 || units.fixed[u]) continue;
    let best = Infinity;
    points.forEach((p, t) => {
      if (!p) return;
      const d = (sphere.x[u] - p[0]) ** 2 + (sphere.y[u] - p[1]) ** 2 + (sphere.z[u] - p[2]) ** 2;
      if (d < best) {
        best = d;
        assignment[u] = t;
      }
    });
  }
}

/** A territory with a home base and no unit yet starts from the free unit nearest to its base. */
function seedAtHomeBases({ assignment, sphere, units, locked, k }: StartingAssignment, bases: HomeBases): void {
  for (const t of emptyTerritories(assignment, locked, k)) {
    if (Number.isNaN(bases.longitude[t]) || Number.isNaN(bases.latitude[t])) continue;
    const [bx, by, bz] = fromDegrees(bases.longitude[t], bases.latitude[t]);
    let nearest = -1;
    let best = Infinity;
    for (let u = 0; u < assignment.length; u++) {
      if (assignment[u] >= 0 || units.fixed[u]) continue;
      const d = (sphere.x[u] - bx) ** 2 + (sphere.y[u] - by) ** 2 + (sphere.z[u] - bz) ** 2;
      if (d < best) {
        best = d;
        nearest = u;
      }
    }
    if (nearest >= 0) assignment[nearest] = t;
  }
}

/** Every territory without a unit gets a seed: k-means++ over the free units, weighted by the primary measure. */
function seedEmptyTerritories({ assignment, sphere, units, locked, k, random }: StartingAssignment): void {
  const n = assignment.length;
  const empty = emptyTerritories(assignment, locked, k);
  if (empty.length === 0) return;
  // Distance of each free unit to the nearest unit already placed (seeds count as placed).
  const nearest = new Float64Array(n).fill(Infinity);
  const placed: number[] = [];
  for (let u = 0; u < n; u++) if (assignment[u] >= 0) placed.push(u);
  const sample = placed.length > 2000 ? placed.filter((_, i) => i % Math.ceil(placed.length / 2000) === 0) : placed;
  for (let u = 0; u < n; u++) {
    if (assignment[u] >= 0) continue;
    for (const p of sample) nearest[u] = Math.min(nearest[u], sphere.distance2(u, p));
  }
  for (const t of empty) {
    let total = 0;
    for (let u = 0; u < n; u++) {
      if (assignment[u] >= 0 || units.fixed[u]) continue;
      total += (units.measures[0][u] + 1e-9) * (Number.isFinite(nearest[u]) ? nearest[u] + 1e-9 : 1);
    }
    if (total === 0) return; // fewer free units than territories: the rest stay empty
    let pick = random.next() * total;
    let seed = -1;
    for (let u = 0; u < n; u++) {
      if (assignment[u] >= 0 || units.fixed[u]) continue;
      seed = u;
      pick -= (units.measures[0][u] + 1e-9) * (Number.isFinite(nearest[u]) ? nearest[u] + 1e-9 : 1);
      if (pick <= 0) break;
    }
    assignment[seed] = t;
    for (let u = 0; u < n; u++) {
      if (assignment[u] < 0) nearest[u] = Math.min(nearest[u], sphere.distance2(u, seed));
    }
  }
}

/**
 * Hands every unit in no territory to one: the territory with the least primary load takes its free neighbour
 * nearest to its centre, until none is left (the adjacency is connected, so none is). Fixed units in no
 * territory stay in none.
 */
function growIntoFreeUnits({ assignment, sphere, units, locked, k }: StartingAssignment, adjacency: Adjacency): void {
  const n = assignment.length;
  const load = new Float64Array(k);
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const cz = new Float64Array(k);
  const count = new Float64Array(k);
  let free = 0;
  for (let u = 0; u < n; u++) {
    const t = assignment[u];
    if (t < 0) {
      if (!units.fixed[u]) free++;
      continue;
    }
    load[t] += units.measures[0][u];
    cx[t] += sphere.x[u];
    cy[t] += sphere.y[u];
    cz[t] += sphere.z[u];
    count[t]++;
  }
  if (free === 0) return;
  const frontier: MinHeap[] = Array.from({ length: k }, () => new MinHeap());
  const centreDistance = (t: number, u: number) => {
    const c = count[t] || 1;
    return (sphere.x[u] - cx[t] / c) ** 2 + (sphere.y[u] - cy[t] / c) ** 2 + (sphere.z[u] - cz[t] / c) ** 2;
  };
  const pushNeighbours = (t: number, u: number) => {
    for (let e = adjacency.offsets[u]; e < adjacency.offsets[u + 1]; e++) {
      const v = adjacency.neighbours[e];
      if (assignment[v] < 0 && !units.fixed[v]) frontier[t].push(centreDistance(t, v), v);
    }
  };
  for (let u = 0; u < n; u++) {
    const t = assignment[u];
    if (t >= 0 && !locked[t]) pushNeighbours(t, u);
  }
  const growing = new Uint8Array(k);
  for (let t = 0; t < k; t++) growing[t] = locked[t] ? 0 : 1;
  while (free > 0) {
    let t = -1;
    for (let s = 0; s < k; s++) {
      if (growing[s] && frontier[s].size > 0 && (t < 0 || load[s] < load[t])) t = s;
    }
    if (t < 0) break; // what is left touches no territory that may grow (all locked): it stays free
    const u = frontier[t].pop();
    if (assignment[u] >= 0) continue;
    assignment[u] = t;
    free--;
    load[t] += units.measures[0][u];
    cx[t] += sphere.x[u];
    cy[t] += sphere.y[u];
    cz[t] += sphere.z[u];
    count[t]++;
    pushNeighbours(t, u);
  }
}

/** A binary min-heap of unit numbers keyed by a distance. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): number {
    const { keys, values } = this;
    const top = values[0];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const size = keys.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const child = left + 1 < size && keys[left + 1] < keys[left] ? left + 1 : left;
        if (keys[child] >= lastKey) break;
        keys[i] = keys[child];
        values[i] = values[child];
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
