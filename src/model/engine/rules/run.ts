/**
 * The assignment run: from a plan's territories, rules and manual assignments and a record table, where each
 * record lands. Pure and synchronous; the service loads, calls this, previews and stores.
 *
 * Semantics (docs/architecture.md, "How records are placed", says which CRM each match mode follows):
 * - the root matches every live record; a territory is tested only on its parent's matches; several enabled rules
 *   of one territory must all hold (as in Salesforce); a territory with no enabled rule for the kind matches what
 *   its parent matches ('inherit') or nothing ('none'); a rule with a problem matches nothing (see `problems`);
 * - allDeepest: every matching branch, the deepest match on each, best priority first, at most
 *   maxTerritoriesPerRecord (the rest is dropped and the record flagged hitLimit);
 *   firstByPriority: one territory, the best-ranked (lowest priority number, then tree order) deepest match;
 *   lowestOnBranch: one territory, going down the first matching child (sibling order) as far as matches go;
 * - the root is never an assignment: a record matching only the root is unmatched;
 * - manual assignments replace rule results for their record (source manual), are never cut by the limit, and are
 *   ignored (listed in `ignoredManual`) when their territory is the root or unknown or their record is deleted;
 * - the root's own rules are not read: it stands for the whole organisation;
 * - contacts take all their account's territories (source inherited); a deal takes its account's best-ranked
 *   territory (inherited), else its own deal rules, picking one territory (allDeepest acts as firstByPriority
 *   there: a deal is in one territory).
 * Speed: children are tested only on their parent's matches; siblings whose first condition shares a key (a
 * picklist, a postal prefix length) share one pass over the parent's rows; normalised dictionaries are kept
 * with their column across runs. 1M accounts x 1,000 territories run in well under a second (bench/rules.bench.ts).
 */
import type { MatchMode, RecordKind, Rule, Territory } from '../../../shared/domain';
import type { RecordTable, TextColumn } from '../../records/recordTable';
import { SOURCE_INHERITED, SOURCE_MANUAL, SOURCE_RULE, type Assignment } from './assignment';
import { compileRule, filterByRule, type CompiledRule, type RuleProblem } from './compileRule';
import type { RowKeyPartition } from './conditions';
import { ScanContext, type RegionShapes } from './scanContext';
import { buildTerritoryTree, type TerritoryTree } from './territoryTree';
import { KeyStack, RunWorkspace } from './workspace';

export interface ManualPlacementInput {
  recordId: number;
  territoryId: string;
}

export interface AssignmentRunInput {
  kind: RecordKind;
  records: RecordTable;
  /** All territories of the plan (the root included). */
  territories: readonly Territory[];
  /** The plan's rules; those of other kinds and disabled ones are skipped here. */
  rules: readonly Rule[];
  matchMode: MatchMode;
  maxTerritoriesPerRecord: number;
  /** The plan's manual assignments of this kind. */
  manual?: readonly ManualPlacementInput[];
  /** Contacts and deals: the accounts and their assignment in this plan (run accounts first). */
  accounts?: { records: RecordTable; assignment: Assignment };
  /** Run on these rows only (sorted or not); every other row keeps its territories from `current`. */
  scope?: { rows: Uint32Array; current: Assignment | null };
  /** Checked between territories: an AbortSignal, or any object whose `aborted` another party can set. */
  signal?: { readonly aborted: boolean };
  /**
   * Called between territories with how many of them are done, for a progress bar. It must not start another run
   * with the same workspace: that run would overwrite this one's working buffers.
   */
  onProgress?: (territoriesDone: number, territoryCount: number) => void;
  /** Working buffers kept from run to run (the model keeps one per context); a new one when absent. */
  workspace?: RunWorkspace;
  /** Boundaries of the shape-only region keys the rules name (counties...): "is in regions" tests points in them. */
  regionShapes?: RegionShapes;
}

/** Thrown by runAssignment when its signal was aborted; nothing was changed. */
export class AssignmentRunCancelled extends Error {
  constructor() {
    super('The rule run was cancelled');
    this.name = 'AssignmentRunCancelled';
  }
}

/** Territories between two progress reports. */
const PROGRESS_EVERY = 64;

