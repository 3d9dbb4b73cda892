/**
 * The flow chart of Compare's disruption: moved revenue from the reference's territories to a compared plan's, as a
 * Sankey. Pure, so a test can hold the chart to the table beside it.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { MoveFlow } from '../../../../shared/api/compare';

/** How many from → to flows the chart and the table beside it show: the same ones, largest first. */
export const FLOWS_LISTED = 50;

/**
 * The Sankey option for the listed flows. A link's width is its revenue, so listed flows that carry none stay in the
 * table only: a width of 0 draws nothing, and a made-up width of 1 would read as €1. Node names carry a side mark
 * (◀ reference, ▶ compared plan) so a territory on both sides stays two nodes; the label drops it.
 */
export function flowChartOption(
  flows: readonly MoveFlow[],
  none: string,
): { option: EChartsCoreOption; drawn: number } {
  const drawn = flows.slice(0, FLOWS_LISTED).filter((f) => Math.round(f.revenue) > 0);
  const nodes = new Set<string>();
  const links = drawn.map((f) => {
    const source = `◀ ${f.from || none}`;
    const target = `▶ ${f.to || none}`;
    nodes.add(source);
    nodes.add(target);
    return { source, target, value: Math.round(f.revenue) };
  });
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 120,
        nodeGap: 6,
        emphasis: { focus: 'adjacency' },
        data: [...nodes].map((name) => ({ name })),
        links,
        label: { formatter: (p: { name: string }) => p.name.slice(2), fontSize: 11 },
        lineStyle: { color: 'gradient', opacity: 0.4 },
      },
    ],
  };
  return { option, drawn: drawn.length };
}
