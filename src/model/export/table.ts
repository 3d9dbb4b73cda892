/**
 * A table to export, independent of its file format: named columns that say what their values are (so the CSV
 * writer knows which cells are identifiers, the XLSX writer which are numbers), and rows produced on demand, so a
 * million-row export never holds a million row arrays at once.
 */

/**
 * - `text`: free text (names, paths): formula-looking cells are defused in CSV.
 * - `identifier`: codes and external IDs (`-F-016`, `+33-REG`): kept as written when identifier-shaped (see
 *   `defuseCell`), written as text in XLSX.
 * - `postal`: postal codes, always text (a leading zero survives XLSX); identifier rules in CSV.
 * - `number`: a number (or empty); numbers in XLSX, decimal comma in CSV when asked.
 */
export type ExportColumnKind = 'text' | 'identifier' | 'postal' | 'number';

export interface ExportColumn {
  /** Stable key: what `columns` options name. */
  key: string;
  header: string;
  kind: ExportColumnKind;
}

export type ExportCell = string | number | null;

export interface ExportTable {
  /** Sheet name in a workbook (Excel: at most 31 characters, no []:*?/\). */
  name: string;
  columns: ExportColumn[];
  /** How many rows `rows` will give (for progress). */
  rowCount: number;
  /**
   * The rows, produced as they are read (a writer can stop between two, to hand on a chunk or hear Stop); the
   * array may be reused from one row to the next, so copy it to keep it.
   */
  rows(): Iterable<readonly ExportCell[]>;
}

/** A table from rows already in memory (territories, memberships, targets: thousands, not millions). */
export function tableOf(name: string, columns: ExportColumn[], rows: readonly (readonly ExportCell[])[]): ExportTable {
  return {
    name,
    columns,
    rowCount: rows.length,
    rows: () => rows,
  };
}

/** Keeps only the columns named, in the order named (unknown names ignored); all columns when none are named. */
export function selectColumns(table: ExportTable, keys: readonly string[] | undefined): ExportTable {
  if (!keys || keys.length === 0) return table;
  const picks = keys.map((key) => table.columns.findIndex((c) => c.key === key)).filter((i) => i >= 0);
  if (picks.length === 0) return table;
  const cells: ExportCell[] = new Array<ExportCell>(picks.length);
  return {
    name: table.name,
    columns: picks.map((i) => table.columns[i]),
    rowCount: table.rowCount,
    *rows() {
      for (const row of table.rows()) {
        for (let i = 0; i < picks.length; i++) cells[i] = row[picks[i]];
        yield cells;
      }
    },
  };
}

/** All rows as arrays (tests, small tables). */
export function rowsOf(table: ExportTable): ExportCell[][] {
  const rows: ExportCell[][] = [];
  for (const cells of table.rows()) rows.push([...cells]);
  return rows;
}
