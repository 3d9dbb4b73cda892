/**
 * A rule compiled for a run: its pattern over compiled condition scans, evaluated on a sorted list of candidate
 * rows (a territory's parent matches). AND narrows the list condition after condition (cheap ones first), OR
 * tests each branch only on the rows no earlier branch took, NOT subtracts. Lists stay sorted by row id, so
 * differences and unions are linear merges; working buffers are per rule and per pass, never per row.
 */
import type { Rule } from '../../../shared/domain';
import type { RecordTable } from '../../records/recordTable';
import { compileCondition, type ConditionProblem, type ConditionScan, type RuleTerritory } from './conditions';
import { evaluatePattern, parsePattern, type PatternError, type PatternNode } from './pattern';
import { ScanContext } from './scanContext';

export interface CompiledRule {
  rule: Rule;
  pattern: PatternNode;
  /** One scan per condition, by condition index. */
  scans: ConditionScan[];
}

/** Something wrong with a stored rule; such a rule matches nothing until fixed, and the run says why. */
export interface RuleProblem {
  ruleId: string;
  territoryId: string;
  /** 1-based condition number, when the problem is in one condition. */
  conditionNumber?: number;
  code: ConditionProblem['code'] | PatternError['code'];
  message: string;
  /** Offset in the pattern, for pattern errors. */
  position?: number;
}

export type RuleCompilation = { ok: true; compiled: CompiledRule } | { ok: false; problems: RuleProblem[] };

export function compileRule(
  rule: Rule,
  table: RecordTable,
  territory: RuleTerritory,
  context: ScanContext,
): RuleCompilation {
  const problems: RuleProblem[] = [];
  const parsed = parsePattern(rule.pattern, rule.conditions.length);
  if (!parsed.ok) {
    const { code, message, position } = parsed.error;
    problems.push({ ruleId: rule.id, territoryId: rule.territoryId, code, message, position });
  }
  const scans: ConditionScan[] = [];
  rule.conditions.forEach((condition, index) => {
    const compiled = compileCondition(condition, table, territory, context);
    if (compiled.ok) scans.push(compiled.scan);
    else {
      problems.push({
        ruleId: rule.id,
        territoryId: rule.territoryId,
        conditionNumber: index + 1,
        code: compiled.problem.code,
        message: `Condition ${index + 1}: ${compiled.problem.message}`,
      });
    }
  });
  if (!parsed.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, compiled: { rule, pattern: orderForSpeed(parsed.tree, scans), scans } };
}

/**
 * What is wrong with a rule as typed, against the records it will run on: its pattern and each condition (unknown
 * field, operator that does not fit the field, missing value...). Empty when the rule can run.
 */
export function validateRule(rule: Rule, table: RecordTable, territory: RuleTerritory): RuleProblem[] {
  const result = compileRule(rule, table, territory, new ScanContext(table));
  return result.ok ? [] : result.problems;
}

function costOf(node: PatternNode, scans: ConditionScan[]): number {
  switch (node.type) {
    case 'all':
      return 0;
    case 'condition':
      return scans[node.index].cost;
    case 'not':
      return costOf(node.item, scans) + 1;
    case 'and':
    case 'or':
      return node.items.reduce((sum, item) => sum + costOf(item, scans), 1);
  }
}

/** Conditions have no side effects, so an AND may run its cheapest operands first; the answer is the same. */
function orderForSpeed(node: PatternNode, scans: ConditionScan[]): PatternNode {
  switch (node.type) {
    case 'not':
      return { type: 'not', item: orderForSpeed(node.item, scans) };
    case 'or':
      return { type: 'or', items: node.items.map((item) => orderForSpeed(item, scans)) };
    case 'and': {
      const items = node.items.map((item) => orderForSpeed(item, scans));
      const costs = new Map(items.map((item) => [item, costOf(item, scans)]));
      return { type: 'and', items: [...items].sort((a, b) => costs.get(a)! - costs.get(b)!) };
    }
    default:
      return node;
  }
}

