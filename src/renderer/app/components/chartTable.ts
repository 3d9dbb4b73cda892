/**
 * A chart's text alternative: the figures an ECharts option draws, read back from that very option as a table.
 * Bars and marks over a category axis give a row per category and a column per series; a box plot gives a row per
 * box with its five figures; a Sankey gives a row per link (from, to, value). Reading the option the chart is given,
 * rather than the data before it, is what makes the table say what the chart shows.
 */

export interface ChartTableWords {
  /** Heading of the category column (a territory, a plan…). */
  category: string;
  from: string;
  to: string;
  value: string;
  min: string;
  q1: string;
  median: string;
  q3: string;
  max: string;
}

export interface ChartTable {
  /** Headings: first the text columns (`labelColumns` of them), then the figures. */
  columns: string[];
  labelColumns: number;
  rows: { labels: string[]; values: (number | null)[] }[];
}

type Datum = number | null | undefined | { value?: unknown } | readonly unknown[];

interface SeriesLike {
  type?: string;
  name?: string;
  data?: readonly Datum[];
  links?: readonly { source: string; target: string; value: number }[];
  label?: { formatter?: unknown };
}

interface AxisLike {
  type?: string;
  data?: readonly unknown[];
}

const asArray = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

function numberOf(datum: Datum): number | null {
  const raw =
    datum !== null && typeof datum === 'object' && !Array.isArray(datum) ? (datum as { value?: unknown }).value : datum;
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

/** The table of what `option` draws; null for an option of a kind it does not read (no table is better than a wrong one). */
export function chartTable(option: Record<string, unknown>, words: ChartTableWords): ChartTable | null {
  const series = asArray(option.series as SeriesLike | SeriesLike[] | undefined);
  if (series.length === 0) return null;

  if (series.every((s) => s.type === 'sankey')) {
    const rows = series.flatMap((s) => {
      const format = s.label?.formatter;
      const name = (n: string) =>
        typeof format === 'function' ? String((format as (p: { name: string }) => unknown)({ name: n })) : n;
      return (s.links ?? []).map((l) => ({ labels: [name(l.source), name(l.target)], values: [numberOf(l.value)] }));
    });
    return { columns: [words.from, words.to, words.value], labelColumns: 2, rows };
  }

  const axes = [
    ...asArray(option.xAxis as AxisLike | AxisLike[] | undefined),
    ...asArray(option.yAxis as AxisLike | AxisLike[] | undefined),
  ];
  const categoryAxis = axes.find((a) => a.type === 'category' && Array.isArray(a.data));
  if (!categoryAxis?.data) return null;
  const categories = categoryAxis.data.map((c) =>
    c !== null && typeof c === 'object' && 'value' in c ? String((c as { value: unknown }).value) : String(c),
  );

  if (series.length === 1 && series[0].type === 'boxplot') {
    const data = series[0].data ?? [];
    return {
      columns: [words.category, words.min, words.q1, words.median, words.q3, words.max],
      labelColumns: 1,
      rows: categories.map((category, i) => {
        const datum = data[i];
        const box =
          datum !== null && typeof datum === 'object' && !Array.isArray(datum)
            ? (datum as { value?: unknown }).value
            : datum;
        const five = Array.isArray(box) ? box : [];
        return { labels: [category], values: [0, 1, 2, 3, 4].map((k) => numberOf(five[k] as Datum)) };
      }),
    };
  }

  if (!series.every((s) => s.type === 'bar' || s.type === 'scatter' || s.type === 'line')) return null;
  return {
    columns: [words.category, ...series.map((s) => s.name ?? '')],
    labelColumns: 1,
    rows: categories.map((category, i) => ({
      labels: [category],
      values: series.map((s) => numberOf((s.data ?? [])[i])),
    })),
  };
}
