/**
 * What moves when territories are balanced: single accounts, or whole geographic units (postal codes, regions,
 * countries) so that territories stay drawable on a map. Accounts placed by hand become units of their own that
 * never move; accounts without a location cannot take part in a map of units and count as a fixed load.
 */
import type { BalanceUnits } from './solve';

export interface BalanceAccounts {
  /** Accounts taking part (row ids of the record table). */
  rows: Uint32Array;
  longitude: Float64Array;
  latitude: Float64Array;
  /** measures[m][row], over the whole table. */
  measures: readonly Float64Array[];
  revenue: Float64Array;
  /** Territory index of each taking part account, in `rows` order (-1: none). */
  territory: Int32Array;
  /** 1 where the account stays (placed by hand), in `rows` order. */
  fixed: Uint8Array;
  /** The account's geographic unit (null: the account is a unit of its own). */
  unitKey: (row: number) => string | null;
}

export interface BuiltUnits {
  units: BalanceUnits;
  /** Unit of each taking part account, in `rows` order (-1: no location, a fixed load). */
  unitOfAccount: Int32Array;
  /** Key of each unit ("" for single accounts). */
  keys: string[];
  /** Fixed loads of accounts without a location: baseLoads[m][t]. */
  baseLoads: Float64Array[];
  unlocated: number;
}

export function buildUnits(accounts: BalanceAccounts, territories: number): BuiltUnits {
  const { rows, measures } = accounts;
  const unitOfAccount = new Int32Array(rows.length).fill(-1);
  const baseLoads = measures.map(() => new Float64Array(territories));
  const byKey = new Map<string, number>();
  const keys: string[] = [];
  const members: number[][] = [];
  let unlocated = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const lon = accounts.longitude[row];
    const lat = accounts.latitude[row];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      unlocated++;
      const t = accounts.territory[i];
      if (t >= 0) for (let m = 0; m < measures.length; m++) baseLoads[m][t] += value(measures[m][row]);
      continue;
    }
    const key = accounts.fixed[i] ? null : accounts.unitKey(row);
    let unit = key === null ? undefined : byKey.get(key);
    if (unit === undefined) {
      unit = keys.length;
      keys.push(key ?? '');
      members.push([]);
      if (key !== null) byKey.set(key, unit);
    }
    members[unit].push(i);
    unitOfAccount[i] = unit;
  }

  const n = keys.length;
  const units: BalanceUnits = {
    longitude: new Float64Array(n),
    latitude: new Float64Array(n),
    measures: measures.map(() => new Float64Array(n)),
    accounts: new Float64Array(n),
    revenue: new Float64Array(n),
    start: new Int32Array(n).fill(-1),
    fixed: new Uint8Array(n),
  };
  const votes = new Map<number, number>();
  for (let u = 0; u < n; u++) {
    let sumLon = 0;
    let sumLat = 0;
    votes.clear();
    for (const i of members[u]) {
      const row = rows[i];
      sumLon += accounts.longitude[row];
      sumLat += accounts.latitude[row];
      for (let m = 0; m < measures.length; m++) units.measures[m][u] += value(measures[m][row]);
      units.revenue[u] += value(accounts.revenue[row]);
      units.accounts[u]++;
      if (accounts.fixed[i]) units.fixed[u] = 1;
      const t = accounts.territory[i];
      votes.set(t, (votes.get(t) ?? 0) + 1);
    }
    units.longitude[u] = sumLon / members[u].length;
    units.latitude[u] = sumLat / members[u].length;
    // A unit starts where most of its accounts are (ties: the lowest territory index, for determinism).
    let start = -1;
    let most = 0;
    for (const [t, count] of votes) {
      if (t >= 0 && (count > most || (count === most && t < start))) {
        start = t;
        most = count;
      }
    }
    units.start[u] = start;
  }
  return { units, unitOfAccount, keys, baseLoads, unlocated };
}

const value = (v: number) => (Number.isFinite(v) ? v : 0);
