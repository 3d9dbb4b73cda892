/**
 * The validation report: every problem by row and column, counts per kind, and the problem rows as a CSV the
 * planner can fix in a spreadsheet and import again. Counts are always exact; the lists keep the first
 * MAX_LISTED entries so a file where every row is wrong cannot exhaust memory.
 */
import { severityLevel } from '../../shared/imports';
import type { ImportProblem, ProblemCode } from './types';
import { looksLikeFormula } from './values';

export const MAX_LISTED_PROBLEMS = 100_000;
export const MAX_LISTED_ROWS = 50_000;

export interface ProblemReport {
  problems: ImportProblem[];
  counts: Partial<Record<ProblemCode, number>>;
  /** Rows with at least one problem of that severity (a row counts once, at its worst severity). */
  rowsWithErrors: number;
  rowsWithWarnings: number;
  /** More problems were found than listed. */
  truncated: boolean;
}

export class ProblemLog {
  readonly problems: ImportProblem[] = [];
  readonly counts: Partial<Record<ProblemCode, number>> = {};
  /** Worst severity per row number (0 none, 1 notice, 2 warning, 3 error). */
  private readonly worst = new Map<number, number>();
  /** Original cells of problem rows, for the CSV export. */
  readonly rowCells = new Map<number, string[]>();
  truncated = false;

  add(problem: ImportProblem, cells?: readonly string[]): void {
    this.counts[problem.code] = (this.counts[problem.code] ?? 0) + 1;
    const rank = severityLevel[problem.severity];
    if ((this.worst.get(problem.row) ?? 0) < rank) this.worst.set(problem.row, rank);
    if (this.problems.length < MAX_LISTED_PROBLEMS) {
      if (problem.value !== undefined && problem.value.length > 200) problem.value = `${problem.value.slice(0, 200)}…`;
      this.problems.push(problem);
    } else this.truncated = true;
    if (
      cells &&
      rank > severityLevel.notice &&
      !this.rowCells.has(problem.row) &&
      this.rowCells.size < MAX_LISTED_ROWS
    ) {
      this.rowCells.set(problem.row, [...cells]);
    }
  }

  /** 0 none, 1 notice only, 2 warning, 3 error. */
  worstOf(row: number): number {
    return this.worst.get(row) ?? 0;
  }

  report(): ProblemReport {
    let rowsWithErrors = 0;
    let rowsWithWarnings = 0;
    for (const rank of this.worst.values()) {
      if (rank === 3) rowsWithErrors++;
      else if (rank === 2) rowsWithWarnings++;
    }
    return {
      problems: this.problems,
      counts: { ...this.counts },
      rowsWithErrors,
      rowsWithWarnings,
      truncated: this.truncated,
    };
  }
}

/**
 * A cell safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe so that it is shown, not evaluated (CSV injection).
 */
export function spreadsheetSafe(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

function csvCell(text: string): string {
  const safe = spreadsheetSafe(text);
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows that have problems (errors and warnings), as CSV text: the row number, what is wrong, then the row's
 * cells as they were in the file, under the file's headers.
 */
export function problemRowsCsv(
  headers: readonly string[],
  log: ProblemLog | { problems: readonly ImportProblem[]; rowCells: ReadonlyMap<number, readonly string[]> },
): string {
  const byRow = new Map<number, string[]>();
  for (const p of log.problems) {
    if (p.severity === 'notice') continue;
    let list = byRow.get(p.row);
    if (!list) byRow.set(p.row, (list = []));
    list.push(p.column ? `${p.column}: ${p.message}` : p.message);
  }
  const out = [['Row', 'Problems', ...headers].map(csvCell).join(',')];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = log.rowCells.get(row) ?? [];
    out.push([String(row), byRow.get(row)!.join('; '), ...cells].map(csvCell).join(','));
  }
  return out.join('\r\n') + '\r\n';
}
