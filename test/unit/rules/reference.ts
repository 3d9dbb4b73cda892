/**
 * A straightforward evaluator of assignment rules, record by record, written from the rules' definition and
 * sharing no code with the engine. Property tests compare the compiled engine with it.
 */
import type { Condition, MatchMode, Polygon, Rule, Territory } from '../../../src/shared/domain';
import type { Row } from './helpers';

/** A pattern as the property tests generate it; rendered to text for the engine, evaluated directly here. */
export type RefPattern =
  { op: 'cond'; n: number } | { op: 'and' | 'or'; items: RefPattern[] } | { op: 'not'; item: RefPattern };

export function renderPattern(p: RefPattern): string {
  switch (p.op) {
    case 'cond':
      return String(p.n);
    case 'not':
      return `NOT (${renderPattern(p.item)})`;
    default:
      return p.items.map((item) => `(${renderPattern(item)})`).join(p.op === 'and' ? ' and ' : ' OR ');
  }
}

function holdsPattern(p: RefPattern, held: (n: number) => boolean): boolean {
  switch (p.op) {
    case 'cond':
      return held(p.n);
    case 'not':
      return !holdsPattern(p.item, held);
    case 'and':
      return p.items.every((item) => holdsPattern(item, held));
    case 'or':
      return p.items.some((item) => holdsPattern(item, held));
  }
}

export interface RefRule {
  rule: Rule;
  /** null: the rule's pattern is empty, all conditions AND'ed. */
  pattern: RefPattern | null;
}

/** Case, accents, hyphens, dashes, underscores, apostrophes and repeated spaces ignored, as the editors' hint says. */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑‒–—―−_'‘’ʼ`´]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function postal(s: string): string {
  const t = s.trim();
  if (/^\d{5}-\d{4}$/.test(t)) return t.slice(0, 5);
  return t.replace(/[\s-]+/g, '').toUpperCase();
}

function items(value: Condition['value'], split: boolean): string[] {
  if (typeof value === 'string') return split ? value.split(/[,;\t\r\n]+/) : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function text(record: Row, key: string): string | null {
  const v = record[key];
  return v === null || v === undefined || v === '' ? null : String(v);
}

function num(record: Row, key: string): number | null {
  const v = record[key];
  return v === null || v === undefined || v === '' ? null : Number(v);
}

function inPolygon(polygon: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
  }
  return inside;
}

export function refWithinAreas(areas: Polygon[], x: number, y: number): boolean {
  return areas.some((polygon) => inPolygon(polygon, x, y));
}

/** Whether a condition cannot be used (the engine reports it and the territory matches nothing). */
export function refBroken(c: Condition, t: Territory): boolean {
  if (c.operator === 'withinArea') return t.geography.areas.length === 0;
  if (c.operator === 'inRegions')
    return items(c.value, true).every((s) => s.trim() === '') && t.geography.regions.length === 0;
  return false;
}

/** The départements of the postal codes the property tests use, with their regions (from the ISO 3166-2 list). */
/** The subdivisions the property tests write (as codes or within their country). */
const knownSubdivisions = new Set(['US-CA', 'US-NY', 'FR-IDF', 'DE-BY']);

const frenchDepartments: Record<string, [string, string]> = {
  '01': ['FR-01', 'FR-ARA'],
  '02': ['FR-02', 'FR-HDF'],
  '12': ['FR-12', 'FR-OCC'],
  '75': ['FR-75C', 'FR-IDF'],
};

