/**
 * Export figures (issue 10), pure writers in Node over generated data (the model worker runs the same code):
 * the assignments of 1,000,000 accounts against 1,000 territories as CSV (target ≤ 5 s) and XLSX (≤ 20 s), and the
 * plan file of that plan written and read back (≤ 5 s). Storage and the bridge are not part of these figures.
 */
import { performance } from 'node:perf_hooks';
import type { Plan } from '../src/shared/domain';
import { writeCsv } from '../src/model/export/csv';
import { buildPlanFile, planFileBytes, readPlanFile } from '../src/model/export/planFile';
import { assignmentsTable, type PlanExportData } from '../src/model/export/planTables';
import { writeXlsx } from '../src/model/export/xlsx';
import { runAssignment } from '../src/model/engine/rules/run';
import { planDefaults } from '../src/model/service/plans';
import { generateRuleAccounts, generateRulePlan } from './generate/rulesData';
import type { Figure } from './support/stats';
import { measure } from './support/stats';

const ROWS = Number(process.env.EXPORT_BENCH_ROWS ?? 1_000_000);

export async function run(): Promise<Figure[]> {
  const records = generateRuleAccounts(ROWS);
  const { territories, rules } = generateRulePlan([10, 9, 10]);
  const { assignment } = runAssignment({
    kind: 'account',
    records,
    territories,
    rules,
    matchMode: 'allDeepest',
    maxTerritoriesPerRecord: 10,
  });
  const now = new Date().toISOString();
  const plan: Plan = { id: 'bench', name: 'Bench – FY27', ...planDefaults, createdAt: now, updatedAt: now };
  const data: PlanExportData = { plan, territories, rules, memberships: [], users: [], targets: [] };
  const kinds = [{ kind: 'account' as const, records, assignment }];
  const k = ROWS >= 1_000_000 ? `${ROWS / 1_000_000}M` : `${ROWS / 1000}k`;
  const figures: Figure[] = [];
  let csvBytes = 0;
  figures.push(
    await measure(`export assignments CSV ${k} accounts`, 'ms', 3, () => {
      const start = performance.now();
      const csv = writeCsv(assignmentsTable(data, kinds));
      csvBytes = csv.length;
      return performance.now() - start;
    }),
  );
  let xlsxBytes = 0;
  figures.push(
    await measure(`export assignments XLSX ${k} accounts`, 'ms', 3, () => {
      const start = performance.now();
      xlsxBytes = writeXlsx([assignmentsTable(data, kinds)]).length;
      return performance.now() - start;
    }),
  );
  let planBytes = 0;
  figures.push(
    await measure(`export plan file write+read ${k} assignments x ${territories.length} territories`, 'ms', 3, () => {
      const start = performance.now();
      const file = buildPlanFile({
        ...data,
        manualAssignments: [],
        kinds,
        includeRecords: false,
        exportedAt: now,
      });
      const bytes = planFileBytes(file, false);
      planBytes = bytes.length;
      readPlanFile(bytes, 'bench.territory.json');
      return performance.now() - start;
    }),
  );
  figures.push({
    name: `export sizes CSV/XLSX/plan ${k}`,
    median: 0,
    unit: `(${csvBytes} chars, ${xlsxBytes} B, ${planBytes} B)`,
    runs: 1,
  });
  return figures;
}
