/**
 * A plan's data as export tables: assignments (one row per record and territory, plus one row per record in no
 * territory so a CRM load can clear old values; or one row per record with its territories joined), territories,
 * memberships and targets. Pure: the service loads, this shapes, the writers (csv.ts, xlsx.ts) write.
 */
import type { Condition, Membership, Plan, RecordKind, Rule, SalesUser, Target, Territory } from '../../shared/domain';
import { sourceName, type Assignment } from '../engine/rules/assignment';
import type { RecordTable } from '../records/recordTable';
import { tableOf, type ExportCell, type ExportColumn, type ExportTable } from './table';

export interface KindExport {
  kind: RecordKind;
  records: RecordTable;
  /** null: rules never applied and nothing placed by hand: every live record is in no territory. */
  assignment: Assignment | null;
}

export interface PlanExportData {
  plan: Plan;
  territories: readonly Territory[];
  rules: readonly Rule[];
  memberships: readonly Membership[];
  users: readonly SalesUser[];
  targets: readonly Target[];
}

export const assignmentLayouts = ['perTerritory', 'perRecord'] as const;
export type AssignmentLayout = (typeof assignmentLayouts)[number];

/** "draft", "final" or "archived", on every row: a draft's files say so inside, not only in their name. */
const planStatusColumn: ExportColumn = { key: 'planStatus', header: 'plan status', kind: 'text' };
const territoryCodeColumn: ExportColumn = { key: 'territoryCode', header: 'territory code', kind: 'identifier' };
const territoryPathColumn: ExportColumn = { key: 'territoryPath', header: 'territory path', kind: 'text' };

export const assignmentColumns: readonly ExportColumn[] = [
  { key: 'recordKind', header: 'record kind', kind: 'text' },
  { key: 'externalId', header: 'external ID', kind: 'identifier' },
  { key: 'name', header: 'name', kind: 'text' },
  { key: 'country', header: 'country', kind: 'identifier' },
  { key: 'postalCode', header: 'postal code', kind: 'postal' },
  territoryCodeColumn,
  { key: 'territoryName', header: 'territory name', kind: 'text' },
  territoryPathColumn,
  { key: 'source', header: 'source', kind: 'text' },
  { key: 'rule', header: 'rule', kind: 'text' },
  { key: 'manager', header: 'territory manager', kind: 'text' },
  { key: 'members', header: 'territory members', kind: 'text' },
  { key: 'ownerExternalId', header: 'owner external ID', kind: 'identifier' },
  { key: 'ownerName', header: 'owner', kind: 'text' },
  planStatusColumn,
];

/** Territories joined in one cell, for CRMs that take a single field. */
export const JOIN = '; ';

/**
 * A value for each territory made from its parent's, each computed once however deep the tree. `parent` is
 * undefined for the root, for a territory whose parent is missing, and past 1000 levels (a cycle).
 */
function fromParents<T>(
  territories: readonly Territory[],
  valueOf: (territory: Territory, parent: Territory | undefined, parentValue: () => T) => T,
  which: (territory: Territory) => boolean = () => true,
): Map<string, T> {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const values = new Map<string, T>();
  const of = (territory: Territory, depth: number): T => {
    if (values.has(territory.id)) return values.get(territory.id)!;
    const parent = territory.parentId === null || depth > 1000 ? undefined : byId.get(territory.parentId);
    const value = valueOf(territory, parent, () => of(parent!, depth + 1));
    values.set(territory.id, value);
    return value;
  };
  for (const territory of territories) if (which(territory)) of(territory, 0);
  return values;
}

/** "EMEA > France > France Nord": the path below the organisation, which stands for everyone. */
export function territoryPaths(territories: readonly Territory[]): Map<string, string> {
  return fromParents(
    territories,
    (territory, parent, parentPath) =>
      !parent || parent.parentId === null ? territory.name : `${parentPath()} > ${territory.name}`,
    (territory) => territory.parentId !== null,
  );
}