export function refCondition(c: Condition, record: Row, t: Territory): boolean {
  const raw = text(record, c.field);
  switch (c.operator) {
    case 'isEmpty':
    case 'isNotEmpty': {
      const v = record[c.field];
      const empty = typeof v === 'number' ? false : v === null || v === undefined || String(v).trim() === '';
      return c.operator === 'isEmpty' ? empty : !empty;
    }
    case 'is':
    case 'isNot':
    case 'isAnyOf':
    case 'isNoneOf':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith': {
      const norm = (s: string) => (c.exact ? s : fold(s));
      const split = c.operator === 'isAnyOf' || c.operator === 'isNoneOf';
      const needles = items(c.value, split)
        .map(norm)
        .filter((s) => s !== '');
      const negative = c.operator === 'isNot' || c.operator === 'isNoneOf' || c.operator === 'notContains';
      const value = raw === null ? '' : norm(raw);
      if (value === '') return negative;
      if (c.operator === 'is' || c.operator === 'isAnyOf') return needles.includes(value);
      if (c.operator === 'isNot' || c.operator === 'isNoneOf') return !needles.includes(value);
      if (c.operator === 'contains') return needles.some((n) => value.includes(n));
      if (c.operator === 'notContains') return !needles.some((n) => value.includes(n));
      if (c.operator === 'startsWith') return needles.some((n) => value.startsWith(n));
      return needles.some((n) => value.endsWith(n));
    }
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'between': {
      const v = num(record, c.field);
      if (v === null) return false;
      if (c.operator === 'between') {
        const [a, b] = c.value as [number, number];
        return v >= Math.min(a, b) && v <= Math.max(a, b);
      }
      const x = c.value as number;
      return { eq: v === x, ne: v !== x, lt: v < x, le: v <= x, gt: v > x, ge: v >= x }[c.operator];
    }
    case 'postalStartsWith': {
      const v = raw === null ? '' : postal(raw);
      if (v === '') return false;
      return items(c.value, true)
        .map(postal)
        .filter((p) => p !== '')
        .some((p) => v.startsWith(p));
    }
    case 'postalInRanges': {
      const v = raw === null ? '' : postal(raw);
      if (v === '') return false;
      return (c.value as { from: string; to: string }[]).some((r) => {
        const a = postal(r.from);
        const b = postal(r.to);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return v.length >= lo.length && v.slice(0, lo.length) >= lo && v.slice(0, lo.length) <= hi;
      });
    }
    case 'inRegions': {
      const listed = items(c.value, true).filter((s) => s.trim() !== '');
      const wanted = (listed.length > 0 ? listed : t.geography.regions).map((s) => s.trim().toUpperCase());
      // The record's ISO places, read here from text written as codes ("us", "US-CA", "CA" within "US"):
      // a country is in the list, or its state is.
      let country = (text(record, 'country') ?? '').trim().toUpperCase();
      let region = (text(record, 'region') ?? '').trim().toUpperCase();
      if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(region)) {
        if (country === '') country = region.slice(0, 2);
        else if (region.slice(0, 2) !== country) region = '';
      } else region = country !== '' && /^[A-Z]{2}$/.test(region) ? `${country}-${region}` : '';
      // Only real subdivisions count ("CA" is a state of the US, nothing in France).
      if (!knownSubdivisions.has(region)) region = '';
      // A French postal code names its département, and so its region when none is written.
      let department = '';
      const postalCode = (text(record, 'postalCode') ?? '').replace(/[\s.-]/g, '');
      const digits = /^\d{4}$/.test(postalCode) ? `0${postalCode}` : postalCode;
      if (country === 'FR' && /^\d{5}$/.test(digits)) {
        const known = frenchDepartments[digits.slice(0, 2)];
        if (known) {
          department = known[0];
          if (region === '') region = known[1];
        }
      }
      return [country, region, department].some((code) => code !== '' && wanted.includes(code));
    }
    case 'withinArea': {
      const lon = num(record, 'longitude');
      const lat = num(record, 'latitude');
      return lon !== null && lat !== null && refWithinAreas(t.geography.areas, lon, lat);
    }
  }
}

export interface RefInput {
  territories: Territory[];
  rules: RefRule[];
  records: Row[];
  deleted: Set<number>;
  mode: MatchMode;
  limit: number;
  manual: { recordId: number; territoryId: string }[];
}

