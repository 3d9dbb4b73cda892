/** ECharts ships its locales as plain objects without type declarations. */
declare module 'echarts/i18n/langFR-obj.js' {
  const locale: Record<string, unknown>;
  export default locale;
}
