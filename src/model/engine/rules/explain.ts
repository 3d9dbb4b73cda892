/**
 * "Why is this record here (or not)?" for one record and one territory: the rules on the way from the root down
 * to the territory, with each condition's outcome and the record's values; the first territory on that path whose
 * rules failed; or "manual", or "inherited from account X". Evaluates one row, so it favours clarity over speed.
 */
import type { AssignmentSource, Condition, MatchMode, RecordKind, Rule, Territory } from '../../../shared/domain';
import { getCell, type CellValue, type RecordTable } from '../../records/recordTable';
import { sourceName, type Assignment } from './assignment';
import { compileRule, ruleHolds, type CompiledRule, type RuleProblem } from './compileRule';
import { accountRowByIdCode, codesOfTexts, type ManualPlacementInput } from './run';
import { ScanContext, type RegionShapes } from './scanContext';
import { buildTerritoryTree, type TerritoryTree } from './territoryTree';
import type { ExplainReason } from '../../../shared/api/rules';

export interface ConditionCheck {
  /** 1-based, as the planner numbers conditions. */
  number: number;
  condition: Condition;
  held: boolean;
  /** The record's values the condition read. */
  values: Record<string, CellValue>;
}

export interface RuleCheck {
  ruleId: string;
  pattern: string;
  held: boolean;
  conditions: ConditionCheck[];
  /** When the rule failed: the first condition (by number) that did not hold. */
  firstFailed: number | null;
  problems: RuleProblem[];
}

export type TerritoryOutcome =
  /** Its rules held. */
  | 'matched'
  /** No rules for the kind; it takes what its parent matches. */
  | 'inherited'
  /** A rule did not hold. */
  | 'failed'
  /** No rules for the kind and set to match nothing without them. */
  | 'noRules'
  /** A rule has a problem (unknown field, bad pattern...), so the territory matches nothing. */
  | 'brokenRule';

export interface TerritoryCheck {
  territoryId: string;
  name: string;
  outcome: TerritoryOutcome;
  rules: RuleCheck[];
}

/** The contract's reasons: the engine answers exactly what the UI is typed to show. */
export type ExplanationReason = ExplainReason;

export interface Explanation {
  row: number;
  territoryId: string;
  /** Whether the record is in the territory in the given assignment. */
  assigned: boolean;
  source: AssignmentSource | null;
  reason: ExplanationReason;
  /** Checks from the first level below the root down to the territory, stopping at the first that failed. */
  path: TerritoryCheck[];
  /** The first territory on the path that did not match (the territory itself or an ancestor). */
  failedAt: TerritoryCheck | null;
  /** For contacts and deals that follow their account. */
  account?: { row: number; externalId: string; name: string | null; territoryIds: string[] };
  manualTerritoryIds: string[];
  /** A one-line English summary; the UI can build its own translated text from the fields. */
  summary: string;
}

export interface ExplainInput {
  kind: RecordKind;
  records: RecordTable;
  row: number;
  territoryId: string;
  territories: readonly Territory[];
  rules: readonly Rule[];
  matchMode: MatchMode;
  /** The plan's manual assignments of this kind (all of them, or at least this record's). */
  manual?: readonly ManualPlacementInput[];
  /** The assignment to explain (stored or from a preview), null if the plan has none yet. */
  assignment: Assignment | null;
  accounts?: { records: RecordTable; assignment: Assignment | null };
  /** Boundaries of the shape-only region keys the rules name (see AssignmentRunInput). */
  regionShapes?: RegionShapes;
}

function territoriesOfRow(assignment: Assignment | null, row: number): { id: string; source: number }[] {
  if (!assignment || row >= assignment.rowCount) return [];
  const out: { id: string; source: number }[] = [];
  for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
    out.push({ id: assignment.territoryIds[assignment.territories[i]], source: assignment.sources[i] });
  }
  return out;
}

interface Evaluator {
  check(t: number): TerritoryCheck;
}

