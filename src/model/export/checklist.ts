/**
 * The finalize checklist: what a planner should look at before a plan becomes final and read-only. Pure: the
 * service passes the plan's data, its current assignments and what a fresh run of the rules would give.
 */
import type { ChecklistItem } from '../../shared/api/export';
import type { TerritoryWarning } from '../../shared/api/rules';
import type { Membership, RecordKind, Target, Territory } from '../../shared/domain';
import type { Assignment } from '../engine/rules/assignment';
import { foldText } from '../engine/rules/normalize';
import { rollUpTargets } from '../engine/targets';
import type { RecordTable } from '../records/recordTable';
import { territoryPaths } from './planTables';

const EXAMPLES = 5;

export interface ChecklistKind {
  kind: RecordKind;
  records: RecordTable;
  /** As the planner sees it now (null: rules never applied and nothing placed by hand). */
  current: Assignment | null;
  /** What running the rules now would give (null: the kind has no rules to run). */
  fresh: Assignment | null;
}

export interface ChecklistInput {
  territories: readonly Territory[];
  memberships: readonly Membership[];
  targets: readonly Target[];
  kinds: readonly ChecklistKind[];
  hasRules: boolean;
  /** The hierarchy warnings (engine/warnings.ts) of the plan as it is. */
  warnings?: readonly TerritoryWarning[];
}

function text(records: RecordTable, key: string, row: number): string {
  const column = records.columns.get(key);
  if (column?.type !== 'text') return '';
  return column.codes[row] === 0 ? '' : column.values[column.codes[row]];
}

function territoriesOf(assignment: Assignment, row: number, keep: (id: string) => boolean): string {
  if (row >= assignment.rowCount) return '';
  const ids: string[] = [];
  for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
    const id = assignment.territoryIds[assignment.territories[i]];
    if (keep(id)) ids.push(id);
  }
  return ids.sort().join(',');
}

function label(records: RecordTable, row: number): string {
  const name =
    text(records, 'name', row) || [text(records, 'firstName', row), text(records, 'lastName', row)].join(' ').trim();
  const id = text(records, 'externalId', row);
  return id ? `${name} (${id})` : name;
}