/** Depth below the organisation: its children are level 1. */
export function territoryLevels(territories: readonly Territory[]): Map<string, number> {
  return fromParents<number>(territories, (_, parent, parentLevel) => (parent ? parentLevel() + 1 : 0));
}

function valueText(value: Condition['value']): string {
  if (value === null) return '';
  if (Array.isArray(value)) {
    return value
      .map((v) => (typeof v === 'object' && v !== null ? `${v.from}–${v.to}` : String(v)))
      .join(', ')
      .slice(0, 200);
  }
  return String(value);
}

/** "country isAnyOf FR, BE AND industry is Retail": a rule as one line, conditions put into its pattern. */
export function describeRule(rule: Pick<Rule, 'conditions' | 'pattern'>): string {
  const parts = rule.conditions.map((c) =>
    c.operator === 'inRegions' || c.operator === 'withinArea'
      ? `${c.operator} ${valueText(c.value)}`.trim()
      : `${c.field} ${c.operator} ${valueText(c.value)}`.trim(),
  );
  if (rule.pattern.trim() === '') return parts.join(' AND ');
  return rule.pattern.replace(/\d+/g, (n) => parts[Number(n) - 1] ?? n);
}

/**
 * Which rule placed a record in a territory, per territory and kind: its own enabled rules of the kind (joined by
 * AND: all must hold), or, for a territory without any that inherits, its parent's (said so).
 */
export function ruleLabels(territories: readonly Territory[], rules: readonly Rule[], kind: RecordKind) {
  const own = new Map<string, string[]>();
  for (const rule of rules) {
    if (!rule.enabled || rule.recordKind !== kind) continue;
    const list = own.get(rule.territoryId) ?? [];
    list.push(describeRule(rule));
    own.set(rule.territoryId, list);
  }
  return fromParents<string>(territories, (t, parent, parentLabel) => {
    const mine = own.get(t.id);
    if (mine) return mine.length === 1 ? mine[0] : mine.map((m) => `(${m})`).join(' AND ');
    if (t.rulesWhenEmpty === 'none' || !parent || parent.parentId === null) return '';
    const inherited = parentLabel();
    return inherited ? `${inherited} (from ${parent.code || parent.name})` : '';
  });
}

/** Names of each territory's managers and members (by role), joined. */
export function peopleOfTerritories(memberships: readonly Membership[], users: readonly SalesUser[]) {
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const people = new Map<string, { managers: string[]; members: string[] }>();
  for (const m of memberships) {
    let entry = people.get(m.territoryId);
    if (!entry) people.set(m.territoryId, (entry = { managers: [], members: [] }));
    (m.role === 'manager' ? entry.managers : entry.members).push(nameOf.get(m.userId) ?? m.userId);
  }
  return people;
}

function textColumn(table: RecordTable, key: string): ((row: number) => string | null) | null {
  const column = table.columns.get(key);
  if (!column) return null;
  if (column.type === 'text') return (row) => (column.codes[row] === 0 ? null : column.values[column.codes[row]]);
  return (row) => (Number.isNaN(column.values[row]) ? null : String(column.values[row]));
}

/** What a planner calls a record: its name, or a contact's first and last name. */
function recordNames(table: RecordTable): (row: number) => string {
  const name = textColumn(table, 'name');
  const first = textColumn(table, 'firstName');
  const last = textColumn(table, 'lastName');
  return (row) => {
    const own = name?.(row);
    if (own) return own;
    return [first?.(row), last?.(row)].filter((p) => p !== null && p !== undefined && p !== '').join(' ');
  };
}

