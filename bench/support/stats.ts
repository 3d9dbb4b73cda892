/** What every benchmark reports: one line per figure, the median of several runs. */
export interface Figure {
  name: string;
  median: number;
  unit: string;
  runs: number;
  /** The figure an issue asks for, printed beside the median ("<= 10 s"). */
  target?: string;
  /** Said instead of the median when there is no figure to give (a cost too small to measure). */
  note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `work` `runs` times (after `warmup` unmeasured runs) and answers the median of what it measured. */
export async function measure(
  name: string,
  unit: string,
  runs: number,
  work: () => Promise<number> | number,
  warmup = 0,
): Promise<Figure> {
  for (let i = 0; i < warmup; i++) await work();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await work());
  return { name, median: Math.round(median(values) * 100) / 100, unit, runs };
}

export function formatFigure(figure: Figure): string {
  const target = figure.target ? ` [target ${figure.target}]` : '';
  const value = figure.note ?? `${figure.median} ${figure.unit}`;
  return `${figure.name} ${value} (n=${figure.runs})${target}`;
}