export function finalizeChecklist(input: ChecklistInput): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const live = input.territories.filter((t) => t.parentId !== null);
  const liveIds = new Set(live.map((t) => t.id));
  const paths = territoryPaths(input.territories);
  const pathOf = (id: string) => paths.get(id) ?? id;

  // Rules: never applied, or applied before a change (a fresh run would move records).
  const neverApplied =
    input.hasRules && input.kinds.some((k) => k.fresh !== null && k.current === null && k.records.rowCount > 0);
  items.push({ code: 'rulesNeverApplied', count: neverApplied ? 1 : 0, examples: [], fixIn: 'rules' });
  let moved = 0;
  const movedExamples: string[] = [];
  if (!neverApplied) {
    for (const { records, current, fresh } of input.kinds) {
      if (!fresh || !current) continue;
      for (let row = 0; row < records.rowCount; row++) {
        if (records.deleted[row] === 1) continue;
        // Manual placements are the planner's: a fresh run keeps them too, so compare all.
        if (
          territoriesOf(current, row, (id) => liveIds.has(id)) !== territoriesOf(fresh, row, (id) => liveIds.has(id))
        ) {
          moved++;
          if (movedExamples.length < EXAMPLES) movedExamples.push(label(records, row));
        }
      }
    }
  }
  items.push({ code: 'rulesNotApplied', count: moved, examples: movedExamples, fixIn: 'rules' });

  for (const { kind, records, current } of input.kinds) {
    if (records.rowCount === 0 || (kind !== 'account' && kind !== 'lead' && kind !== 'deal')) continue;
    let count = 0;
    const examples: string[] = [];
    for (let row = 0; row < records.rowCount; row++) {
      if (records.deleted[row] === 1) continue;
      if (current && territoriesOf(current, row, (id) => liveIds.has(id)) !== '') continue;
      count++;
      if (examples.length < EXAMPLES) examples.push(label(records, row));
    }
    items.push({
      code: 'recordsInNoTerritory',
      kind,
      count,
      examples,
      fixIn: kind === 'account' ? 'accounts' : 'rules',
    });
  }

  const managed = new Set(input.memberships.filter((m) => m.role === 'manager').map((m) => m.territoryId));
  /** An item of the Hierarchy view: the territories to fix, named by their path. */
  const territoriesToFix = (
    code: ChecklistItem['code'],
    territories: readonly Territory[],
    example = (t: Territory) => pathOf(t.id),
  ) =>
    items.push({
      code,
      count: territories.length,
      examples: territories.slice(0, EXAMPLES).map(example),
      territoryIds: territories.map((t) => t.id),
      fixIn: 'hierarchy',
    });
  territoriesToFix(
    'territoriesWithoutManager',
    live.filter((t) => !managed.has(t.id)),
  );
  territoriesToFix(
    'territoriesWithoutCode',
    live.filter((t) => t.code.trim() === ''),
  );
  const byCode = new Map<string, Territory[]>();
  for (const t of live) {
    const code = t.code.trim().toLowerCase();
    if (code === '') continue;
    byCode.set(code, [...(byCode.get(code) ?? []), t]);
  }
  const duplicated = [...byCode.values()].filter((list) => list.length > 1).flat();
  territoriesToFix('duplicateCodes', duplicated, (t) => `${t.code}: ${pathOf(t.id)}`);

  const periods = [...new Set(input.targets.map((t) => t.period))].sort();
  const mismatched: string[] = [];
  if (periods.length > 0) {
    const rolled = rollUpTargets(input.territories, input.targets, periods);
    for (const t of input.territories) {
      const row = rolled.get(t.id);
      if (row && (row.childMismatch.some(Boolean) || row.memberMismatch.some(Boolean))) mismatched.push(t.id);
    }
  }
  items.push({
    code: 'targetMismatches',
    count: mismatched.length,
    examples: mismatched.slice(0, EXAMPLES).map(pathOf),
    territoryIds: mismatched,
    fixIn: 'forecasts',
  });

  // Duplicate accounts: the same external ID twice, or the same name at the same place (country and postal code).
  const accounts = input.kinds.find((k) => k.kind === 'account')?.records;
  let duplicates = 0;
  const duplicateExamples: string[] = [];
  if (accounts) {
    const seenIds = new Map<string, number>();
    const seenNames = new Map<string, number>();
    for (let row = 0; row < accounts.rowCount; row++) {
      if (accounts.deleted[row] === 1) continue;
      const id = text(accounts, 'externalId', row);
      const name = foldText(text(accounts, 'name', row));
      const key = name === '' ? '' : `${name}|${text(accounts, 'country', row)}|${text(accounts, 'postalCode', row)}`;
      const twin = (id !== '' ? seenIds.get(id) : undefined) ?? (key !== '' ? seenNames.get(key) : undefined);
      if (twin !== undefined) {
        duplicates++;
        if (duplicateExamples.length < EXAMPLES)
          duplicateExamples.push(`${label(accounts, row)} = ${label(accounts, twin)}`);
      }
      if (id !== '' && !seenIds.has(id)) seenIds.set(id, row);
      if (key !== '' && !seenNames.has(key)) seenNames.set(key, row);
    }
  }
  items.push({
    code: 'duplicateAccounts',
    kind: 'account',
    count: duplicates,
    examples: duplicateExamples,
    fixIn: 'accounts',
  });

  // Hierarchy warnings: sub-territories holding nothing, territories taking their parent's match for want of rules.
  const warned = (code: TerritoryWarning['code']) =>
    (input.warnings ?? []).filter((w) => w.code === code && liveIds.has(w.territoryId)).map((w) => w.territoryId);
  for (const [code, ids, fixIn] of [
    ['emptyTerritories', warned('holdsNoAccounts'), 'hierarchy'],
    ['territoriesInheritingParent', warned('inheritsParent'), 'rules'],
  ] as const) {
    items.push({
      code,
      count: ids.length,
      examples: ids.slice(0, EXAMPLES).map(pathOf),
      territoryIds: ids,
      fixIn,
    });
  }
  return items;
}
