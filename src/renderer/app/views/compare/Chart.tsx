/**
 * One ECharts chart on a canvas (no <style> injected, nothing fetched), in the UI's language, resized with its
 * box. The chart is an image with a text alternative; every chart has a table of the same figures beside it.
 */
import { BarChart, BoxplotChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import langFR from 'echarts/i18n/langFR-obj.js';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

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

export function Chart({ option, label, height }: { option: EChartsCoreOption; label: string; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'fr' ? 'FR' : 'EN';
  const chart = useRef<echarts.ECharts | null>(null);

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
    chart.current?.setOption({ animation: false, aria: { enabled: true }, ...option }, true);
  }, [option, locale]);

  return <div ref={box} className="forecast-chart" role="img" aria-label={label} style={{ height }} />;
}