export interface RefPlacement {
  territoryId: string;
  source: 'rule' | 'manual';
}

/** Per record: its territories in order, and whether it is unmatched or hit the limit. */
export function refAssign(input: RefInput): {
  placements: RefPlacement[][];
  unmatched: boolean[];
  hitLimit: boolean[];
} {
  const { territories, rules, records, deleted, mode, limit, manual } = input;
  const root = territories.find((t) => t.parentId === null)!;
  const childrenOf = (id: string): Territory[] =>
    territories
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => t.parentId === id)
      .sort((a, b) => a.t.sortOrder - b.t.sortOrder || a.i - b.i)
      .map(({ t }) => t);
  const treeOrder: Territory[] = [];
  const visit = (t: Territory): void => {
    treeOrder.push(t);
    childrenOf(t.id).forEach(visit);
  };
  visit(root);
  const position = new Map(treeOrder.map((t, i) => [t.id, i]));
  const byPriority = (a: Territory, b: Territory): number =>
    a.priority - b.priority || position.get(a.id)! - position.get(b.id)!;

  const ownMatch = (t: Territory, record: Row): boolean => {
    const own = rules.filter((r) => r.rule.territoryId === t.id && r.rule.enabled && r.rule.recordKind === 'account');
    if (own.length === 0) return t.rulesWhenEmpty === 'inherit';
    if (own.some((r) => r.rule.conditions.some((c) => refBroken(c, t)))) return false;
    return own.every(({ rule, pattern }) => {
      const held = (n: number): boolean => refCondition(rule.conditions[n - 1], record, t);
      return pattern === null ? rule.conditions.every((_, i) => held(i + 1)) : holdsPattern(pattern, held);
    });
  };

  const placements: RefPlacement[][] = [];
  const unmatched: boolean[] = [];
  const hitLimit: boolean[] = [];
  records.forEach((record, row) => {
    if (deleted.has(row)) {
      placements.push([]);
      unmatched.push(false);
      hitLimit.push(false);
      return;
    }
    const pinned = [
      // Manual placements in the root or in unknown territories are ignored.
      ...new Set(
        manual
          .filter((m) => m.recordId === row && position.has(m.territoryId) && m.territoryId !== root.id)
          .map((m) => m.territoryId),
      ),
    ];
    if (pinned.length > 0) {
      const sorted = pinned.map((id) => treeOrder[position.get(id)!]).sort(byPriority);
      placements.push(sorted.map((t) => ({ territoryId: t.id, source: 'manual' })));
      unmatched.push(false);
      hitLimit.push(false);
      return;
    }
    // matched(t) = parent matched and own rules hold; the root matches every live record.
    const matched = new Map<string, boolean>();
    const matches = (t: Territory): boolean => {
      if (t.parentId === null) return true;
      let m = matched.get(t.id);
      if (m === undefined) {
        const parent = territories.find((p) => p.id === t.parentId)!;
        m = matches(parent) && ownMatch(t, record);
        matched.set(t.id, m);
      }
      return m;
    };
    let chosen: Territory[];
    let overflow = false;
    if (mode === 'lowestOnBranch') {
      let at = root;
      for (;;) {
        const next = childrenOf(at.id).find(matches);
        if (!next) break;
        at = next;
      }
      chosen = at === root ? [] : [at];
    } else {
      const deepest = treeOrder
        .filter((t) => t !== root && matches(t) && !childrenOf(t.id).some(matches))
        .sort(byPriority);
      if (mode === 'firstByPriority') chosen = deepest.slice(0, 1);
      else {
        overflow = deepest.length > limit;
        chosen = deepest.slice(0, limit);
      }
    }
    placements.push(chosen.map((t) => ({ territoryId: t.id, source: 'rule' })));
    unmatched.push(chosen.length === 0);
    hitLimit.push(overflow);
  });
  return { placements, unmatched, hitLimit };
}