export interface IgnoredManual {
  recordId: number;
  territoryId: string;
  /** The root stands for the whole organisation and is never an assignment. */
  reason: 'unknownTerritory' | 'unknownRecord' | 'root';
}

export interface AssignmentRun {
  assignment: Assignment;
  problems: RuleProblem[];
  /** Records that satisfied each territory's rules (and its ancestors'), by assignment.territoryIds index. */
  matchCounts: Uint32Array;
  ignoredManual: IgnoredManual[];
}

const EMPTY = new Uint32Array(0);

/** Per-row territory lists in CSR form over tree indexes; sources either one code for all or one per entry. */
interface Layer {
  offsets: Uint32Array;
  territories: Uint32Array;
  sources: Uint8Array | number;
  /** When set, entries are indexes of another territory list, mapped to tree indexes here (-1: dropped). */
  map?: Int32Array;
}

// ------------------------------------------------------------------------------------------ matching

function liveRows(ws: RunWorkspace, records: RecordTable, only?: Uint32Array): Uint32Array {
  const { deleted, rowCount } = records;
  if (only) {
    const sorted = Uint32Array.from(only).sort();
    let kept = 0;
    for (let i = 0; i < sorted.length; i++) {
      const row = sorted[i];
      if (row < rowCount && deleted[row] === 0 && (kept === 0 || sorted[kept - 1] !== row)) sorted[kept++] = row;
    }
    return sorted.slice(0, kept);
  }
  let live = 0;
  for (let row = 0; row < rowCount; row++) if (deleted[row] === 0) live++;
  // Only the run reads the candidate list (it never reaches the answer), so it can live in the workspace.
  const rows = ws.scratchU32('candidates', live);
  let at = 0;
  for (let row = 0; row < rowCount; row++) if (deleted[row] === 0) rows[at++] = row;
  return rows;
}

interface RuleSet {
  compiled: CompiledRule[][];
  broken: Uint8Array;
  problems: RuleProblem[];
}

export function compileRulesOfKind(
  tree: TerritoryTree,
  rules: readonly Rule[],
  kind: RecordKind,
  records: RecordTable,
  context: ScanContext = new ScanContext(records),
): RuleSet {
  const compiled: CompiledRule[][] = tree.ids.map(() => []);
  const broken = new Uint8Array(tree.ids.length);
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.recordKind !== kind) continue;
    const t = tree.indexOf.get(rule.territoryId);
    if (t === undefined) continue;
    const result = compileRule(rule, records, tree.territories[t], context);
    if (result.ok) compiled[t].push(result.compiled);
    else {
      broken[t] = 1;
      problems.push(...result.problems);
    }
  }
  return { compiled, broken, problems };
}

/** Parent lists shorter than this are scanned by each child directly: sharing a key pass would not pay. */
const SHARED_KEYS_FROM = 1024;

/**
 * The key partition of a territory's rules, if one of their top-level AND conditions has one: siblings with the
 * same key space (postal prefixes of one length, codes of one picklist) then share one pass over the parent.
 */
function partitionOf(rules: CompiledRule[]): RowKeyPartition | null {
  for (const rule of rules) {
    const items = rule.pattern.type === 'and' ? rule.pattern.items : [rule.pattern];
    for (const item of items) {
      if (item.type === 'condition' && rule.scans[item.index].partition) return rule.scans[item.index].partition!;
    }
  }
  return null;
}

/**
 * Each territory's matching rows (sorted), tested only on its parent's matches. A territory that inherits shares
 * its parent's list object, which later steps use to know that all of the parent's rows go further down.
 */
