/**
 * What a balancing run minimises, kept up to date move by move:
 * - balance: for each measure, a territory's relative distance to the mean load; beyond the tolerance it costs a
 *   steeply more (linear and quadratic), so the search first brings every territory within ±τ, then evens out
 *   inside the band;
 * - compactness: account-weighted distance of each unit to its territory's centre (or its manager's home base),
 *   relative to the distance to a single centre of all units, times its weight;
 * - keeping: a price for each unit away from where it started, in shares of an average territory's primary load.
 * Locked territories take no part: their loads do not change and the mean is taken over the others.
 */
import type { BalanceOptions, BalanceUnits } from './solve';
import { EARTH_RADIUS_KM, fromDegrees, toDegrees, type Sphere } from './sphere';

export interface MeasureGoal {
  /** Relative weight of this measure's balance (the primary usually 1). */
  weight: number;
  /** Allowed relative distance to the mean, e.g. 0.05 for ±5 %. */
  tolerance: number;
}

/** Cost of a territory's load of one measure. Pure, so each piece of the objective can be tested on its own. */
export function balancePenalty(load: number, mean: number, goal: MeasureGoal): number {
  if (mean <= 0) return 0;
  const relative = (load - mean) / mean;
  const excess = Math.max(0, Math.abs(relative) - goal.tolerance);
  return goal.weight * (10 * excess + 100 * excess * excess + 0.01 * relative * relative);
}

export class Objective {
  readonly loads: Float64Array[];
  readonly count: Int32Array;
  readonly moved = { accounts: 0, revenue: 0 };
  value = 0;
  readonly means: Float64Array;
  private readonly cx: Float64Array;
  private readonly cy: Float64Array;
  private readonly cz: Float64Array;
  private readonly homeBase: Uint8Array;
  private readonly locked: Uint8Array;
  private readonly spread: number;
  private readonly disruptionCap: number;
  private keepPrice = 0;

  constructor(
    private readonly units: BalanceUnits,
    private readonly sphere: Sphere,
    private readonly options: BalanceOptions,
    private readonly k: number,
  ) {
    const measures = units.measures.length;
    if (options.goals.length !== measures) throw new RangeError('one goal per measure');
    this.loads = Array.from({ length: measures }, () => new Float64Array(k));
    this.count = new Int32Array(k);
    this.means = new Float64Array(measures);
    this.cx = new Float64Array(k);
    this.cy = new Float64Array(k);
    this.cz = new Float64Array(k);
    this.homeBase = new Uint8Array(k);
    this.locked = options.locked ?? new Uint8Array(k);
    if (options.homeBases) {
      for (let t = 0; t < k; t++) {
        const lon = options.homeBases.longitude[t];
        const lat = options.homeBases.latitude[t];
        if (Number.isNaN(lon) || Number.isNaN(lat)) continue;
        [this.cx[t], this.cy[t], this.cz[t]] = fromDegrees(lon, lat);
        this.homeBase[t] = 1;
      }
    }
    this.spread = spreadAroundOneCentre(units, sphere) || 1;
    const cap = options.maxDisruption;
    if (cap) {
      const total = (cap.by === 'revenue' ? units.revenue : units.accounts).reduce((s, v) => s + v, 0);
      this.disruptionCap = cap.share * total + 1e-9;
    } else this.disruptionCap = Infinity;
  }

  /** Loads, counts, centres, the means and the value of an assignment, from nothing. */
  reset(assignment: Int32Array): void {
    const { units, loads, count, k } = this;
    for (const l of loads) l.fill(0);
    count.fill(0);
    this.moved.accounts = 0;
    this.moved.revenue = 0;
    for (let u = 0; u < assignment.length; u++) {
      const t = assignment[u];
      if (units.start[u] >= 0 && t !== units.start[u]) {
        this.moved.accounts += units.accounts[u];
        this.moved.revenue += units.revenue[u];
      }
      if (t < 0) continue;
      count[t]++;
      for (let m = 0; m < loads.length; m++) loads[m][t] += units.measures[m][u];
    }
    const base = this.options.baseLoads;
    if (base) for (let m = 0; m < loads.length; m++) for (let t = 0; t < k; t++) loads[m][t] += base[m][t];
    let open = 0;
    for (let t = 0; t < k; t++) if (!this.locked[t]) open++;
    for (let m = 0; m < loads.length; m++) {
      let sum = 0;
      for (let t = 0; t < k; t++) if (!this.locked[t]) sum += loads[m][t];
      this.means[m] = open > 0 ? sum / open : 0;
    }
    this.keepPrice = this.means[0] > 0 ? (this.options.keepThreshold ?? 0) / this.means[0] : 0;
    this.recentre(assignment);
  }

  /** Moves each centre (but home bases) to the middle of its units, and takes the value again. */
  recentre(assignment: Int32Array): void {
    const { sphere, units, k } = this;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sz = new Float64Array(k);
    for (let u = 0; u < assignment.length; u++) {
      const t = assignment[u];
      if (t < 0) continue;
      const w = units.accounts[u] + 1e-9;
      sx[t] += w * sphere.x[u];
      sy[t] += w * sphere.y[u];
      sz[t] += w * sphere.z[u];
    }
    for (let t = 0; t < k; t++) {
      if (this.homeBase[t]) continue;
      const r = Math.hypot(sx[t], sy[t], sz[t]);
      // On the sphere's surface: a territory's centre is a place, and distances to it are travel.
      const scale = r > 0 ? EARTH_RADIUS_KM / r : 0;
      this.cx[t] = sx[t] * scale;
      this.cy[t] = sy[t] * scale;
      this.cz[t] = sz[t] * scale;
    }
    this.value = this.valueOf(assignment);
  }

