/**
 * The rows a list of conditions selects, all of them holding: the Accounts filter. A filter is a rule condition,
 * compiled by the same compileCondition as a rule's, so a filter and a rule with the same conditions (pattern
 * "1 AND 2 AND ...") select the same rows.
 */
import type { Condition } from '../../../shared/domain';
import type { RecordTable } from '../../records/recordTable';
import { compileCondition, type ConditionProblem, type ConditionScan, type RuleTerritory } from './conditions';
import { ScanContext } from './scanContext';

export type Selection =
  | { ok: true; rows: Uint32Array }
  /** The first condition that cannot be used (0-based), and why. */
  | { ok: false; index: number; problem: ConditionProblem };

/** A filter belongs to no territory: "is in regions" needs its codes listed, "within the drawn area" has none. */
const noTerritory: RuleTerritory = { id: '', name: '', geography: { regions: [], postalPrefixes: [], areas: [] } };

/** The live rows (in row order) where every condition holds. */
export function selectRows(
  table: RecordTable,
  conditions: readonly Condition[],
  context: ScanContext = new ScanContext(table),
): Selection {
  const scans: ConditionScan[] = [];
  for (let index = 0; index < conditions.length; index++) {
    const compiled = compileCondition(conditions[index], table, noTerritory, context);
    if (!compiled.ok) return { ok: false, index, problem: compiled.problem };
    scans.push(compiled.scan);
  }
  const { deleted } = table;
  let rows = new Uint32Array(table.rowCount);
  let count = 0;
  for (let row = 0; row < table.rowCount; row++) if (deleted[row] === 0) rows[count++] = row;
  // Cheap conditions first: each narrows the rows the next one reads.
  for (const scan of scans.sort((a, b) => a.cost - b.cost)) {
    if (count === 0) break;
    count = scan.filter(rows, count, rows);
  }
  rows = rows.slice(0, count);
  return { ok: true, rows };
}