function matchTerritories(
  ws: RunWorkspace,
  tree: TerritoryTree,
  ruleSet: RuleSet,
  candidates: Uint32Array,
  input: Pick<AssignmentRunInput, 'signal' | 'onProgress'> = {},
): Uint32Array[] {
  const count = tree.ids.length;
  const matches: Uint32Array[] = new Array<Uint32Array>(count);
  if (count === 0) return matches;
  matches[0] = candidates;
  // One buffer for every territory's first filtering pass; what survives is copied out, usually far smaller.
  const spare = ws.scratchU32('spare', candidates.length);

  // Siblings whose rules share a key space, and the keys of their parent's rows once gathered.
  const partitions = ruleSet.compiled.map((rules, t) => (ruleSet.broken[t] === 1 ? null : partitionOf(rules)));
  const sharesKeys = new Uint8Array(count);
  for (let p = 0; p < count; p++) {
    const bySpace = new Map<object, number[]>();
    for (const c of tree.children[p]) {
      const partition = partitions[c];
      if (partition) bySpace.set(partition.space, [...(bySpace.get(partition.space) ?? []), c]);
    }
    for (const siblings of bySpace.values()) if (siblings.length > 1) for (const c of siblings) sharesKeys[c] = 1;
  }
  const gathered = new Map<number, Map<object, Uint32Array>>();
  const keyStack = new KeyStack(ws.scratchU32('keys', 2 * candidates.length));
  const keyMarks = new Map<number, number>();
  const childrenLeft = Int32Array.from(tree.children, (children) => children.length);

  for (let t = 1; t < count; t++) {
    if (t % PROGRESS_EVERY === 0) {
      if (input.signal?.aborted) throw new AssignmentRunCancelled();
      input.onProgress?.(t, count);
    }
    const parent = tree.parent[t];
    const fromParent = matches[parent];
    const rules = ruleSet.compiled[t];
    if (fromParent.length === 0 || ruleSet.broken[t] === 1) {
      matches[t] = EMPTY;
    } else if (rules.length === 0) {
      matches[t] = tree.territories[t].rulesWhenEmpty === 'inherit' ? fromParent : EMPTY;
    } else {
      let rows: Uint32Array;
      const partition = partitions[t];
      if (partition && sharesKeys[t] === 1 && fromParent.length >= SHARED_KEYS_FROM) {
        let keysOfParent = gathered.get(parent);
        if (!keysOfParent) {
          gathered.set(parent, (keysOfParent = new Map()));
          keyMarks.set(parent, keyStack.mark());
        }
        let keys = keysOfParent.get(partition.space);
        if (!keys) {
          keys = keyStack.allocate(fromParent.length);
          partition.gather(fromParent, fromParent.length, keys);
          keysOfParent.set(partition.space, keys);
        }
        // The condition with the key, by a sequential scan of the keys; then the whole rule on what is left.
        const wanted = partition.wanted();
        const size = wanted.length;
        let kept = 0;
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i];
          if (key < size && wanted[key] === 1) spare[kept++] = fromParent[i];
        }
        rows = spare.subarray(0, kept);
        for (let i = 0; i < rules.length && rows.length > 0; i++) rows = filterByRule(rules[i], rows, true);
      } else {
        rows = filterByRule(rules[0], fromParent, false, spare.subarray(0, fromParent.length));
        for (let i = 1; i < rules.length && rows.length > 0; i++) {
          // A rule may answer its input list itself (a rule without conditions): never write into the parent's.
          rows = filterByRule(rules[i], rows, rows !== fromParent);
        }
      }
      // Copy out of the shared buffer; a few survivors must not pin a parent-sized buffer either.
      matches[t] = rows.buffer === spare.buffer || rows.length * 4 < rows.buffer.byteLength / 4 ? rows.slice() : rows;
    }
    if (--childrenLeft[parent] === 0 && gathered.delete(parent)) keyStack.release(keyMarks.get(parent)!);
  }
  return matches;
}

/** For each territory, the matching rows that no child matches: where the territory is the deepest match. */
function deepestMatches(
  ws: RunWorkspace,
  tree: TerritoryTree,
  matches: Uint32Array[],
  rowCount: number,
): Uint32Array[] {
  const deepest: Uint32Array[] = new Array<Uint32Array>(tree.ids.length).fill(EMPTY);
  const coveredBy = ws.scratchI32('coveredBy', rowCount).fill(-1);
  const spare = ws.scratchU32('spare', rowCount);
  for (let t = 1; t < tree.ids.length; t++) {
    const own = matches[t];
    if (own.length === 0) continue;
    const children = tree.children[t];
    let anyChild = false;
    let inheritingChild = false;
    for (const c of children) {
      if (matches[c].length > 0) anyChild = true;
      if (matches[c] === own) inheritingChild = true;
    }
    if (inheritingChild) continue;
    if (!anyChild) {
      deepest[t] = own;
      continue;
    }
    for (const c of children) {
      const rows = matches[c];
      for (let i = 0; i < rows.length; i++) coveredBy[rows[i]] = t;
    }
    const out = spare;
    let kept = 0;
    for (let i = 0; i < own.length; i++) if (coveredBy[own[i]] !== t) out[kept++] = own[i];
    deepest[t] = out.slice(0, kept);
  }
  return deepest;
}