/** The owner of each record: its own owner, or (contacts) its account's. */
function owners(kinds: readonly KindExport[], kind: KindExport): (row: number) => string | null {
  const own = textColumn(kind.records, 'ownerExternalId');
  if (own) return own;
  const accounts = kinds.find((k) => k.kind === 'account')?.records;
  const link = textColumn(kind.records, 'accountExternalId');
  if (!accounts || !link) return () => null;
  const accountOwner = textColumn(accounts, 'ownerExternalId');
  const ids = textColumn(accounts, 'externalId');
  if (!accountOwner || !ids) return () => null;
  const ownerOf = new Map<string, string>();
  for (let row = 0; row < accounts.rowCount; row++) {
    if (accounts.deleted[row] === 1) continue;
    const id = ids(row);
    const owner = accountOwner(row);
    if (id && owner) ownerOf.set(id, owner);
  }
  return (row) => {
    const account = link(row);
    return account ? (ownerOf.get(account) ?? null) : null;
  };
}

/**
 * The assignments of the kinds given. perTerritory: one row per record and territory, and one row (territory
 * columns empty, source "none") per live record in no territory. perRecord: one row per live record, its
 * territories' codes, names, paths, sources and rules joined with "; " in the same order.
 */
export function assignmentsTable(
  data: PlanExportData,
  kinds: readonly KindExport[],
  layout: AssignmentLayout = 'perTerritory',
): ExportTable {
  const { territories } = data;
  const paths = territoryPaths(territories);
  const people = peopleOfTerritories(data.memberships, data.users);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const userNameByExternalId = new Map(data.users.filter((u) => u.externalId).map((u) => [u.externalId, u.name]));
  const status = data.plan.status;

  let rowCount = 0;
  for (const { records, assignment } of kinds) {
    for (let row = 0; row < records.rowCount; row++) {
      if (records.deleted[row] === 1) continue;
      const n = assignment && row < assignment.rowCount ? assignment.offsets[row + 1] - assignment.offsets[row] : 0;
      rowCount += layout === 'perRecord' ? 1 : Math.max(1, n);
    }
  }

  return {
    name: layout === 'perRecord' ? 'Assignments by record' : 'Assignments',
    columns: [...assignmentColumns],
    rowCount,
    *rows() {
      const cells: ExportCell[] = new Array<ExportCell>(assignmentColumns.length).fill(null);
      for (const part of kinds) {
        const { kind, records, assignment } = part;
        const externalId = textColumn(records, 'externalId');
        const country = textColumn(records, 'country');
        const postal = textColumn(records, 'postalCode');
        const nameOf = recordNames(records);
        const ownerOf = owners(kinds, part);
        const rules = ruleLabels(territories, data.rules, kind);
        // Per territory index of the assignment: what each row repeats. A territory deleted since is skipped.
        const ids = assignment?.territoryIds ?? [];
        const known = ids.map((id) => byId.has(id) && byId.get(id)!.parentId !== null);
        const code = ids.map((id) => byId.get(id)?.code ?? '');
        const name = ids.map((id) => byId.get(id)?.name ?? '');
        const path = ids.map((id) => paths.get(id) ?? '');
        const rule = ids.map((id) => rules.get(id) ?? '');
        const manager = ids.map((id) => people.get(id)?.managers.join(JOIN) ?? '');
        const members = ids.map((id) => people.get(id)?.members.join(JOIN) ?? '');
        for (let row = 0; row < records.rowCount; row++) {
          if (records.deleted[row] === 1) continue;
          cells[0] = kind;
          cells[1] = externalId?.(row) ?? null;
          cells[2] = nameOf(row);
          cells[3] = country?.(row) ?? null;
          cells[4] = postal?.(row) ?? null;
          const owner = ownerOf(row);
          cells[12] = owner;
          cells[13] = owner ? (userNameByExternalId.get(owner) ?? null) : null;
          cells[14] = status;
          const start = assignment && row < assignment.rowCount ? assignment.offsets[row] : 0;
          const stop = assignment && row < assignment.rowCount ? assignment.offsets[row + 1] : 0;
          let written = 0;
          if (layout === 'perTerritory') {
            for (let i = start; i < stop; i++) {
              const t = assignment!.territories[i];
              if (!known[t]) continue;
              const source = sourceName(assignment!.sources[i]);
              cells[5] = code[t];
              cells[6] = name[t];
              cells[7] = path[t];
              cells[8] = source;
              cells[9] = source === 'rule' ? rule[t] : null;
              cells[10] = manager[t];
              cells[11] = members[t];
              yield cells;
              written++;
            }
          } else {
            const picked: number[] = [];
            const sources: string[] = [];
            for (let i = start; i < stop; i++) {
              const t = assignment!.territories[i];
              if (!known[t]) continue;
              picked.push(t);
              sources.push(sourceName(assignment!.sources[i]));
            }
            if (picked.length > 0) {
              cells[5] = picked.map((t) => code[t]).join(JOIN);
              cells[6] = picked.map((t) => name[t]).join(JOIN);
              cells[7] = picked.map((t) => path[t]).join(JOIN);
              cells[8] = sources.join(JOIN);
              cells[9] = picked.map((t, i) => (sources[i] === 'rule' ? rule[t] : '')).join(JOIN);
              cells[10] = picked.map((t) => manager[t]).join(JOIN);
              cells[11] = picked.map((t) => members[t]).join(JOIN);
              yield cells;
              written++;
            }
          }
          if (written === 0) {
            cells[5] = cells[6] = cells[7] = null;
            cells[8] = 'none';
            cells[9] = cells[10] = cells[11] = null;
            yield cells;
          }
        }
      }
    },
  };
}

