/**
 * Comparing plans: balance of a workload measure over territories (the share within ±τ of the mean, as
 * territory-design research measures balance; max/min, the coefficient of variation, the Gini index) and which
 * records move between two assignments. Pure functions over plain numbers and arrays.
 */
import type { BalanceFigures } from '../../shared/api/compare';
import { gini, quartiles } from './forecast';

/** Figures of one measure over territories (see BalanceFigures in the contract). */
export type Balance = BalanceFigures;

export function balanceOf(values: readonly number[], tolerance: number): Balance {
  const count = values.length;
  if (count === 0) {
    return {
      count,
      mean: 0,
      min: 0,
      max: 0,
      maxOverMin: 0,
      coefficientOfVariation: 0,
      withinTolerance: 0,
      tolerance,
      gini: 0,
      quartiles: null,
    };
  }
  const mean = values.reduce((s, v) => s + v, 0) / count;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / count;
  const within = values.filter((v) => v >= (1 - tolerance) * mean && v <= (1 + tolerance) * mean).length;
  return {
    count,
    mean,
    min,
    max,
    maxOverMin: min > 0 ? max / min : max > 0 ? Infinity : 1,
    coefficientOfVariation: mean > 0 ? Math.sqrt(variance) / mean : 0,
    withinTolerance: within / count,
    tolerance,
    gini: gini(values),
    quartiles: quartiles(values),
  };
}

/**
 * How a territory is recognised across plans: by its code when it has one (a duplicated plan keeps codes), else
 * by its path of names from the organisation down (the root itself is "").
 */
export function territoryKeys(
  territories: readonly { id: string; parentId: string | null; name: string; code: string }[],
): Map<string, string> {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let t = byId.get(id); t && t.parentId !== null; t = byId.get(t.parentId)) names.unshift(t.name);
    return names.join(' / ');
  };
  return new Map(territories.map((t) => [t.id, t.parentId === null ? '' : t.code ? `#${t.code}` : pathOf(t.id)]));
}

/** A plan's placements with one integer label per territory index (a key, an owner...), -1 for none. */
export interface LabelledPlacements {
  rowCount: number;
  offsets: Uint32Array;
  territories: Uint32Array;
  /** Per index into the assignment's territory list. */
  labels: Int32Array;
}

function labelSet(p: LabelledPlacements, row: number, out: number[]): number[] {
  out.length = 0;
  if (row >= p.rowCount) return out;
  for (let i = p.offsets[row]; i < p.offsets[row + 1]; i++) {
    const label = p.labels[p.territories[i]];
    if (label >= 0 && !out.includes(label)) out.push(label);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Rows (among `rows` that `include` accepts) whose set of labels differs between two plans: with key labels,
 * the records that move; with owner labels, those whose owner changes. One pass, no strings per row.
 */
export function differingRows(
  rows: number,
  a: LabelledPlacements,
  b: LabelledPlacements,
  include: (row: number) => boolean,
): number[] {
  const out: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (let row = 0; row < rows; row++) {
    if (!include(row)) continue;
    const na = row < a.rowCount ? a.offsets[row + 1] - a.offsets[row] : 0;
    const nb = row < b.rowCount ? b.offsets[row + 1] - b.offsets[row] : 0;
    if (na === 1 && nb === 1) {
      if (a.labels[a.territories[a.offsets[row]]] !== b.labels[b.territories[b.offsets[row]]]) out.push(row);
      continue;
    }
    if (na === 0 && nb === 0) continue;
    labelSet(a, row, sa);
    labelSet(b, row, sb);
    if (sa.length !== sb.length || sa.some((k, i) => k !== sb[i])) out.push(row);
  }
  return out;
}