/** allDeepest: every deepest match, best rank first, at most `limit` per record. */
function allDeepestLayer(
  ws: RunWorkspace,
  tree: TerritoryTree,
  deepest: Uint32Array[],
  rowCount: number,
  limit: number,
  hitLimit: Uint8Array,
): Layer {
  const offsets = new Uint32Array(rowCount + 1);
  for (let t = 1; t < deepest.length; t++) {
    const rows = deepest[t];
    for (let i = 0; i < rows.length; i++) offsets[rows[i] + 1]++;
  }
  for (let row = 0; row < rowCount; row++) {
    let n = offsets[row + 1];
    if (n > limit) {
      hitLimit[row] = 1;
      n = limit;
    }
    offsets[row + 1] = offsets[row] + n;
  }
  const territories = new Uint32Array(offsets[rowCount]);
  const cursor = ws.scratchU32('cursor', rowCount);
  cursor.set(offsets.subarray(0, rowCount));
  for (let r = 0; r < tree.byRank.length; r++) {
    const t = tree.byRank[r];
    const rows = deepest[t];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (cursor[row] < offsets[row + 1]) territories[cursor[row]++] = t;
    }
  }
  return { offsets, territories, sources: SOURCE_RULE };
}

/** A layer with at most one territory per row: pick[row] is a tree index, 0 (the root) meaning none. */
function singleLayer(pick: Uint32Array, rowCount: number, source: number): Layer {
  const offsets = new Uint32Array(rowCount + 1);
  let n = 0;
  for (let row = 0; row < rowCount; row++) {
    if (pick[row] !== 0) n++;
    offsets[row + 1] = n;
  }
  const territories = new Uint32Array(n);
  let at = 0;
  for (let row = 0; row < rowCount; row++) if (pick[row] !== 0) territories[at++] = pick[row];
  return { offsets, territories, sources: source };
}

/** firstByPriority: the best-ranked deepest match. */
function firstByPriorityPick(
  ws: RunWorkspace,
  tree: TerritoryTree,
  deepest: Uint32Array[],
  rowCount: number,
): Uint32Array {
  const pick = ws.scratchU32('rulePick', rowCount).fill(0);
  for (let r = 0; r < tree.byRank.length; r++) {
    const t = tree.byRank[r];
    if (t === 0) continue;
    const rows = deepest[t];
    for (let i = 0; i < rows.length; i++) if (pick[rows[i]] === 0) pick[rows[i]] = t;
  }
  return pick;
}

/**
 * lowestOnBranch: in tree order, a territory takes a row still sitting at its parent. Tree order visits a whole
 * subtree before the next sibling, so a row taken by an earlier sibling (or below it) is no longer at the parent.
 */
function lowestOnBranchPick(
  ws: RunWorkspace,
  tree: TerritoryTree,
  matches: Uint32Array[],
  rowCount: number,
): Uint32Array {
  const at = ws.scratchU32('rulePick', rowCount).fill(0);
  for (let t = 1; t < tree.ids.length; t++) {
    const parent = tree.parent[t];
    const rows = matches[t];
    for (let i = 0; i < rows.length; i++) if (at[rows[i]] === parent) at[rows[i]] = t;
  }
  return at;
}

// ------------------------------------------------------------------------------------------ other layers

function indexMap(fromIds: readonly string[], tree: TerritoryTree): Int32Array {
  return Int32Array.from(fromIds, (id) => tree.indexOf.get(id) ?? -1);
}

/**
 * Live account row of each code of the accounts' externalId dictionary (-1: none), by one pass over the codes:
 * no map of a million strings is built. When an external id repeats, the last live row wins, as on import.
 */
