/** Plain English headings for a chart's table of figures, shared by the tests that read one. */
import type { ChartTableWords } from '../../../src/renderer/app/components/chartTable';

export const chartWords: ChartTableWords = {
  category: 'Territory',
  from: 'From',
  to: 'To',
  value: 'Value',
  min: 'Min',
  q1: 'Q1',
  median: 'Median',
  q3: 'Q3',
  max: 'Max',
};
