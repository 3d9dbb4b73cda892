/**
 * One ECharts chart on a canvas (no <style> injected, nothing fetched), in the UI's language, resized with its
 * box. The chart is an image named by `label`, followed by the table of the figures it draws (read back from its
 * option, see chartTable.ts): hidden but read by screen readers, shown on "Show as table".
 */
import { BarChart, BoxplotChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import langFR from 'echarts/i18n/langFR-obj.js';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chartTable } from '../../components/chartTable';
import { formatNumber } from '../../i18n';
import './chart.css';

echarts.use([
  BarChart,
  BoxplotChart,
  SankeyChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);
echarts.registerLocale('FR', langFR as Parameters<typeof echarts.registerLocale>[1]);

export function Chart({
  option,
  label,
  height,
  format = (v) => formatNumber(v),
  category,
}: {
  option: EChartsCoreOption;
  label: string;
  height: number;
  /** A figure of the table as the chart's axis writes it; `column` counts the figure columns from 0. */
  format?: (value: number, column: number) => string;
  /** Heading of the table's category column (a territory, a plan…). */
  category?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'fr' ? 'FR' : 'EN';
  const chart = useRef<echarts.ECharts | null>(null);
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas', locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    // ECharts' aria writes the container's aria-label: ours, not its generated one.
    chart.current?.setOption(
      { animation: false, aria: { enabled: true, label: { description: label } }, ...option },
      true,
    );
  }, [option, label, locale]);

  const table = useMemo(
    () =>
      chartTable(option as Record<string, unknown>, {
        category: category ?? t('a11y.chart.category'),
        from: t('a11y.chart.from'),
        to: t('a11y.chart.to'),
        value: t('a11y.chart.value'),
        min: t('a11y.chart.min'),
        q1: t('a11y.chart.q1'),
        median: t('a11y.chart.median'),
        q3: t('a11y.chart.q3'),
        max: t('a11y.chart.max'),
      }),
    [option, category, t],
  );

  return (
    <div className="chart-with-table">
      <div
        ref={box}
        className="forecast-chart"
        role="img"
        aria-label={label}
        aria-describedby={table ? tableId : undefined}
        style={{ height }}
      />
      {table && (
        <>
          <button
            type="button"
            className="link chart-table-toggle"
            aria-expanded={tableShown}
            aria-controls={tableId}
            onClick={() => setTableShown(!tableShown)}
          >
            {tableShown ? t('a11y.chart.hideTable') : t('a11y.chart.showTable')}
          </button>
          <table id={tableId} className={`chart-table${tableShown ? '' : ' sr-only'}`}>
            <caption>{label}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col" className={i >= table.labelColumns ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.labels.map((l, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {l}
                      </th>
                    ) : (
                      <td key={i}>{l}</td>
                    ),
                  )}
                  {row.values.map((v, i) => (
                    <td key={`v${i}`} className="num" data-value={v ?? ''}>
                      {v === null ? '—' : format(v, i)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
