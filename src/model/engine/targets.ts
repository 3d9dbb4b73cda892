/**
 * Targets over the hierarchy, as pure functions: fiscal periods, bottom-up roll-up with mismatch flags (Zoho's
 * "Target Mismatch"), and top-down distribution that always adds up to the amount distributed.
 */
import type { Target, TargetPeriodKind, Territory } from '../../shared/domain';
import { childrenByParent } from '../../shared/hierarchy';

/** The periods of a fiscal year: "2027-Q1".."2027-Q4" or "2027-01".."2027-12" (fiscal months, not calendar). */
export function fiscalPeriods(fiscalYear: number, kind: TargetPeriodKind): string[] {
  return kind === 'quarter'
    ? [1, 2, 3, 4].map((q) => `${fiscalYear}-Q${q}`)
    : Array.from({ length: 12 }, (_, m) => `${fiscalYear}-${String(m + 1).padStart(2, '0')}`);
}

/** Fiscal period of a date, for a fiscal year starting in `startMonth` (1-12) and named after the year it ends in. */
export function fiscalPeriodOf(epochMs: number, startMonth: number, kind: TargetPeriodKind): string {
  const date = new Date(epochMs);
  const month = date.getUTCMonth() + 1;
  const offset = (month - startMonth + 12) % 12; // 0-based fiscal month
  const fiscalYear =
    startMonth === 1 ? date.getUTCFullYear() : month >= startMonth ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
  return kind === 'quarter'
    ? `${fiscalYear}-Q${Math.floor(offset / 3) + 1}`
    : `${fiscalYear}-${String(offset + 1).padStart(2, '0')}`;
}

/** The fiscal year (named after the year it ends in) of a date, for a fiscal year starting in `startMonth`. */
export function fiscalYearOfDate(epochMs: number, startMonth: number): number {
  const date = new Date(epochMs);
  const month = date.getUTCMonth() + 1;
  return startMonth === 1 || month < startMonth ? date.getUTCFullYear() : date.getUTCFullYear() + 1;
}

/** The fiscal years the live rows' dates fall in (NaN = no date), in order: the years a forecast should offer. */
export function fiscalYearsOfDates(
  dates: Float64Array,
  deleted: Uint8Array,
  rowCount: number,
  startMonth: number,
): number[] {
  const years = new Set<number>();
  const DAY = 86_400_000;
  let lastDay = NaN;
  for (let row = 0; row < rowCount; row++) {
    const at = dates[row];
    if (at !== at || deleted[row] !== 0) continue;
    const day = Math.floor(at / DAY);
    if (day === lastDay) continue;
    lastDay = day;
    years.add(fiscalYearOfDate(at, startMonth));
  }
  return [...years].sort((a, b) => a - b);
}

export interface TerritoryTargetRow {
  territoryId: string;
  /** Own target per period (null: none set). */
  own: (number | null)[];
  /** What the sub-territories' own targets add up to, per period (null: no sub-territory has one). */
  children: (number | null)[];
  /** What the members' targets in this territory add up to (null: no member target). */
  members: (number | null)[];
  /** Own target differs from the sum of its sub-territories' (both set), per period. */
  childMismatch: boolean[];
  /** Own target differs from the sum of its members' targets (both set), per period. */
  memberMismatch: boolean[];
}

/** Amounts are money: a difference under one cent is rounding, not a mismatch. */
const differs = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) >= 0.01;

export function rollUpTargets(
  territories: readonly Pick<Territory, 'id' | 'parentId' | 'sortOrder'>[],
  targets: readonly Pick<Target, 'territoryId' | 'userId' | 'period' | 'amount'>[],
  periods: readonly string[],
): Map<string, TerritoryTargetRow> {
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const rows = new Map<string, TerritoryTargetRow>();
  const empty = () => periods.map((): number | null => null);
  for (const t of territories) {
    rows.set(t.id, {
      territoryId: t.id,
      own: empty(),
      children: empty(),
      members: empty(),
      childMismatch: periods.map(() => false),
      memberMismatch: periods.map(() => false),
    });
  }
  const add = (list: (number | null)[], i: number, amount: number) => {
    list[i] = (list[i] ?? 0) + amount;
  };
  for (const target of targets) {
    const row = rows.get(target.territoryId);
    const i = periodIndex.get(target.period);
    if (!row || i === undefined) continue;
    if (target.userId === null) add(row.own, i, target.amount);
    else add(row.members, i, target.amount);
  }
  const children = childrenByParent(territories);
  for (const row of rows.values()) {
    for (const child of children.get(row.territoryId) ?? []) {
      const own = rows.get(child.id)!.own;
      own.forEach((amount, i) => {
        if (amount !== null) add(row.children, i, amount);
      });
    }
    periods.forEach((_, i) => {
      row.childMismatch[i] = differs(row.own[i], row.children[i]);
      row.memberMismatch[i] = differs(row.own[i], row.members[i]);
    });
  }
  return rows;
}

/**
 * Splits `amount` over shares proportionally to `weights` (all equal when they sum to 0), in whole units, with
 * the largest-remainder method so the parts always add up exactly to the (rounded) amount.
 */
export function distribute(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = Math.round(amount);
  const positive = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = positive.reduce((s, w) => s + w, 0);
  const shares = sum > 0 ? positive.map((w) => w / sum) : positive.map(() => 1 / weights.length);
  const raw = shares.map((s) => s * total);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}
