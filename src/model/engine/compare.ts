/**
 * Comparing plans: balance of a workload measure over territories (DOMAIN.md: τ-balance, coefficient of
 * variation) and which records move between two assignments. Pure functions over plain numbers and arrays.
 */
import type { BalanceFigures } from '../../shared/api/compare';

/** Figures of one measure over territories (see BalanceFigures in the contract). */
export type Balance = BalanceFigures;

export function balanceOf(values: readonly number[], tolerance: number): Balance {
  const count = values.length;
  if (count === 0) {
    return { count, mean: 0, min: 0, max: 0, maxOverMin: 0, coefficientOfVariation: 0, withinTolerance: 0, tolerance };
  }
  const mean = values.reduce((s, v) => s + v, 0) / count;
  const min = Math.min(...values);
  const max = Math.max(...values);
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

/** Records whose set of territory keys differs between two plans (both answered as sorted key lists per row). */
export function movedRecords(
  rows: number,
  keysInA: (row: number) => string[],
  keysInB: (row: number) => string[],
): number[] {
  const moved: number[] = [];
  for (let row = 0; row < rows; row++) {
    const a = keysInA(row);
    const b = keysInB(row);
    if (a.length !== b.length || a.some((k, i) => k !== b[i])) moved.push(row);
  }
  return moved;
}