export const territoryColumns: readonly ExportColumn[] = [
  { key: 'code', header: 'code', kind: 'identifier' },
  { key: 'name', header: 'name', kind: 'text' },
  { key: 'path', header: 'path', kind: 'text' },
  { key: 'parentCode', header: 'parent code', kind: 'identifier' },
  { key: 'parentName', header: 'parent name', kind: 'text' },
  { key: 'level', header: 'level', kind: 'number' },
  { key: 'type', header: 'type', kind: 'text' },
  { key: 'manager', header: 'manager', kind: 'text' },
  { key: 'members', header: 'members', kind: 'text' },
  { key: 'regions', header: 'regions', kind: 'text' },
  { key: 'postalPrefixes', header: 'postal prefixes', kind: 'text' },
  { key: 'drawnAreas', header: 'drawn areas', kind: 'number' },
  { key: 'priority', header: 'priority', kind: 'number' },
  { key: 'description', header: 'description', kind: 'text' },
  { key: 'color', header: 'colour', kind: 'identifier' },
  planStatusColumn,
];

/** Territories in tree order (parents before children, siblings by sortOrder); the organisation root left out. */
export function treeOrder(territories: readonly Territory[]): Territory[] {
  const children = new Map<string | null, Territory[]>();
  for (const t of territories) {
    const list = children.get(t.parentId) ?? [];
    list.push(t);
    children.set(t.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  const ordered: Territory[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null) => {
    for (const t of children.get(parentId) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      ordered.push(t);
      walk(t.id);
    }
  };
  walk(null);
  return ordered;
}

export function territoriesTable(data: PlanExportData): ExportTable {
  const paths = territoryPaths(data.territories);
  const levels = territoryLevels(data.territories);
  const byId = new Map(data.territories.map((t) => [t.id, t]));
  const people = peopleOfTerritories(data.memberships, data.users);
  const rows = treeOrder(data.territories)
    .filter((t) => t.parentId !== null)
    .map((t): ExportCell[] => {
      const parent = t.parentId === null ? undefined : byId.get(t.parentId);
      const parentIsRoot = !parent || parent.parentId === null;
      return [
        t.code,
        t.name,
        paths.get(t.id) ?? t.name,
        parentIsRoot ? null : parent.code,
        parentIsRoot ? null : parent.name,
        levels.get(t.id) ?? 1,
        t.typeLabel,
        people.get(t.id)?.managers.join(JOIN) ?? null,
        people.get(t.id)?.members.join(JOIN) ?? null,
        t.geography.regions.join(JOIN),
        t.geography.postalPrefixes.join(JOIN),
        t.geography.areas.length,
        t.priority,
        t.description,
        t.color,
        data.plan.status,
      ];
    });
  return tableOf('Territories', [...territoryColumns], rows);
}

export const membershipColumns: readonly ExportColumn[] = [
  territoryCodeColumn,
  territoryPathColumn,
  { key: 'userExternalId', header: 'user external ID', kind: 'identifier' },
  { key: 'userName', header: 'user', kind: 'text' },
  { key: 'email', header: 'email', kind: 'text' },
  { key: 'role', header: 'role', kind: 'text' },
  planStatusColumn,
];

/** How the memberships and targets sheets name a territory and a person, and sort by the tree. */
function lookupsOf(data: PlanExportData) {
  const paths = territoryPaths(data.territories);
  const order = new Map(treeOrder(data.territories).map((t, i) => [t.id, i]));
  const byId = new Map(data.territories.map((t) => [t.id, t]));
  const users = new Map(data.users.map((u) => [u.id, u]));
  const user = (userId: string | null) => (userId === null ? undefined : users.get(userId));
  return {
    has: (territoryId: string) => byId.has(territoryId),
    /** The territory's place in tree order. */
    position: (territoryId: string) => order.get(territoryId) ?? 0,
    code: (territoryId: string) => byId.get(territoryId)?.code ?? '',
    path: (territoryId: string) => paths.get(territoryId) ?? byId.get(territoryId)?.name ?? '',
    user,
    userName: (userId: string | null) => user(userId)?.name ?? '',
  };
}

export function membershipsTable(data: PlanExportData): ExportTable {
  const at = lookupsOf(data);
  const rows = [...data.memberships]
    .filter((m) => at.has(m.territoryId))
    .sort(
      (a, b) =>
        at.position(a.territoryId) - at.position(b.territoryId) ||
        (a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1) ||
        at.userName(a.userId).localeCompare(at.userName(b.userId)),
    )
    .map((m): ExportCell[] => {
      const user = at.user(m.userId);
      return [
        at.code(m.territoryId),
        at.path(m.territoryId),
        user?.externalId ?? null,
        user?.name ?? m.userId,
        user?.email ?? null,
        m.role,
        data.plan.status,
      ];
    });
  return tableOf('Memberships', [...membershipColumns], rows);
}

export const targetColumns: readonly ExportColumn[] = [
  { key: 'period', header: 'period', kind: 'identifier' },
  territoryCodeColumn,
  territoryPathColumn,
  { key: 'userExternalId', header: 'member external ID', kind: 'identifier' },
  { key: 'userName', header: 'member', kind: 'text' },
  { key: 'amount', header: 'target', kind: 'number' },
  { key: 'currency', header: 'currency', kind: 'identifier' },
  planStatusColumn,
];

/** Targets per period, territory and member (a territory's own target has no member). */
export function targetsTable(data: PlanExportData): ExportTable {
  const at = lookupsOf(data);
  const rows = [...data.targets]
    .filter((t) => at.has(t.territoryId))
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        at.position(a.territoryId) - at.position(b.territoryId) ||
        (a.userId === null ? -1 : 0) - (b.userId === null ? -1 : 0) ||
        at.userName(a.userId).localeCompare(at.userName(b.userId)),
    )
    .map((t): ExportCell[] => {
      const user = at.user(t.userId);
      return [
        t.period,
        at.code(t.territoryId),
        at.path(t.territoryId),
        user?.externalId ?? null,
        user?.name ?? null,
        t.amount,
        data.plan.currency,
        data.plan.status,
      ];
    });
  return tableOf('Targets', [...targetColumns], rows);
}

/** A small sheet that says which plan, which status and when: every workbook ends with it. */
export function aboutTable(plan: Plan, exportedAt: string): ExportTable {
  return tableOf(
    'About',
    [
      { key: 'field', header: 'field', kind: 'text' },
      { key: 'value', header: 'value', kind: 'text' },
    ],
    [
      ['plan', plan.name],
      ['status', plan.status],
      ['finalized at', plan.finalizedAt],
      ['exported at', exportedAt],
      ['currency', plan.currency],
    ],
  );
}