export function accountRowByIdCode(accounts: RecordTable): Int32Array {
  const column = accounts.columns.get('externalId');
  if (!column || column.type !== 'text') return new Int32Array(1).fill(-1);
  const byCode = new Int32Array(column.values.length).fill(-1);
  for (let row = 0; row < accounts.rowCount; row++) {
    if (accounts.deleted[row] === 0 && column.codes[row] !== 0) byCode[column.codes[row]] = row;
  }
  return byCode;
}

/**
 * The codes of some texts in a column's dictionary: through the column's own map when it has one built, else by one
 * pass over the dictionary (building a map of a million values costs more than that pass).
 */
export function codesOfTexts(column: TextColumn, texts: Iterable<string>): Map<string, number> {
  const found = new Map<string, number>();
  // Typed as possibly absent: a column may defer building its map until it needs one.
  const index = column.codeOf as Map<string, number> | null;
  if (index) {
    for (const text of texts) {
      const code = index.get(text);
      if (code !== undefined) found.set(text, code);
    }
    return found;
  }
  const wanted = new Set(texts);
  column.values.forEach((value, code) => {
    if (wanted.has(value) && !found.has(value)) found.set(value, code);
  });
  return found;
}

/** Account row of each contact or deal row, through accountExternalId (-1: none or unknown). */
function accountRows(records: RecordTable, accounts: RecordTable): Int32Array {
  const rows = new Int32Array(records.rowCount).fill(-1);
  const column = records.columns.get('accountExternalId');
  const ids = accounts.columns.get('externalId');
  if (!column || column.type !== 'text' || !ids || ids.type !== 'text') return rows;
  const rowOfIdCode = accountRowByIdCode(accounts);
  // Decided once per distinct account id that contacts or deals mention.
  const idCodes = codesOfTexts(ids, column.values.slice(1));
  const byCode = Int32Array.from(column.values, (value, code) => {
    const idCode = code === 0 ? undefined : idCodes.get(value);
    return idCode === undefined ? -1 : rowOfIdCode[idCode];
  });
  for (let row = 0; row < records.rowCount; row++) rows[row] = byCode[column.codes[row]];
  return rows;
}

/** Contacts: all of the account's territories. */
function contactLayer(accountOf: Int32Array, accounts: Assignment, map: Int32Array, rowCount: number): Layer {
  const offsets = new Uint32Array(rowCount + 1);
  for (let row = 0; row < rowCount; row++) {
    const account = accountOf[row];
    let n = 0;
    if (account >= 0 && account < accounts.rowCount) {
      for (let i = accounts.offsets[account]; i < accounts.offsets[account + 1]; i++) {
        if (map[accounts.territories[i]] >= 0) n++;
      }
    }
    offsets[row + 1] = offsets[row] + n;
  }
  const territories = new Uint32Array(offsets[rowCount]);
  let at = 0;
  for (let row = 0; row < rowCount; row++) {
    const account = accountOf[row];
    if (account < 0 || account >= accounts.rowCount) continue;
    for (let i = accounts.offsets[account]; i < accounts.offsets[account + 1]; i++) {
      const t = map[accounts.territories[i]];
      if (t >= 0) territories[at++] = t;
    }
  }
  return { offsets, territories, sources: SOURCE_INHERITED };
}

/** Deals: the account's best-ranked territory (0 where the account has none). */
function dealPick(
  ws: RunWorkspace,
  tree: TerritoryTree,
  accountOf: Int32Array,
  accounts: Assignment,
  map: Int32Array,
  rowCount: number,
): Uint32Array {
  const pick = ws.scratchU32('dealPick', rowCount).fill(0);
  for (let row = 0; row < rowCount; row++) {
    const account = accountOf[row];
    if (account < 0 || account >= accounts.rowCount) continue;
    let best = 0;
    for (let i = accounts.offsets[account]; i < accounts.offsets[account + 1]; i++) {
      const t = map[accounts.territories[i]];
      if (t > 0 && (best === 0 || tree.rank[t] < tree.rank[best])) best = t;
    }
    pick[row] = best;
  }
  return pick;
}

