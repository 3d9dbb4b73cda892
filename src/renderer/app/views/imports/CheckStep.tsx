/**
 * The Check and Import steps: a progress bar with rows per second and Cancel while the model works, then what it
 * found (problems by row and column, counted per kind, the problem rows to save as CSV) or what it changed.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { CircleCheck, Download, MapPin, TriangleAlert } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCodes, type ImportProblem, type ProblemCode } from '../../../../shared/imports';
import { formatNumber } from '../../i18n';
import { showView } from '../../stores/uiStore';
import { showRecordsOf } from '../accounts/accountsStore';
import {
  closeImport,
  goTo,
  placeReportOf,
  placeValuesToCheck,
  restartImport,
  runImport,
  saveProblemRows,
  setOption,
  useImportStore,
} from './importStore';
import { StepLayout } from './ImportWizard';
import { problemText } from './labels';
import { ReconcileSummary } from './ReconcileSummary';
import { ImportTaskBar } from './ImportTaskBar';
import { appAction } from '../../shell/appActions';
import { keyText } from '../../viewActions';

export function CheckStep() {
  const { t } = useTranslation();
  const analysis = useImportStore((s) => s.analysis);
  const task = useImportStore((s) => s.task);
  const check = useImportStore((s) => s.check);
  const includeWarnings = useImportStore((s) => s.includeWarnings);
  const [shown, setShown] = useState<ProblemCode | null>(null);
  if (!analysis) return null;
  if (task || !check) {
    return (
      <StepLayout label={t('imports.steps.check')} actions={<span className="grow" />}>
        {task && <ImportTaskBar task={task} title={t('imports.checking', { name: analysis.fileName })} />}
      </StepLayout>
    );
  }
  const rows = includeWarnings ? check.validRows + check.rowsWithWarnings : check.validRows;
  const kinds = problemCodes.filter((code) => (check.counts[code] ?? 0) > 0);
  const listed = shown ? check.problems.filter((p) => p.code === shown) : check.problems;
  return (
    <StepLayout
      label={t('imports.steps.check')}
      actions={
        <>
          <button type="button" onClick={() => goTo('map')}>
            {t('imports.back')}
          </button>
          <span className="grow" />
          <button type="button" className="primary" disabled={rows === 0} onClick={() => void runImport()}>
            {t('imports.importRows', { count: rows, formatted: formatNumber(rows) })}
          </button>
        </>
      }
    >
      <h3>{t('imports.checkTitle')}</h3>
      <dl className="figure-cards import-figures">
        <div>
          <dt>{t('imports.rowsRead')}</dt>
          <dd>{formatNumber(check.rowsRead)}</dd>
        </div>
        <div className="good">
          <dt>{t('imports.validRows')}</dt>
          <dd>{formatNumber(check.validRows)}</dd>
        </div>
        <div className={check.rowsWithWarnings > 0 ? 'warn' : ''}>
          <dt>{t('imports.warningRows')}</dt>
          <dd>{formatNumber(check.rowsWithWarnings)}</dd>
        </div>
        <div className={check.rowsWithErrors > 0 ? 'bad' : ''}>
          <dt>{t('imports.errorRows')}</dt>
          <dd>{formatNumber(check.rowsWithErrors)}</dd>
        </div>
      </dl>
      {check.geocoded && Object.keys(check.geocoded).length > 0 && (
        <p className="import-located">
          <span className="muted">{t('imports.located')}</span>{' '}
          {(['exact', 'postal', 'city', 'region', 'country', 'none'] as const)
            .filter((p) => check.geocoded?.[p])
            .map((p) => `${t(`imports.precisions.${p}`)} ${formatNumber(check.geocoded![p]!)}`)
            .join(' · ')}{' '}
          <span className="muted import-geo-credit">{t('imports.geoCredit')}</span>
        </p>
      )}
      <ReconcileSummary check={check} includeWarnings={includeWarnings} />
      <PlacesSummary />
      {kinds.length === 0 ? (
        <p className="import-ok">
          <CircleCheck size={16} aria-hidden="true" /> {t('imports.noProblems')}
        </p>
      ) : (
        <>
          <div className="import-kind-counts" role="group" aria-label={t('imports.problemKinds')}>
            {kinds.map((code) => (
              <button
                key={code}
                type="button"
                className={`chip${shown === code ? ' active' : ''}`}
                aria-pressed={shown === code}
                onClick={() => setShown(shown === code ? null : code)}
              >
                {t(`imports.kindNames.${code}`)} <strong>{formatNumber(check.counts[code] ?? 0)}</strong>
              </button>
            ))}
            {shown && (
              <button type="button" className="link" onClick={() => setShown(null)}>
                {t('imports.showAll')}
              </button>
            )}
            <span className="grow" />
            {check.hasProblemRows && (
              <button type="button" onClick={() => void saveProblemRows()}>
                <Download size={15} aria-hidden="true" /> {t('imports.saveProblems')}
              </button>
            )}
          </div>
          <ProblemList problems={listed} />
          {check.totalProblems > check.problems.length && (
            <p className="muted small">
              {t('imports.problemListCut', {
                shown: formatNumber(check.problems.length),
                total: formatNumber(check.totalProblems),
              })}
            </p>
          )}
        </>
      )}
      {check.rowsWithWarnings > 0 && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeWarnings}
            onChange={(e) => setOption({ includeWarnings: e.target.checked })}
          />
          {t('imports.includeWarnings', {
            count: check.rowsWithWarnings,
            formatted: formatNumber(check.rowsWithWarnings),
          })}
        </label>
      )}
      {rows === 0 && (
        <p className="import-error" role="alert">
          {t('imports.nothingToImport')}
        </p>
      )}
    </StepLayout>
  );
}

/** How the place columns resolved, in one line, and the way to the Places step. */
function PlacesSummary() {
  const { t } = useTranslation();
  const check = useImportStore((s) => s.check);
  const report = placeReportOf(check);
  if (!report) return null;
  const count = placeValuesToCheck(report);
  return (
    <p className="import-places-summary">
      <MapPin size={16} aria-hidden="true" />
      <span>{count > 0 ? t('places.toCheck', { count, formatted: formatNumber(count) }) : t('places.allFound')}</span>
      <button type="button" className={count > 0 ? 'primary' : undefined} onClick={() => goTo('places')}>
        {t('places.review')}
      </button>
    </p>
  );
}

