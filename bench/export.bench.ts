/**
 * Export figures (issue 10), pure writers in Node over generated data (the model worker runs the same code):
 * the assignments of 1,000,000 accounts against 1,000 territories as CSV (target ≤ 5 s) and XLSX (≤ 20 s), and the
 * plan file of that plan written and read back (≤ 5 s), and the headless `territory-planner assign` of that plan
 * (finalized, as a plan file) on a 1,000,000-row accounts CSV end to end: read the plan file, read, type and resolve
 * the CSV as the import does, run the rules, write the assignments CSV (≤ 15 s). Storage and the bridge are not part
 * of these figures. BENCH_ROWS=100000 (or EXPORT_BENCH_ROWS) for a quicker run. The report's figure is
 * bench/report.bench.ts (`npm run bench report`).
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Plan } from '../src/shared/domain';
import { nodeIo, runCli } from '../src/cli/main';
import { BackupWriter } from '../src/model/export/backup';
import { yieldToEventLoop } from '../src/model/import/delimited';
import { writeCsvBytes } from '../src/model/export/csv';
import type { RecordTable } from '../src/model/records/recordTable';
import { buildPlanFile, planFileBytes, readPlanFile } from '../src/model/export/planFile';
import { assignmentsTable, type PlanExportData } from '../src/model/export/planTables';
import { writeXlsx } from '../src/model/export/xlsx';
import { runAssignment } from '../src/model/engine/rules/run';
import { planDefaults } from '../src/model/service/plans';
import { generateRuleAccounts, generateRulePlan } from './generate/rulesData';
import type { Figure } from './support/stats';
import { measure } from './support/stats';

const ROWS = Number(process.env.BENCH_ROWS ?? process.env.EXPORT_BENCH_ROWS ?? 1_000_000);

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
      csvBytes = writeCsvBytes(assignmentsTable(data, kinds)).length;
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
  const crmCsv = accountsCsvOf(records);
  const finalPlan = planFileBytes(
    buildPlanFile({
      ...data,
      plan: { ...plan, status: 'final', finalizedAt: now },
      manualAssignments: [],
      kinds: [{ kind: 'account', records, assignment: null }],
      includeRecords: false,
      exportedAt: now,
    }),
    false,
  );
  let headlessBytes = 0;
  // The command line itself, from the files on disk to the file written (its stderr counted, not printed).
  const dir = await mkdtemp(join(tmpdir(), 'territory-bench-'));
  try {
    await writeFile(join(dir, 'bench.territory.json'), finalPlan);
    await writeFile(join(dir, 'accounts.csv'), crmCsv);
    const io = { ...nodeIo(), stderr: () => {} };
    const args = ['assign', '--quiet', '--plan', join(dir, 'bench.territory.json')];
    args.push('--accounts', join(dir, 'accounts.csv'), '--out', join(dir, 'assignments.csv'));
    figures.push(
      await measure(`export headless assign ${k} accounts x ${territories.length} territories`, 'ms', 1, async () => {
        const start = performance.now();
        const code = await runCli(args, io);
        if (code > 1) throw new Error(`territory-planner assign exited with ${code}`);
        const elapsed = performance.now() - start;
        headlessBytes = (await stat(join(dir, 'assignments.csv'))).size;
        return elapsed;
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  figures.push(...(await backupFigures(records, k)));
  // The targets are for 1M accounts and 1,000 territories.
  if (ROWS === 1_000_000) {
    const targets: [string, string][] = [
      ['export assignments CSV', '5000 ms'],
      ['export assignments XLSX', '20000 ms'],
      ['export plan file', '5000 ms'],
      ['export headless assign', '15000 ms'],
    ];
    for (const figure of figures) figure.target = targets.find(([prefix]) => figure.name.startsWith(prefix))?.[1];
  }
  figures.push({
    name: `export sizes CSV/XLSX/plan/CRM in/headless out ${k}`,
    median: 0,
    unit: `(${csvBytes} B, ${xlsxBytes} B, ${planBytes} B, ${crmCsv.length} B, ${headlessBytes} B)`,
    runs: 1,
  });
  return figures;
}

/** The generated accounts as a Salesforce-shaped CSV export (regions as ISO codes, coordinates given). */
function accountsCsvOf(records: RecordTable): Uint8Array {
  const text = (key: string) => {
    const column = records.columns.get(key)!;
    return column.type === 'text' ? (row: number) => column.values[column.codes[row]] : () => '';
  };
  const number = (key: string) => {
    const column = records.columns.get(key)!;
    return column.type === 'number'
      ? (row: number) => (Number.isNaN(column.values[row]) ? '' : String(column.values[row]))
      : () => '';
  };
  const columns: [string, (row: number) => string][] = [
    ['Account ID', text('externalId')],
    ['Account Name', text('name')],
    ['Industry', text('industry')],
    ['Annual Revenue', number('annualRevenue')],
    ['Employees', number('employees')],
    ['Billing State/Province', text('region')],
    ['Billing Zip/Postal Code', text('postalCode')],
    ['Billing Country', text('country')],
    ['Billing Latitude', number('latitude')],
    ['Billing Longitude', number('longitude')],
  ];
  const lines = [columns.map(([header]) => header).join(',')];
  for (let row = 0; row < records.rowCount; row++) lines.push(columns.map(([, cell]) => cell(row)).join(','));
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/**
 * The backup of the accounts' stored blocks (5,000 rows each, every column a typed array, as recordBlocks holds
 * them) written a page at a time as the backup service does: its time, and the peak memory it added (heap and
 * array buffers, sampled after every page) against the size of the rows themselves.
 */
export async function backupFigures(records: RecordTable, k: string): Promise<Figure[]> {
  const BLOCK = 5_000;
  const blocks: unknown[] = [];
  let rowBytes = 0;
  for (let start = 0, block = 0; start < records.rowCount; start += BLOCK, block++) {
    const end = Math.min(records.rowCount, start + BLOCK);
    const columns: Record<string, unknown> = {};
    for (const [key, column] of records.columns) {
      const part =
        column.type === 'text'
          ? { type: 'text', codes: column.codes.slice(start, end) }
          : { type: 'number', values: column.values.slice(start, end) };
      rowBytes += (column.type === 'text' ? part.codes! : part.values!).byteLength;
      columns[key] = part;
    }
    blocks.push({ kind: 'account', block, rows: end - start, deleted: records.deleted.slice(start, end), columns });
  }
  const memory = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  let peak = 0;
  let fileBytes = 0;
  const time = await measure(`export backup ${k} accounts' blocks, a page at a time`, 'ms', 3, async () => {
    (globalThis as { gc?: () => void }).gc?.();
    const base = memory();
    const start = performance.now();
    const writer = new BackupWriter({ schemaVersion: 10, createdAt: new Date().toISOString() });
    let size = 64;
    for (let at = 0; at < blocks.length;) {
      const page = blocks.slice(at, at + size);
      const written = writer.addRows('recordBlocks', page);
      at += page.length;
      peak = Math.max(peak, memory() - base);
      // The service reads each page from IndexedDB: the event loop turns between pages, and the checksums of the
      // pages written (copies of their bytes until then) are answered.
      await yieldToEventLoop();
      if (written > 4 << 20 && size > 1) size = Math.max(1, size >> 1);
      else if (written < 1 << 20 && size < 20_000) size *= 2;
    }
    fileBytes = (await writer.finish()).bytes.length;
    peak = Math.max(peak, memory() - base);
    return performance.now() - start;
  });
  return [
    time,
    {
      name: `export backup ${k} accounts' blocks peak memory added (rows ${Math.round(rowBytes / 1e6)} MB, file ${Math.round(fileBytes / 1e6)} MB)`,
      median: Math.round(peak / 1e6),
      unit: 'MB',
      runs: 3,
    },
  ];
}
