/**
 * The plan report (File > Export… > Plan report): print-ready A4 pages over the whole window — a cover with the
 * plan's figures, balance and map, the hierarchy with people, counts, targets and forecast, then one page per
 * top-level territory with its people, figures and charts. Printed to PDF through the desktop (Electron's
 * printToPDF; the browser's print dialog), and each page can be saved as a PNG.
 *
 * Every page is one A4 sheet, on screen, printed and saved: a table longer than its page goes on over continuation
 * pages (the rows that do not fit, measured once laid out), so neither the PDF nor a saved PNG has a page taller
 * than A4. On-screen controls (a chart's "Show as table") are neither printed nor saved.
 */
import { toPng } from 'html-to-image';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PlanReport, ReportTerritory } from '../../../../shared/api/export';
import type { BalanceFigures } from '../../../../shared/api/compare';
import { attempt } from '../../actions';
import { desktop, desktopCall } from '../../bridge';
import { useModelQuery } from '../../data';
import { notify } from '../../stores/uiStore';
import { Chart } from '../compare/Chart';
import { ReportMap } from './ReportMap';
import { closeReport, useReportUi } from './reportStore';
import './report.css';
import { andMoreText } from '../../components/AndMore';
import { Modal } from '../../components/Modal';
import { errorText } from '../../modelWords';

/** A file name keeps the plan's name (Unicode included) minus the characters file systems refuse. */
function fileBase(planName: string, draft: boolean): string {
  const safe =
    planName
      .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'plan';
  return `${safe} - report${draft ? ' (draft)' : ''}`;
}

/** What a saved page leaves out: controls for the screen only (a chart's "Show as table"; hidden in print too). */
const SCREEN_ONLY = '.chart-table-toggle';

/** The rows of each long table that start a continuation page, by table ('hierarchy', or a territory's id). */
type PageBreaks = Record<string, number[]>;

const NO_BREAKS: PageBreaks = {};

/** `rows` cut where `breaks` says: the first index and the rows of each page. */
function pagesOf<T>(rows: readonly T[], breaks: readonly number[] = []): { start: number; rows: T[] }[] {
  const starts = [0, ...breaks.filter((at) => at > 0 && at < rows.length)];
  return starts.map((start, i) => ({ start, rows: rows.slice(start, starts[i + 1] ?? rows.length) }));
}

/**
 * Where each page that is longer than its sheet must break: the first row that ends below the page's content box,
 * and after it, from the same rows' heights, where its continuation pages (a header and the table's head above
 * their rows) will fill. A page always keeps one row. Answers only the breaks not already made.
 */
function measureBreaks(box: HTMLElement, known: PageBreaks): PageBreaks {
  const added: PageBreaks = {};
  for (const page of box.querySelectorAll<HTMLElement>('.report-page[data-table]')) {
    const key = page.dataset.table!;
    const style = getComputedStyle(page);
    const pageBox = page.getBoundingClientRect();
    const bottom = pageBox.bottom - Number.parseFloat(style.paddingBottom);
    const rows = [...page.querySelectorAll<HTMLElement>('tbody tr[data-row]')];
    const over = rows.findIndex((row, i) => i > 0 && row.getBoundingClientRect().bottom > bottom + 0.5);
    if (over < 0) continue;
    const breaks = (added[key] ??= []);
    breaks.push(Number(rows[over].dataset.row));
    // A continuation page holds its header and the table's head: the room below them, as on this page.
    const header = page.querySelector('.report-page-header')?.getBoundingClientRect().bottom ?? pageBox.top;
    const head = page.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const room = bottom - header - head - 24;
    let used = 0;
    for (let i = over; i < rows.length; i++) {
      const height = rows[i].getBoundingClientRect().height;
      if (used > 0 && used + height > room) {
        breaks.push(Number(rows[i].dataset.row));
        used = 0;
      }
      used += height;
    }
  }
  for (const [key, breaks] of Object.entries(added)) {
    const merged = [...new Set([...(known[key] ?? []), ...breaks])].sort((a, b) => a - b);
    if (merged.length === (known[key]?.length ?? 0)) delete added[key];
    else added[key] = merged;
  }
  return added;
}

function pngBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function ReportView() {
  const planId = useReportUi((s) => s.planId);
  if (!planId) return null;
  return createPortal(<ReportScreen key={planId} planId={planId} />, document.body);
}