function evaluator(
  tree: TerritoryTree,
  rules: readonly Rule[],
  kind: RecordKind,
  records: RecordTable,
  row: number,
  regionShapes: RegionShapes | null,
): Evaluator {
  const context = new ScanContext(records, regionShapes);
  const rulesOf = new Map<number, Rule[]>();
  for (const rule of rules) {
    if (!rule.enabled || rule.recordKind !== kind) continue;
    const t = tree.indexOf.get(rule.territoryId);
    if (t === undefined) continue;
    rulesOf.set(t, [...(rulesOf.get(t) ?? []), rule]);
  }
  const checkRule = (rule: Rule, territory: Territory): RuleCheck => {
    const compilation = compileRule(rule, records, territory, context);
    if (!compilation.ok) {
      return {
        ruleId: rule.id,
        pattern: rule.pattern,
        held: false,
        conditions: [],
        firstFailed: null,
        problems: compilation.problems,
      };
    }
    const compiled: CompiledRule = compilation.compiled;
    const conditions = rule.conditions.map((condition, index) => ({
      number: index + 1,
      condition,
      held: compiled.scans[index].test(row),
      values: compiled.scans[index].valuesOf(row),
    }));
    const held = ruleHolds(compiled, row);
    const failed = held ? undefined : conditions.find((c) => !c.held);
    return {
      ruleId: rule.id,
      pattern: rule.pattern,
      held,
      conditions,
      firstFailed: failed ? failed.number : null,
      problems: [],
    };
  };
  return {
    check(t) {
      const territory = tree.territories[t];
      const own = rulesOf.get(t) ?? [];
      const base = { territoryId: territory.id, name: territory.name };
      if (own.length === 0) {
        return { ...base, outcome: territory.rulesWhenEmpty === 'inherit' ? 'inherited' : 'noRules', rules: [] };
      }
      const checks = own.map((rule) => checkRule(rule, territory));
      const outcome: TerritoryOutcome = checks.some((c) => c.problems.length > 0)
        ? 'brokenRule'
        : checks.every((c) => c.held)
          ? 'matched'
          : 'failed';
      return { ...base, outcome, rules: checks };
    },
  };
}

const passes = (check: TerritoryCheck): boolean => check.outcome === 'matched' || check.outcome === 'inherited';

function describeFailure(check: TerritoryCheck): string {
  if (check.outcome === 'noRules') return `"${check.name}" has no rules and matches nothing without them`;
  if (check.outcome === 'brokenRule') return `a rule of "${check.name}" has a problem`;
  const rule = check.rules.find((r) => !r.held);
  const condition = rule?.conditions.find((c) => c.number === rule.firstFailed);
  if (!condition) return `the rules of "${check.name}" do not hold`;
  const values = Object.entries(condition.values)
    .map(([key, value]) => `${key} = ${value === null ? 'empty' : String(value)}`)
    .join(', ');
  return `condition ${condition.number} of "${check.name}" failed (${values})`;
}