/** Problems by row and column, a virtual list (a file can have a thousand of them listed). */
function ProblemList({ problems }: { problems: ImportProblem[] }) {
  // Re-rendered on a switch of language (useTranslation): the rows in view are worded again, in the new words.
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 32,
    overscan: 10,
  });
  return (
    <div
      className="import-problem-list"
      role="table"
      aria-label={t('imports.problemList')}
      aria-rowcount={problems.length + 1}
    >
      <div role="rowgroup" className="import-problem-head">
        <div role="row" aria-rowindex={1} className="import-problem-row">
          <span role="columnheader">{t('imports.row')}</span>
          <span role="columnheader">{t('imports.column')}</span>
          <span role="columnheader">{t('imports.problem')}</span>
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="import-problem-body" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const problem = problems[item.index];
            // Only the rows in view are worded (a file can have thousands of problems).
            const text = problemText(problem);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`import-problem-row severity-${problem.severity}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <span role="cell" className="import-problem-rownum">
                  {problem.row}
                </span>
                <span role="cell" className="import-problem-column" title={problem.column ?? undefined}>
                  {problem.column ?? <em className="muted">{t('imports.wholeRow')}</em>}
                </span>
                <span role="cell" className="import-problem-text" title={text}>
                  {problem.severity !== 'notice' && (
                    <TriangleAlert size={13} aria-label={t(`imports.severity.${problem.severity}`)} />
                  )}{' '}
                  {text}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

export function ImportStep() {
  const { t } = useTranslation();
  const analysis = useImportStore((s) => s.analysis);
  const task = useImportStore((s) => s.task);
  const result = useImportStore((s) => s.result);
  if (!analysis) return null;
  if (task || !result) {
    return (
      <StepLayout label={t('imports.steps.import')} actions={<span className="grow" />}>
        {task && <ImportTaskBar task={task} title={t('imports.importing', { name: analysis.fileName })} />}
      </StepLayout>
    );
  }
  const kind = result.kind;
  return (
    <StepLayout
      label={t('imports.steps.import')}
      actions={
        <>
          <button type="button" onClick={() => restartImport(kind)}>
            {t('imports.another')}
          </button>
          <span className="grow" />
          <button
            type="button"
            onClick={() => {
              void closeImport();
              if (kind === 'user') showView('hierarchy');
              else showRecordsOf(kind);
            }}
          >
            {kind === 'user'
              ? t('imports.showPeople')
              : t('imports.showRecords', { kind: t(`records.kindsLower.${kind}`) })}
          </button>
          <button type="button" className="primary" onClick={() => void closeImport()}>
            {t('imports.done')}
          </button>
        </>
      }
    >
      <h3 className="import-done">
        <CircleCheck size={20} aria-hidden="true" /> {t('imports.doneTitle')}
      </h3>
      <p className="muted">{result.fileName}</p>
      <dl className="figure-cards import-figures">
        <div className="good">
          <dt>{t('imports.created')}</dt>
          <dd>{formatNumber(result.created)}</dd>
        </div>
        <div>
          <dt>{t('imports.updated')}</dt>
          <dd>{formatNumber(result.updated)}</dd>
        </div>
        <div className={result.skipped > 0 ? 'warn' : ''}>
          <dt>{t('imports.skipped')}</dt>
          <dd>{formatNumber(result.skipped)}</dd>
        </div>
      </dl>
      {result.undoable && <p className="muted">{t('imports.undoable', { undoKey: keyText(appAction('undo')) })}</p>}
    </StepLayout>
  );
}
