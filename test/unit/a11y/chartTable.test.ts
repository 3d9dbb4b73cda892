import { describe, expect, it } from 'vitest';
import { chartTable } from '../../../src/renderer/app/components/chartTable';
import { chartWords as words } from './chartWords';

describe('a chart’s table of figures, read from its ECharts option', () => {
  it('gives bars and target marks over a category axis a row per category and a column per series', () => {
    // The shape of Compare's "target and projected" chart: a bar and a scatter per plan, a missing target as null.
    const option = {
      xAxis: { type: 'category', data: ['France Nord', 'France Sud'] },
      yAxis: { type: 'value' },
      series: [
        { name: 'Sample · Projected', type: 'bar', data: [1200, 800] },
        { name: 'Sample · Target', type: 'scatter', data: [1500, null] },
        { name: 'What-if · Projected', type: 'bar', data: [{ value: 1000 }, 1000] },
      ],
    };
    expect(chartTable(option, words)).toEqual({
      columns: ['Territory', 'Sample · Projected', 'Sample · Target', 'What-if · Projected'],
      labelColumns: 1,
      rows: [
        { labels: ['France Nord'], values: [1200, 1500, 1000] },
        { labels: ['France Sud'], values: [800, null, 1000] },
      ],
    });
  });

  it('reads the category axis where it is, also on a chart with two value axes', () => {
    const option = {
      xAxis: { type: 'category', data: ['Benelux', 'Nordics'] },
      yAxis: [{ type: 'value' }, { type: 'value' }],
      series: [
        { name: 'Accounts', type: 'bar', data: [83, 80] },
        { name: 'Revenue', type: 'bar', yAxisIndex: 1, data: [5_000_000, 7_250_000] },
      ],
    };
    expect(chartTable(option, words)?.rows).toEqual([
      { labels: ['Benelux'], values: [83, 5_000_000] },
      { labels: ['Nordics'], values: [80, 7_250_000] },
    ]);
  });

  it('gives a box plot its five figures per box', () => {
    const option = {
      xAxis: { type: 'category', data: ['Sample plan', 'What-if'] },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'boxplot',
          data: [{ value: [69, 100, 137, 182, 446], itemStyle: {} }, [70, 101, 140, 180, 400]],
        },
      ],
    };
    expect(chartTable(option, { ...words, category: 'Plan' })).toEqual({
      columns: ['Plan', 'Min', 'Q1', 'Median', 'Q3', 'Max'],
      labelColumns: 1,
      rows: [
        { labels: ['Sample plan'], values: [69, 100, 137, 182, 446] },
        { labels: ['What-if'], values: [70, 101, 140, 180, 400] },
      ],
    });
  });

  it('gives a Sankey a row per link, its nodes named as the chart labels them', () => {
    const option = {
      series: [
        {
          type: 'sankey',
          data: [{ name: '◀ France Nord' }, { name: '▶ France Sud' }, { name: '▶ (none)' }],
          links: [
            { source: '◀ France Nord', target: '▶ France Sud', value: 250_000 },
            { source: '◀ France Nord', target: '▶ (none)', value: 1 },
          ],
          label: { formatter: (p: { name: string }) => p.name.slice(2) },
        },
      ],
    };
    expect(chartTable(option, words)).toEqual({
      columns: ['From', 'To', 'Value'],
      labelColumns: 2,
      rows: [
        { labels: ['France Nord', 'France Sud'], values: [250_000] },
        { labels: ['France Nord', '(none)'], values: [1] },
      ],
    });
  });

  it('gives no table rather than a wrong one for a chart it cannot read', () => {
    expect(chartTable({ series: [{ type: 'pie', data: [1, 2] }] }, words)).toBeNull();
    expect(chartTable({ xAxis: { type: 'value' }, series: [{ type: 'bar', data: [1] }] }, words)).toBeNull();
    expect(chartTable({}, words)).toBeNull();
  });
});
