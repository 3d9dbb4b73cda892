/**
 * "Start from data": a hierarchy proposed from account columns (Country → Region, Industry → revenue band...).
 * Pure functions over dictionary-coded columns: the service reads the record table, these group and name.
 */
import type { Condition } from '../../shared/domain';

/** One value of a level: what the territory is called and the conditions its rule tests. */
export interface LevelGroup {
  label: string;
  /** A short, code-friendly form of the value ("FR", "1M-5M"). */
  key: string;
  /** The key is a code of its own (an ISO country or subdivision): the territory code is the key, unprefixed. */
  ownCode?: boolean;
  conditions: Condition[];
}

/**
 * One level of the hierarchy to build: each row of the table falls in groups[codes[row]].
 * Groups are listed in the order territories should take (alphabetical values, ascending bands).
 */
export interface Level {
  field: string;
  groups: LevelGroup[];
  codes: ArrayLike<number>;
}

export interface DataGroup {
  group: LevelGroup;
  /** Rows (accounts) in this group and the ones above it. */
  count: number;
  children: DataGroup[];
}

/** The label given to rows where the column is empty. */
export const EMPTY_LABEL = 'Unspecified';

/**
 * Nests the rows by level: every combination that occurs becomes a group, with its row count. Rows where
 * `include` is false (deleted records) are skipped. Children follow their level's group order.
 */
export function groupRows(levels: readonly Level[], rowCount: number, include: (row: number) => boolean): DataGroup[] {
  interface Node {
    count: number;
    children: Map<number, Node>;
  }
  const top: Node = { count: 0, children: new Map() };
  for (let row = 0; row < rowCount; row++) {
    if (!include(row)) continue;
    let node = top;
    for (const level of levels) {
      const code = level.codes[row];
      let child = node.children.get(code);
      if (!child) {
        child = { count: 0, children: new Map() };
        node.children.set(code, child);
      }
      child.count++;
      node = child;
    }
  }
  const build = (node: Node, depth: number): DataGroup[] =>
    [...node.children.entries()]
      .sort(([a], [b]) => a - b)
      .map(([code, child]) => ({
        group: levels[depth].groups[code],
        count: child.count,
        children: depth + 1 < levels.length ? build(child, depth + 1) : [],
      }));
  return build(top, 0);
}