function manualLayer(
  manual: readonly ManualPlacementInput[],
  tree: TerritoryTree,
  records: RecordTable,
  ignored: IgnoredManual[],
): { layer: Layer; rows: Uint32Array } {
  const rowCount = records.rowCount;
  const byRow = new Map<number, number[]>();
  for (const placement of manual) {
    const { recordId, territoryId } = placement;
    const t = tree.indexOf.get(territoryId);
    if (t === undefined) ignored.push({ recordId, territoryId, reason: 'unknownTerritory' });
    else if (t === 0) ignored.push({ recordId, territoryId, reason: 'root' });
    else if (!(recordId >= 0 && recordId < rowCount) || records.deleted[recordId] === 1) {
      ignored.push({ recordId, territoryId, reason: 'unknownRecord' });
    } else {
      const list = byRow.get(recordId) ?? [];
      if (!list.includes(t)) list.push(t);
      byRow.set(recordId, list);
    }
  }
  const offsets = new Uint32Array(rowCount + 1);
  for (const [row, list] of byRow) offsets[row + 1] = list.length;
  for (let row = 0; row < rowCount; row++) offsets[row + 1] += offsets[row];
  const territories = new Uint32Array(offsets[rowCount]);
  for (const [row, list] of byRow) {
    list.sort((a, b) => tree.rank[a] - tree.rank[b]);
    territories.set(list, offsets[row]);
  }
  return { layer: { offsets, territories, sources: SOURCE_MANUAL }, rows: Uint32Array.from(byRow.keys()) };
}

/** Builds the final CSR taking, for each row, the entries of the layer `choice[row]` says. */
function mergeLayers(
  layers: Layer[],
  choice: Uint8Array,
  rowCount: number,
): Omit<Layer, 'map'> & { sources: Uint8Array } {
  const offsets = new Uint32Array(rowCount + 1);
  for (let row = 0; row < rowCount; row++) {
    const layer = layers[choice[row]];
    let n = layer.offsets[row + 1] - layer.offsets[row];
    if (layer.map) {
      n = 0;
      for (let i = layer.offsets[row]; i < layer.offsets[row + 1]; i++) if (layer.map[layer.territories[i]] >= 0) n++;
    }
    offsets[row + 1] = offsets[row] + n;
  }
  const territories = new Uint32Array(offsets[rowCount]);
  const sources = new Uint8Array(offsets[rowCount]);
  let at = 0;
  for (let row = 0; row < rowCount; row++) {
    const layer = layers[choice[row]];
    for (let i = layer.offsets[row]; i < layer.offsets[row + 1]; i++) {
      const t = layer.map ? layer.map[layer.territories[i]] : layer.territories[i];
      if (t < 0) continue;
      territories[at] = t;
      sources[at] = typeof layer.sources === 'number' ? layer.sources : layer.sources[i];
      at++;
    }
  }
  return { offsets, territories, sources };
}

// ------------------------------------------------------------------------------------------ the run

