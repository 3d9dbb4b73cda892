/**
 * Rule engine figures (issue 5): a full run to preview — compile the plan's rules, assign every account, compare
 * with the stored assignment — for 1,000,000 accounts × 1,000 territories (target ≤ 1 s) and 100,000 × 100
 * (target ≤ 50 ms); and the block encoding that applying a preview writes, for 1M accounts.
 * Pure engine in Node: storage is not part of these figures.
 */
import { pathToFileURL } from 'node:url';
import { encodeAssignmentBlocks } from '../src/model/records/assignments';
import { previewAssignment } from '../src/model/engine/rules/preview';
import { runAssignment } from '../src/model/engine/rules/run';
import { RunWorkspace } from '../src/model/engine/rules/workspace';
import type { MatchMode } from '../src/shared/domain';
import type { RecordTable } from '../src/model/records/recordTable';
import { generateRuleAccounts, generateRulePlan, type RulePlan } from './generate/rulesData';

interface Figure {
  name: string;
  median: number;
  unit: string;
  runs: number;
}

const RUNS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function figure(name: string, values: number[]): Figure {
  return { name, median: Math.round(median(values) * 10) / 10, unit: 'ms', runs: values.length };
}

/** Kept from run to run, as the model keeps one on its context. */
const workspace = new RunWorkspace();

function runPlan(records: RecordTable, plan: RulePlan, matchMode: MatchMode) {
  return runAssignment({
    workspace,
    kind: 'account',
    records,
    territories: plan.territories,
    rules: plan.rules,
    matchMode,
    maxTerritoriesPerRecord: 10,
  });
}

/**
 * The same records behind new column objects: the engine keeps normalised dictionaries with each column across
 * runs, so this measures a first run after loading, when every distinct value is normalised again.
 */
function withFreshColumns(table: RecordTable): RecordTable {
  const columns: RecordTable['columns'] = new Map();
  for (const [key, column] of table.columns) columns.set(key, column.type === 'text' ? { ...column } : column);
  return { ...table, columns };
}

/** Medians of run-to-preview (and of its two halves) over RUNS runs after one warm-up. */
function measureRunToPreview(
  label: string,
  table: RecordTable,
  fanOut: [number, number, number],
  matchMode: MatchMode,
  cold = false,
): Figure[] {
  const plan = generateRulePlan(fanOut);
  // The stored assignment comes from a variant of the plan, so the preview has records that move.
  const current = runPlan(table, generateRulePlan(fanOut, 1), matchMode).assignment;
  const total: number[] = [];
  const run: number[] = [];
  const preview: number[] = [];
  let last = null as ReturnType<typeof previewAssignment> | null;
  for (let i = 0; i <= RUNS; i++) {
    const records = cold ? withFreshColumns(table) : table;
    const t0 = performance.now();
    const result = runPlan(records, plan, matchMode);
    const t1 = performance.now();
    last = previewAssignment(current, result.assignment);
    const t2 = performance.now();
    if (result.problems.length > 0) throw new Error(result.problems[0].message);
    if (i === 0) continue;
    total.push(t2 - t0);
    run.push(t1 - t0);
    preview.push(t2 - t1);
  }
  if (last && process.env.BENCH_VERBOSE) {
    const assigned = table.rowCount - last.unmatched.length;
    console.error(
      `${label} ${matchMode}: assigned ${assigned}, moved ${last.moved.length}, hit limit ${last.hitLimit.length}`,
    );
  }
  const suffix = (matchMode === 'allDeepest' ? '' : `-${matchMode}`) + (cold ? '-first-run' : '');
  return [
    figure(`${label}-run-to-preview${suffix}`, total),
    // The fastest run: what the engine costs when no other process competes for the machine.
    { ...figure(`${label}-run-to-preview${suffix}-best`, [Math.min(...total)]), runs: total.length },
    figure(`${label}-run${suffix}`, run),
    figure(`${label}-preview${suffix}`, preview),
  ];
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const small = generateRuleAccounts(100_000);
  figures.push(...measureRunToPreview('rules-100k-accounts-100-territories', small, [4, 4, 5], 'allDeepest'));
  figures.push(...measureRunToPreview('rules-100k-accounts-100-territories', small, [4, 4, 5], 'allDeepest', true));

  const large = generateRuleAccounts(1_000_000);
  figures.push(...measureRunToPreview('rules-1m-accounts-1000-territories', large, [10, 9, 10], 'allDeepest'));
  figures.push(...measureRunToPreview('rules-1m-accounts-1000-territories', large, [10, 9, 10], 'allDeepest', true));
  figures.push(...measureRunToPreview('rules-1m-accounts-1000-territories', large, [10, 9, 10], 'firstByPriority'));
  figures.push(...measureRunToPreview('rules-1m-accounts-1000-territories', large, [10, 9, 10], 'lowestOnBranch'));

  const { assignment } = runPlan(large, generateRulePlan([10, 9, 10]), 'allDeepest');
  const encode: number[] = [];
  for (let i = 0; i <= 5; i++) {
    const t0 = performance.now();
    encodeAssignmentBlocks('bench', assignment);
    if (i > 0) encode.push(performance.now() - t0);
  }
  figures.push(figure('rules-1m-accounts-encode-assignment-blocks', encode));
  return figures;
}

// Run directly (npx tsx bench/rules.bench.ts) as well as through the bench harness.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await run()) console.log(`${f.name} ${f.median} ${f.unit} (n=${f.runs})`);
}