  private valueOf(assignment: Int32Array): number {
    const { loads, k, units } = this;
    let value = 0;
    for (let m = 0; m < loads.length; m++) {
      for (let t = 0; t < k; t++) {
        if (!this.locked[t]) value += balancePenalty(loads[m][t], this.means[m], this.options.goals[m]);
      }
    }
    const lambda = this.options.compactness;
    for (let u = 0; u < assignment.length; u++) {
      const t = assignment[u];
      if (t < 0) continue;
      if (lambda > 0) value += (lambda * units.accounts[u] * this.distance(u, t)) / this.spread;
      if (units.start[u] >= 0 && t !== units.start[u]) value += this.keepPrice * units.measures[0][u];
    }
    return value;
  }

  distance(u: number, t: number): number {
    const { sphere } = this;
    return Math.sqrt(
      (sphere.x[u] - this.cx[t]) ** 2 + (sphere.y[u] - this.cy[t]) ** 2 + (sphere.z[u] - this.cz[t]) ** 2,
    );
  }

  /** Change of the value if unit u moved from territory a to b. */
  delta(u: number, a: number, b: number): number {
    const { loads, units } = this;
    let delta = 0;
    for (let m = 0; m < loads.length; m++) {
      const v = units.measures[m][u];
      if (v === 0) continue;
      const goal = this.options.goals[m];
      const mean = this.means[m];
      delta +=
        balancePenalty(loads[m][a] - v, mean, goal) -
        balancePenalty(loads[m][a], mean, goal) +
        balancePenalty(loads[m][b] + v, mean, goal) -
        balancePenalty(loads[m][b], mean, goal);
    }
    const lambda = this.options.compactness;
    if (lambda > 0) delta += (lambda * units.accounts[u] * (this.distance(u, b) - this.distance(u, a))) / this.spread;
    const start = units.start[u];
    if (start === a) delta += this.keepPrice * units.measures[0][u];
    else if (start === b) delta -= this.keepPrice * units.measures[0][u];
    return delta;
  }

  /** Whether moving unit u out of territory a keeps the disruption within its cap. */
  disruptionAllows(u: number, a: number): boolean {
    const start = this.units.start[u];
    if (start !== a || start < 0) return true; // moving on from a territory already left: the count does not grow
    const byRevenue = this.options.maxDisruption?.by === 'revenue';
    const now = byRevenue ? this.moved.revenue : this.moved.accounts;
    return now + (byRevenue ? this.units.revenue : this.units.accounts)[u] <= this.disruptionCap;
  }

  move(u: number, a: number, b: number): void {
    this.value += this.delta(u, a, b);
    const { loads, units } = this;
    for (let m = 0; m < loads.length; m++) {
      loads[m][a] -= units.measures[m][u];
      loads[m][b] += units.measures[m][u];
    }
    this.count[a]--;
    this.count[b]++;
    const start = units.start[u];
    if (start === a && start >= 0) {
      this.moved.accounts += units.accounts[u];
      this.moved.revenue += units.revenue[u];
    } else if (start === b) {
      this.moved.accounts -= units.accounts[u];
      this.moved.revenue -= units.revenue[u];
    }
  }

  movedUnits(assignment: Int32Array): number {
    let moved = 0;
    for (let u = 0; u < assignment.length; u++)
      if (this.units.start[u] >= 0 && assignment[u] !== this.units.start[u]) moved++;
    return moved;
  }

  /** Account-weighted travel to the territory centres, km. */
  travelKm(assignment: Int32Array): number {
    let travel = 0;
    for (let u = 0; u < assignment.length; u++) {
      if (assignment[u] >= 0) travel += this.units.accounts[u] * this.distance(u, assignment[u]);
    }
    return travel;
  }

  centresInDegrees(): { longitude: Float64Array; latitude: Float64Array } {
    const longitude = new Float64Array(this.k);
    const latitude = new Float64Array(this.k);
    for (let t = 0; t < this.k; t++) {
      const d = toDegrees(this.cx[t], this.cy[t], this.cz[t]);
      longitude[t] = d.longitude;
      latitude[t] = d.latitude;
    }
    return { longitude, latitude };
  }
}

/** Account-weighted distance of all units to their common centre: the scale compactness is measured against. */
function spreadAroundOneCentre(units: BalanceUnits, sphere: Sphere): number {
  let sx = 0;
  let sy = 0;
  let sz = 0;
  const n = units.accounts.length;
  for (let u = 0; u < n; u++) {
    const w = units.accounts[u] + 1e-9;
    sx += w * sphere.x[u];
    sy += w * sphere.y[u];
    sz += w * sphere.z[u];
  }
  const r = Math.hypot(sx, sy, sz);
  if (r === 0) return 0;
  const [cx, cy, cz] = [(sx * EARTH_RADIUS_KM) / r, (sy * EARTH_RADIUS_KM) / r, (sz * EARTH_RADIUS_KM) / r];
  let spread = 0;
  for (let u = 0; u < n; u++) {
    spread +=
      units.accounts[u] * Math.sqrt((sphere.x[u] - cx) ** 2 + (sphere.y[u] - cy) ** 2 + (sphere.z[u] - cz) ** 2);
  }
  return spread;
}