export function runAssignment(input: AssignmentRunInput): AssignmentRun {
  const { kind, records, matchMode } = input;
  const ws = input.workspace ?? new RunWorkspace();
  const rowCount = records.rowCount;
  const tree = buildTerritoryTree(input.territories);
  const ignoredManual: IgnoredManual[] = [];
  const hitLimit = new Uint8Array(rowCount);
  const limit = Math.max(1, Math.floor(input.maxTerritoriesPerRecord));

  const layers: Layer[] = [];
  const choice = ws.scratchU8('choice', rowCount).fill(0);
  let problems: RuleProblem[] = [];
  let matchCounts = new Uint32Array(tree.ids.length);

  // Rows whose territories come from an account rather than from rules.
  let inheritedRows: Uint8Array | null = null;
  if (kind === 'contact' || kind === 'deal') {
    const accounts = input.accounts;
    if (accounts) {
      const accountOf = accountRows(records, accounts.records);
      const map = indexMap(accounts.assignment.territoryIds, tree);
      if (kind === 'contact') {
        layers.push(contactLayer(accountOf, accounts.assignment, map, rowCount));
      } else {
        const pick = dealPick(ws, tree, accountOf, accounts.assignment, map, rowCount);
        layers.push(singleLayer(pick, rowCount, SOURCE_INHERITED));
        inheritedRows = new Uint8Array(rowCount);
        for (let row = 0; row < rowCount; row++) if (pick[row] !== 0) inheritedRows[row] = 1;
      }
    } else if (kind === 'contact') {
      layers.push({ offsets: new Uint32Array(rowCount + 1), territories: EMPTY, sources: SOURCE_INHERITED });
    }
  }

  if (kind !== 'contact' && tree.ids.length > 0) {
    let candidates = liveRows(ws, records, input.scope?.rows);
    if (inheritedRows) {
      const held = inheritedRows;
      candidates = candidates.filter((row) => held[row] === 0);
    }
    const ruleSet = compileRulesOfKind(
      tree,
      input.rules,
      kind,
      records,
      new ScanContext(records, input.regionShapes ?? null),
    );
    problems = ruleSet.problems;
    if (input.signal?.aborted) throw new AssignmentRunCancelled();
    const matches = matchTerritories(ws, tree, ruleSet, candidates, input);
    input.onProgress?.(tree.ids.length, tree.ids.length);
    matchCounts = Uint32Array.from(matches, (rows) => rows.length);
    const mode: MatchMode = kind === 'deal' && matchMode === 'allDeepest' ? 'firstByPriority' : matchMode;
    let ruleLayer: Layer;
    if (mode === 'lowestOnBranch') {
      ruleLayer = singleLayer(lowestOnBranchPick(ws, tree, matches, rowCount), rowCount, SOURCE_RULE);
    } else {
      const deepest = deepestMatches(ws, tree, matches, rowCount);
      ruleLayer =
        mode === 'allDeepest'
          ? allDeepestLayer(ws, tree, deepest, rowCount, limit, hitLimit)
          : singleLayer(firstByPriorityPick(ws, tree, deepest, rowCount), rowCount, SOURCE_RULE);
    }
    const ruleIndex = layers.length;
    layers.push(ruleLayer);
    // Deals: rows without an inherited territory take their rule result.
    if (ruleIndex > 0) for (let i = 0; i < candidates.length; i++) choice[candidates[i]] = ruleIndex;
  }

  if (input.scope) {
    const current = input.scope.current;
    const inScope = ws.scratchU8('inScope', rowCount).fill(0);
    for (const row of input.scope.rows) if (row < rowCount) inScope[row] = 1;
    const index = layers.length;
    if (current) {
      // Rows beyond the stored assignment (records added since) have no current territories.
      const offsets = new Uint32Array(rowCount + 1);
      const stored = Math.min(current.rowCount, rowCount);
      offsets.set(current.offsets.subarray(0, stored + 1));
      offsets.fill(current.offsets[stored], stored + 1);
      layers.push({
        offsets,
        territories: current.territories,
        sources: current.sources,
        map: indexMap(current.territoryIds, tree),
      });
    } else {
      layers.push({ offsets: new Uint32Array(rowCount + 1), territories: EMPTY, sources: SOURCE_RULE });
    }
    for (let row = 0; row < rowCount; row++) {
      if (inScope[row] === 0) {
        choice[row] = index;
        hitLimit[row] = current && row < current.rowCount ? current.hitLimit[row] : 0;
      }
    }
  }

  if (input.manual && input.manual.length > 0) {
    const { layer, rows } = manualLayer(input.manual, tree, records, ignoredManual);
    const index = layers.length;
    layers.push(layer);
    for (const row of rows) {
      choice[row] = index;
      hitLimit[row] = 0;
    }
  }

  if (layers.length === 0)
    layers.push({ offsets: new Uint32Array(rowCount + 1), territories: EMPTY, sources: SOURCE_RULE });
  const merged =
    layers.length === 1 && !layers[0].map
      ? {
          offsets: layers[0].offsets,
          territories: layers[0].territories,
          sources:
            typeof layers[0].sources === 'number'
              ? new Uint8Array(layers[0].territories.length).fill(layers[0].sources)
              : layers[0].sources,
        }
      : mergeLayers(layers, choice, rowCount);

  const unmatched = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    if (records.deleted[row] === 0 && merged.offsets[row + 1] === merged.offsets[row]) unmatched[row] = 1;
  }
  return {
    assignment: {
      kind,
      rowCount,
      territoryIds: tree.ids,
      offsets: merged.offsets,
      territories: merged.territories,
      sources: merged.sources,
      unmatched,
      hitLimit,
    },
    problems,
    matchCounts,
    ignoredManual,
  };
}