/**
 * The report is a modal over the whole window (the shared Modal: the app behind is inert, focus stays in it, Escape
 * closes it). It is portalled to <body>, outside #root, so the print styles can hide the app and print it alone.
 */
function ReportScreen({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const report = useModelQuery('planReport', { planId });

  // While the report is open, printing prints it alone (report.css hides #root under html.report-open).
  useLayoutEffect(() => {
    document.documentElement.classList.add('report-open');
    return () => document.documentElement.classList.remove('report-open');
  }, []);

  const name = report.data?.plan.name ?? '';
  return (
    <Modal
      className="report-screen"
      label={t('report.dialogLabel', { name })}
      onClose={closeReport}
      closeOnBackdrop={false}
      focusDialog
    >
      {report.data ? (
        <ReportPages report={report.data} />
      ) : (
        <div className="report-toolbar">
          <span role="status">{report.error ? errorText(report.error) : t('report.loading')}</span>
          <button type="button" onClick={closeReport}>
            {t('report.close')}
          </button>
        </div>
      )}
    </Modal>
  );
}

function ReportPages({ report }: { report: PlanReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { plan, summary, territories } = report;
  const draft = plan.status !== 'final';
  const pagesBox = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState<{ page: number; pages: number } | null>(null);
  // Breaks measured for a language (another language lays the rows out anew).
  const [measured, setMeasured] = useState<{ language: string; breaks: PageBreaks }>({ language, breaks: {} });
  const breaks = measured.language === language ? measured.breaks : NO_BREAKS;
  // Web fonts change the rows' heights: measured again once they are in.
  const [fontsIn, setFontsIn] = useState(false);
  useEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => live && setFontsIn(true));
    return () => {
      live = false;
    };
  }, []);
  useLayoutEffect(() => {
    if (!pagesBox.current) return;
    const added = measureBreaks(pagesBox.current, breaks);
    if (Object.keys(added).length > 0) setMeasured({ language, breaks: { ...breaks, ...added } });
  }, [breaks, language, fontsIn, report]);
  const fmt = useMemo(() => {
    const count = new Intl.NumberFormat(language);
    const mean = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    const money = new Intl.NumberFormat(language, {
      style: 'currency',
      currency: plan.currency,
      maximumFractionDigits: 0,
    });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long' });
    return {
      count: (v: number) => count.format(v),
      mean: (v: number) => mean.format(v),
      money: (v: number | null | undefined) => (v === null || v === undefined ? t('report.none') : money.format(v)),
      percent: (v: number | null | undefined) =>
        v === null || v === undefined || !Number.isFinite(v) ? t('report.none') : percent.format(v),
      date: (iso: string) => date.format(new Date(iso)),
    };
  }, [language, plan.currency, t]);

  const root = territories.find((x) => x.parentId === null);
  const top = territories.filter((x) => x.parentId === root?.id);
  const hierarchyPages = pagesOf(territories, breaks.hierarchy);
  const topPages = top.map((territory) => pagesOf(subtreeOf(territories, territory.id), breaks[territory.id]));
  const pages = 1 + hierarchyPages.length + topPages.reduce((sum, p) => sum + p.length, 0);
  let pageNumber = 1 + hierarchyPages.length;
  const base = fileBase(plan.name, draft);

  const printPdf = async () => {
    const answer = await attempt(() => desktopCall(desktop.printToPdf({ suggestedName: `${base}.pdf` })));
    if (answer?.saved && answer.path) notify(t('report.pdfSaved', { path: answer.path }), 'success');
  };

  const savePngs = async () => {
    const elements = [...(pagesBox.current?.querySelectorAll<HTMLElement>('.report-page') ?? [])];
    let saved = 0;
    try {
      for (const [i, element] of elements.entries()) {
        setSaving({ page: i + 1, pages: elements.length });
        const dataUrl = await toPng(element, {
          pixelRatio: 1.5,
          backgroundColor: '#ffffff',
          cacheBust: false,
          filter: (node) => !(node instanceof Element && node.matches(SCREEN_ONLY)),
        });
        const answer = await attempt(() =>
          desktopCall(
            desktop.saveFile({
              suggestedName: `${base} - page ${i + 1}.png`,
              filters: [{ name: 'PNG', extensions: ['png'] }],
              data: pngBytes(dataUrl),
            }),
          ),
        );
        if (!answer?.saved) break;
        saved++;
      }
      if (saved > 0) notify(t('report.pngSaved', { count: saved }), 'success');
    } catch (error) {
      notify(t('report.pngFailed', { message: error instanceof Error ? error.message : String(error) }), 'error');
    } finally {
      setSaving(null);
    }
  };

  const header = (page: number) => (
    <header className="report-page-header">
      <span>
        {plan.name}
        {draft && <strong className="report-draft"> · {t('report.draftMark')}</strong>}
      </span>
      <span>{t('report.page', { page, pages })}</span>
    </header>
  );

  return (
    <>
      <div className="report-toolbar" role="toolbar" aria-label={t('report.title')}>
        <strong>{t('report.title')}</strong>
        <span className="muted small">
          {t('report.fiscalYear')} {report.fiscalYear}
        </span>
        <span className="report-toolbar-gap" />
        {saving && (
          <span role="status" className="muted small">
            {t('report.savingPng', saving)}
          </span>
        )}
        <button type="button" onClick={() => void printPdf()} disabled={saving !== null}>
          {desktop.host === 'electron' ? t('report.printPdf') : t('report.print')}
        </button>
        <button type="button" onClick={() => void savePngs()} disabled={saving !== null}>
          {t('report.savePng')}
        </button>
        <button type="button" className="primary" onClick={closeReport}>
          {t('report.close')}
        </button>
      </div>
      <div className="report-pages" ref={pagesBox}>
        <section className="report-page report-cover" aria-label={t('report.summary')}>
          {header(1)}
          <h1>{plan.name}</h1>
          <p className="report-meta">
            {t('report.status', { status: t(`plan.status.${plan.status}`) })} · {t('report.fiscalYear')}{' '}
            {report.fiscalYear} · {t('report.generated', { date: fmt.date(report.generatedAt) })}
          </p>
          {!summary.applied && (
            <p className="report-warning" role="note">
              {t('report.neverApplied')}
            </p>
          )}
          <h2>{t('report.summary')}</h2>
          <dl className="report-figures" aria-label={t('report.summary')}>
            {/* Every territory, the organisation (the root) included: the count the hierarchy shows. */}
            <Figure label={t('report.figures.territories')} value={fmt.count(summary.territories)} />
            <Figure label={t('report.figures.leaves')} value={fmt.count(summary.leaves)} />
            <Figure label={t('report.figures.assigned')} value={fmt.count(summary.assignedAccounts)} />
            <Figure label={t('report.figures.unassigned')} value={fmt.count(summary.unassignedAccounts)} />
            <Figure label={t('report.figures.target')} value={fmt.money(summary.forecast?.totals.target ?? null)} />
            <Figure label={t('report.figures.won')} value={fmt.money(summary.forecast?.totals.won)} />
            <Figure label={t('report.figures.pipeline')} value={fmt.money(summary.forecast?.totals.pipeline)} />
            <Figure label={t('report.figures.projected')} value={fmt.money(summary.forecast?.totals.projected)} />
            <Figure
              label={t('report.figures.projectedAttainment')}
              value={fmt.percent(summary.forecast?.totals.projectedAttainment)}
            />
            {summary.forecast && (
              <Figure
                label={t('report.figures.belowThreshold', { threshold: fmt.percent(summary.forecast.threshold) })}
                value={`${fmt.count(summary.forecast.belowThreshold)} / ${fmt.count(summary.forecast.withTarget)}`}
              />
            )}
          </dl>
          <h2>{t('report.balance')}</h2>
          <table className="report-table report-balance" aria-label={t('report.balance')}>
            <thead>
              <tr>
                <th scope="col">{t('report.balanceColumns.measure')}</th>
                <th scope="col">{t('report.balanceColumns.mean')}</th>
                <th scope="col">{t('report.balanceColumns.min')}</th>
                <th scope="col">{t('report.balanceColumns.max')}</th>
                <th scope="col">{t('report.balanceColumns.cv')}</th>
                <th scope="col">
                  {t('report.balanceColumns.within', { tolerance: fmt.percent(summary.balance.accounts.tolerance) })}
                </th>
              </tr>
            </thead>
            <tbody>
              {(['accounts', 'revenue', 'potential'] as const).map((measure) => (
                <BalanceRow
                  key={measure}
                  label={t(`report.measures.${measure}`)}
                  figures={summary.balance[measure]}
                  format={measure === 'accounts' ? fmt.mean : (v: number) => fmt.money(v)}
                  percent={fmt.percent}
                />
              ))}
            </tbody>
          </table>
          <h2>{t('report.map')}</h2>
          <ReportMap report={report} />
          {report.regionsWithoutShape.length > 0 && (
            <p className="muted small">
              {t('report.regionsWithoutShape', {
                keys: [
                  ...report.regionsWithoutShape.slice(0, 20),
                  ...(report.regionsWithoutShape.length > 20
                    ? [andMoreText(report.regionsWithoutShape.length - 20)]
                    : []),
                ].join(', '),
              })}
            </p>
          )}
        </section>

        {hierarchyPages.map((part, i) => (
          <section
            key={`hierarchy-${part.start}`}
            className="report-page"
            data-table="hierarchy"
            aria-label={i === 0 ? t('report.hierarchy') : t('report.continued', { name: t('report.hierarchy') })}
          >
            {header(2 + i)}
            {i === 0 && <h2>{t('report.hierarchy')}</h2>}
            <TerritoryTable
              rows={part.rows}
              start={part.start}
              fmt={fmt}
              label={i === 0 ? t('report.hierarchy') : t('report.continued', { name: t('report.hierarchy') })}
            />
          </section>
        ))}

        {top.map((territory, i) =>
          topPages[i].map((part, j) => {
            pageNumber++;
            return j === 0 ? (
              <TerritoryPage
                key={territory.id}
                territory={territory}
                rows={territories}
                subtree={part.rows}
                fmt={fmt}
                header={header(pageNumber)}
              />
            ) : (
              <section
                key={`${territory.id}-${part.start}`}
                className="report-page"
                data-table={territory.id}
                aria-label={t('report.continued', { name: territory.name })}
              >
                {header(pageNumber)}
                <TerritoryTable
                  rows={part.rows}
                  start={part.start}
                  fmt={fmt}
                  label={t('report.continued', { name: territory.name })}
                  baseDepth={territory.depth}
                />
              </section>
            );
          }),
        )}
      </div>
    </>
  );
}