/** Rows of `from` that are not in `minus` (both sorted), written into out (which may alias from). */
function difference(from: Uint32Array, minus: Uint32Array, out: Uint32Array): number {
  let kept = 0;
  let j = 0;
  for (let i = 0; i < from.length; i++) {
    const row = from[i];
    while (j < minus.length && minus[j] < row) j++;
    if (j < minus.length && minus[j] === row) continue;
    out[kept++] = row;
  }
  return kept;
}

/** Union of two disjoint sorted lists. */
function mergeDisjoint(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Candidate lists at least this long get their AND operands ordered by a sampled pass rate. */
const SAMPLE_FROM = 2048;
const SAMPLE_SIZE = 64;

/**
 * AND operands in the order that does least work: each is tried on an evenly spread sample of the candidates, and
 * operands go by cost / (share of rows they remove), the classic order for independent filters. A geographic
 * condition that keeps a tenth of the rows thus runs before a cheap one that keeps them all.
 */
function bySelectivity(items: PatternNode[], scans: ConditionScan[], rows: Uint32Array): PatternNode[] {
  const sample = new Uint32Array(SAMPLE_SIZE);
  const step = rows.length / SAMPLE_SIZE;
  for (let i = 0; i < SAMPLE_SIZE; i++) sample[i] = rows[Math.floor(i * step)];
  const rank = new Map<PatternNode, number>();
  for (const item of items) {
    const kept = evaluateNode(item, scans, sample, false).length / SAMPLE_SIZE;
    rank.set(item, costOf(item, scans) / Math.max(1 - kept, 1 / (2 * SAMPLE_SIZE)));
  }
  return [...items].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/**
 * Rows of `rows` where the node holds. `owned` says the caller lets us overwrite `rows` (a buffer of ours rather
 * than a territory's match list), which spares a copy in the common AND chain. `spare`, when given, is a buffer at
 * least as long as `rows` that the first write may use instead of allocating one.
 */
function evaluateNode(
  node: PatternNode,
  scans: ConditionScan[],
  rows: Uint32Array,
  owned: boolean,
  spare?: Uint32Array,
): Uint32Array {
  switch (node.type) {
    case 'all':
      return rows;
    case 'condition': {
      const out = owned ? rows : (spare ?? new Uint32Array(rows.length));
      return out.subarray(0, scans[node.index].filter(rows, rows.length, out));
    }
    case 'and': {
      let current = rows;
      let currentOwned = owned;
      const items =
        rows.length >= SAMPLE_FROM && node.items.length > 1 ? bySelectivity(node.items, scans, rows) : node.items;
      for (const item of items) {
        if (current.length === 0) break;
        const next = evaluateNode(item, scans, current, currentOwned, currentOwned ? undefined : spare);
        if (next !== current && !currentOwned) spare = undefined;
        currentOwned ||= next !== current;
        current = next;
      }
      return current;
    }
    case 'or': {
      let matched: Uint32Array = new Uint32Array(0);
      let remaining = rows;
      for (const item of node.items) {
        if (remaining.length === 0) break;
        const hits = evaluateNode(item, scans, remaining, false);
        if (hits.length === 0) continue;
        matched = mergeDisjoint(matched, hits);
        const rest = new Uint32Array(remaining.length - hits.length);
        difference(remaining, hits, rest);
        remaining = rest;
      }
      return matched;
    }
    case 'not': {
      const hits = evaluateNode(node.item, scans, rows, false);
      if (hits.length === 0) return rows;
      const out = owned ? rows : (spare ?? new Uint32Array(rows.length - hits.length));
      return out.subarray(0, difference(rows, hits, out));
    }
  }
}

/**
 * The rows of `candidates` (sorted row ids) that satisfy the rule. `candidates` is left as it was unless
 * `reusable` says it is a scratch list the caller no longer needs. With `spare` (a buffer at least as long as
 * `candidates`), the answer may be a view of it: copy it out before using `spare` again.
 */
export function filterByRule(
  compiled: CompiledRule,
  candidates: Uint32Array,
  reusable = false,
  spare?: Uint32Array,
): Uint32Array {
  return evaluateNode(compiled.pattern, compiled.scans, candidates, reusable, reusable ? undefined : spare);
}

/** Whether one row satisfies the rule. */
export function ruleHolds(compiled: CompiledRule, row: number): boolean {
  return evaluatePattern(compiled.pattern, (index) => compiled.scans[index].test(row));
}