export function explainAssignment(input: ExplainInput): Explanation {
  const { records, row, territoryId, kind } = input;
  const tree = buildTerritoryTree(input.territories);
  const base = {
    row,
    territoryId,
    path: [] as TerritoryCheck[],
    failedAt: null as TerritoryCheck | null,
    manualTerritoryIds: [] as string[],
  };
  const current = territoriesOfRow(input.assignment, row);
  const here = current.find((c) => c.id === territoryId);
  const assigned = here !== undefined;
  const source = here ? sourceName(here.source) : null;
  const t = tree.indexOf.get(territoryId);
  if (!(row >= 0 && row < records.rowCount) || records.deleted[row] === 1) {
    return { ...base, assigned, source, reason: 'unknownRecord', summary: 'No such record' };
  }
  if (t === undefined)
    return { ...base, assigned, source, reason: 'unknownTerritory', summary: 'No such territory in the plan' };
  if (t === 0) {
    return {
      ...base,
      assigned,
      source,
      reason: 'root',
      summary: 'The root stands for the whole organisation; records are never assigned to it',
    };
  }

  const manualTerritoryIds = (input.manual ?? []).filter((m) => m.recordId === row).map((m) => m.territoryId);
  if (manualTerritoryIds.length > 0) {
    const pinnedHere = manualTerritoryIds.includes(territoryId);
    return {
      ...base,
      manualTerritoryIds,
      assigned,
      source,
      reason: pinnedHere ? 'manual' : 'manualElsewhere',
      summary: pinnedHere ? 'Assigned by hand' : 'Assigned by hand to other territories; rules do not apply to it',
    };
  }

  // Contacts, and deals whose account has territories, follow their account.
  if ((kind === 'contact' || kind === 'deal') && input.accounts) {
    const column = records.columns.get('accountExternalId');
    const externalId = column && column.type === 'text' ? column.values[column.codes[row]] : '';
    const accountIds = input.accounts.records.columns.get('externalId');
    const idCode =
      externalId && accountIds?.type === 'text' ? codesOfTexts(accountIds, [externalId]).get(externalId) : undefined;
    const found = idCode === undefined ? -1 : accountRowByIdCode(input.accounts.records)[idCode];
    const accountRow = found >= 0 ? found : undefined;
    if (accountRow === undefined) {
      if (kind === 'contact')
        return { ...base, assigned, source, reason: 'noAccount', summary: 'The contact has no known account' };
    } else {
      const territoryIds = territoriesOfRow(input.accounts.assignment, accountRow).map((c) => c.id);
      const name = getCell(input.accounts.records, 'name', accountRow);
      const account = { row: accountRow, externalId, name: name === null ? null : String(name), territoryIds };
      if (kind === 'contact' || territoryIds.length > 0) {
        const accountHere = territoryIds.includes(territoryId);
        const label = account.name ?? externalId;
        let reason: ExplanationReason = accountHere ? 'inheritedFromAccount' : 'accountNotHere';
        // A deal takes only one of its account's territories: the best by priority.
        if (kind === 'deal' && accountHere && !assigned) reason = 'notChosen';
        const summary =
          reason === 'inheritedFromAccount'
            ? `Inherited from account ${label}`
            : reason === 'notChosen'
              ? `Account ${label} is here, but the deal follows its account's territory with the best priority`
              : `Account ${label} is not in this territory`;
        return { ...base, account, assigned, source, reason, summary };
      }
    }
  }

  // Rules, from the first level below the root down to the territory.
  const chain: number[] = [];
  for (let at = t; at > 0; at = tree.parent[at]) chain.unshift(at);
  const evaluate = evaluator(tree, input.rules, kind, records, row, input.regionShapes ?? null);
  const path: TerritoryCheck[] = [];
  let failedAt: TerritoryCheck | null = null;
  for (const step of chain) {
    const check = evaluate.check(step);
    path.push(check);
    if (!passes(check)) {
      failedAt = check;
      break;
    }
  }
  if (failedAt) {
    const reason: ExplanationReason = failedAt.territoryId === territoryId ? 'ruleFailed' : 'ancestorFailed';
    const summary =
      reason === 'ruleFailed'
        ? `Not here: ${describeFailure(failedAt)}`
        : `Not here: ancestor ${describeFailure(failedAt)}`;
    return { ...base, path, failedAt, assigned, source, reason, summary };
  }
  if (assigned) {
    return {
      ...base,
      path,
      assigned,
      source,
      reason: 'rulesMatched',
      summary: `The rules of every territory down to "${tree.territories[t].name}" hold`,
    };
  }
  // Matched here but placed elsewhere: deeper down, or another territory won.
  const deeper = tree.children[t].some((child) => passes(evaluate.check(child)));
  const reason: ExplanationReason = deeper ? 'deeperMatch' : 'notChosen';
  const why =
    input.matchMode === 'allDeepest'
      ? 'the record reached the most territories the plan allows'
      : input.matchMode === 'firstByPriority'
        ? 'a territory with a better priority matched'
        : 'an earlier sibling branch matched';
  const summary = deeper
    ? 'The rules hold here, but a territory below matches too and takes the record'
    : `The rules hold here, but ${why}`;
  return { ...base, path, assigned, source, reason, summary };
}