interface Formatters {
  count: (v: number) => string;
  money: (v: number | null | undefined) => string;
  percent: (v: number | null | undefined) => string;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="report-figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function BalanceRow({
  label,
  figures,
  format,
  percent,
}: {
  label: string;
  figures: BalanceFigures;
  format: (v: number) => string;
  percent: (v: number) => string;
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{format(figures.mean)}</td>
      <td>{format(figures.min)}</td>
      <td>{format(figures.max)}</td>
      <td>{percent(figures.coefficientOfVariation)}</td>
      <td>{percent(figures.withinTolerance)}</td>
    </tr>
  );
}

function TerritoryTable({
  rows,
  start = 0,
  fmt,
  label,
  baseDepth = 0,
}: {
  rows: ReportTerritory[];
  /** Index of the first row in the whole table (a continuation page's rows go on from there). */
  start?: number;
  fmt: Formatters;
  label: string;
  baseDepth?: number;
}) {
  const { t } = useTranslation();
  return (
    <table className="report-table report-territories" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('report.columns.territory')}</th>
          <th scope="col">{t('report.columns.code')}</th>
          <th scope="col">{t('report.columns.manager')}</th>
          <th scope="col">{t('report.columns.accounts')}</th>
          <th scope="col">{t('report.columns.revenue')}</th>
          <th scope="col">{t('report.columns.target')}</th>
          <th scope="col">{t('report.columns.projected')}</th>
          <th scope="col">{t('report.columns.attainment')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.id} className={row.isLeaf ? undefined : 'report-parent-row'} data-row={start + i}>
            <th scope="row" style={{ paddingInlineStart: `${0.4 + (row.depth - baseDepth) * 1.1}em` }}>
              <span className="report-swatch" style={{ background: row.color }} aria-hidden="true" />
              {row.name}
            </th>
            <td>{row.code}</td>
            <td>{row.managers.join(', ')}</td>
            <td>{fmt.count(row.accounts)}</td>
            <td>{fmt.money(row.revenue)}</td>
            <td>{fmt.money(row.forecast?.target ?? (row.target || null))}</td>
            <td>{fmt.money(row.forecast?.projected)}</td>
            <td>{fmt.percent(row.forecast?.projectedAttainment)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function subtreeOf(rows: ReportTerritory[], rootId: string): ReportTerritory[] {
  const inside = new Set([rootId]);
  // Rows come in tree order: a row's parent is met before it.
  return rows.filter((row) => {
    if (row.id === rootId) return true;
    if (row.parentId !== null && inside.has(row.parentId)) {
      inside.add(row.id);
      return true;
    }
    return false;
  });
}

function TerritoryPage({
  territory,
  rows,
  subtree,
  fmt,
  header,
}: {
  territory: ReportTerritory;
  rows: ReportTerritory[];
  /** The rows of its table on this page (the first rows of its subtree). */
  subtree: ReportTerritory[];
  fmt: Formatters;
  header: ReactNode;
}) {
  const { t } = useTranslation();
  const children = rows.filter((r) => r.parentId === territory.id);
  const bars = children.length > 0 ? children : [territory];
  const names = bars.map((r) => r.name);
  const accountsOption = {
    grid: { left: 60, right: 60, top: 30, bottom: 70 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } }],
    series: [
      {
        name: t('report.columns.accounts'),
        type: 'bar',
        data: bars.map((r) => r.accounts),
        itemStyle: { color: territory.color },
      },
      {
        name: t('report.columns.revenue'),
        type: 'bar',
        yAxisIndex: 1,
        data: bars.map((r) => Math.round(r.revenue)),
        itemStyle: { color: '#94a3b8' },
      },
    ],
  };
  const targetsOption = {
    grid: { left: 80, right: 20, top: 30, bottom: 70 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
    series: [
      {
        name: t('report.columns.target'),
        type: 'bar',
        data: bars.map((r) => Math.round(r.forecast?.target ?? r.target)),
        itemStyle: { color: '#334155' },
      },
      {
        name: t('report.columns.projected'),
        type: 'bar',
        data: bars.map((r) => Math.round(r.forecast?.projected ?? 0)),
        itemStyle: { color: territory.color },
      },
    ],
  };
  return (
    <section className="report-page" data-table={territory.id} aria-label={territory.name}>
      {header}
      <h2>
        <span className="report-swatch" style={{ background: territory.color }} aria-hidden="true" />
        {territory.name} {territory.code && <span className="muted">({territory.code})</span>}
      </h2>
      <dl className="report-figures">
        <Figure label={t('report.columns.manager')} value={territory.managers.join(', ') || t('report.noManager')} />
        <Figure label={t('report.columns.members')} value={territory.members.join(', ') || t('report.noMembers')} />
        <Figure label={t('report.columns.accounts')} value={fmt.count(territory.accounts)} />
        <Figure label={t('report.columns.revenue')} value={fmt.money(territory.revenue)} />
        <Figure label={t('report.columns.target')} value={fmt.money(territory.forecast?.target ?? null)} />
        <Figure label={t('report.columns.projected')} value={fmt.money(territory.forecast?.projected)} />
        <Figure label={t('report.columns.attainment')} value={fmt.percent(territory.forecast?.projectedAttainment)} />
      </dl>
      <div className="report-charts">
        <figure>
          <figcaption>{t('report.chartAccounts')}</figcaption>
          <Chart
            option={accountsOption}
            label={t('report.chartAccountsLabel', { name: territory.name })}
            height={230}
            category={t('a11y.chart.territory')}
            format={(v, column) => (column === 0 ? fmt.count(v) : fmt.money(v))}
          />
        </figure>
        <figure>
          <figcaption>{t('report.chartTargets')}</figcaption>
          <Chart
            option={targetsOption}
            label={t('report.chartTargetsLabel', { name: territory.name })}
            height={230}
            category={t('a11y.chart.territory')}
            format={(v) => fmt.money(v)}
          />
        </figure>
      </div>
      <h3>{t('report.subTerritories')}</h3>
      <TerritoryTable rows={subtree} fmt={fmt} label={territory.name} baseDepth={territory.depth} />
    </section>
  );
}