/** Territories per level and in all, as the planner sees them before generating. */
export function countGroups(groups: readonly DataGroup[]): { perLevel: number[]; total: number } {
  const perLevel: number[] = [];
  const walk = (list: readonly DataGroup[], depth: number) => {
    if (list.length === 0) return;
    perLevel[depth] = (perLevel[depth] ?? 0) + list.length;
    for (const g of list) walk(g.children, depth + 1);
  };
  walk(groups, 0);
  return { perLevel, total: perLevel.reduce((a, b) => a + b, 0) };
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toUpperCase()
    .slice(0, 16);

/**
 * A text level: one group per value of a dictionary-coded column (values[0] is the empty text), sorted by label,
 * empty last. `nameOf` turns a stored value into a territory name (a country code into its name).
 */
export function textLevel(
  field: string,
  column: { values: readonly string[]; codes: ArrayLike<number> },
  nameOf: (value: string) => string = (v) => v,
): Level {
  const order = column.values
    .map((value, code) => ({ value, code }))
    .filter((v) => v.code !== 0)
    .sort((a, b) => nameOf(a.value).localeCompare(nameOf(b.value)));
  const rank = new Uint32Array(column.values.length);
  const groups: LevelGroup[] = order.map(({ value, code }, i) => {
    rank[code] = i;
    return { label: nameOf(value), key: slug(value) || String(i + 1), conditions: [{ field, operator: 'is', value }] };
  });
  rank[0] = groups.length;
  groups.push({ label: EMPTY_LABEL, key: 'NONE', conditions: [{ field, operator: 'isEmpty', value: null }] });
  const codes = new Uint32Array(column.codes.length);
  for (let row = 0; row < codes.length; row++) codes[row] = rank[column.codes[row]];
  return { field, groups, codes };
}

/**
 * A canonical place level (countryCode, regionCode, subregionCode): one group per ISO code that occurs, named by
 * `nameOf` in the planner's language, coded by the ISO code itself ("DE", "US-CA"); rows without one last.
 * "Belgique" and "Belgium" are one code, so one territory.
 */
export function placeLevel(
  field: string,
  column: { values: readonly string[]; codes: ArrayLike<number> },
  nameOf: (code: string) => string,
): Level {
  const level = textLevel(field, column, nameOf);
  for (const group of level.groups) {
    const code = group.conditions[0]?.operator === 'is' ? String(group.conditions[0].value) : '';
    if (code !== '') {
      group.key = code;
      group.ownCode = true;
    }
  }
  return level;
}

/** Rounds to two significant digits, so band edges read as 1.2M rather than 1,187,342. */
export function niceEdge(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

/**
 * Quantile edges that split the values in about `bands` groups of equal size, rounded to read well and deduplicated.
 * NaN (empty) values are ignored.
 */
export function bandEdges(values: ArrayLike<number>, bands: number, include: (row: number) => boolean): number[] {
  const present: number[] = [];
  for (let row = 0; row < values.length; row++) {
    if (include(row) && !Number.isNaN(values[row])) present.push(values[row]);
  }
  if (present.length === 0) return [];
  const sorted = Float64Array.from(present).sort();
  const edges: number[] = [];
  for (let i = 1; i < bands; i++) {
    const edge = niceEdge(sorted[Math.floor((i * sorted.length) / bands)]);
    if (edge > sorted[0] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return edges;
}

/**
 * A number level: the values split in bands at `edges` (ascending): below the first, between two, from the last;
 * then empty values. Each band's rule tests `field >= from AND field < to`.
 */
export function bandLevel(field: string, label: string, values: ArrayLike<number>, edges: readonly number[]): Level {
  const groups: LevelGroup[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const from = i === 0 ? null : edges[i - 1];
    const to = i === edges.length ? null : edges[i];
    const conditions: Condition[] = [];
    if (from !== null) conditions.push({ field, operator: 'ge', value: from });
    if (to !== null) conditions.push({ field, operator: 'lt', value: to });
    const range =
      from === null && to === null
        ? 'all'
        : from === null
          ? `< ${compact.format(to!)}`
          : to === null
            ? `≥ ${compact.format(from)}`
            : `${compact.format(from)}–${compact.format(to)}`;
    const key =
      from === null && to === null
        ? 'ALL'
        : from === null
          ? `LT${compact.format(to!)}`
          : to === null
            ? `GE${compact.format(from)}`
            : `${compact.format(from)}-${compact.format(to)}`;
    // A single band (all values equal) has no condition and matches everything non-empty via the parent.
    if (conditions.length === 0) conditions.push({ field, operator: 'isNotEmpty', value: null });
    groups.push({ label: `${label} ${range}`, key: slug(key), conditions });
  }
  const empty = groups.length;
  groups.push({
    label: `${label}: ${EMPTY_LABEL.toLowerCase()}`,
    key: 'NONE',
    conditions: [{ field, operator: 'isEmpty', value: null }],
  });
  const codes = new Uint32Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (Number.isNaN(value)) {
      codes[row] = empty;
      continue;
    }
    let band = 0;
    while (band < edges.length && value >= edges[band]) band++;
    codes[row] = band;
  }
  return { field, groups, codes };
}

/** A territory to create, as the generator proposes it (the service adds ids, colours, plan and rules). */
export interface ProposedTerritory {
  /** Index of the parent in the answer, or -1 for a child of the territory the planner picked. */
  parent: number;
  name: string;
  code: string;
  /** 0 for the first level. */
  depth: number;
  conditions: Condition[];
  count: number;
  /** Order among siblings. */
  sortOrder: number;
}

/**
 * Flattens grouped rows into territories, parents before children. Codes join the parent's code and the value's
 * key ("FR-RETAIL"), kept unique by `uniqueCode`.
 */
export function proposeTerritories(
  groups: readonly DataGroup[],
  /** Code prefix: the parent territory's code, or '' under the organisation. */
  prefix: string,
  uniqueCode: (code: string) => string,
): ProposedTerritory[] {
  const out: ProposedTerritory[] = [];
  const walk = (list: readonly DataGroup[], parent: number, prefix: string, depth: number) => {
    list.forEach((g, sortOrder) => {
      const base = (prefix && !g.group.ownCode ? `${prefix}-${g.group.key}` : g.group.key).slice(0, 64);
      const code = uniqueCode(base);
      const index = out.length;
      out.push({ parent, name: g.group.label, code, depth, conditions: g.group.conditions, count: g.count, sortOrder });
      walk(g.children, index, code, depth + 1);
    });
  };
  walk(groups, -1, prefix, 0);
  return out;
}
