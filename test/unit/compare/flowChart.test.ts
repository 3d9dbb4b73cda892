import { describe, expect, it } from 'vitest';
import type { MoveFlow } from '../../../src/shared/api/compare';
import { chartTable } from '../../../src/renderer/app/components/chartTable';
import { chartWords as words } from '../a11y/chartWords';
import { FLOWS_LISTED, flowChartOption } from '../../../src/renderer/app/views/compare/flowChart';

const flow = (i: number, revenue: number): MoveFlow => ({
  plan: 1,
  from: i % 7 === 0 ? '' : `From ${i}`,
  to: `To ${i}`,
  accounts: 1 + i,
  revenue,
  pipeline: 0,
  won: 0,
});

describe('Compare’s flow chart', () => {
  it('draws the same flows as the table beside it lists, each at its own revenue', () => {
    // 70 flows, largest first as the model sorts them; every fifth carries no revenue.
    const flows = Array.from({ length: 70 }, (_, i) => flow(i, i % 5 === 4 ? 0 : 1_000_000 - i * 1000 + 0.4));
    const { option, drawn } = flowChartOption(flows, 'none');
    const table = chartTable(option, words);

    const listed = flows.slice(0, FLOWS_LISTED);
    const withRevenue = listed.filter((f) => f.revenue > 0);
    expect(FLOWS_LISTED).toBe(50);
    expect(drawn).toBe(40);
    expect(table?.rows).toEqual(
      withRevenue.map((f) => ({ labels: [f.from || 'none', f.to], values: [Math.round(f.revenue)] })),
    );
  });

  it('never draws a flow without revenue as a sliver of money', () => {
    const { option, drawn } = flowChartOption([flow(1, 0), flow(2, 0.3), flow(3, 12.6)], 'none');
    expect(drawn).toBe(1);
    expect(chartTable(option, words)?.rows).toEqual([{ labels: ['From 3', 'To 3'], values: [13] }]);
  });
});
